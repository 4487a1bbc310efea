"""What the project keeps between calls, for inputs that change while it runs (`mkdocs serve` rebuilds in one
process): one value, computed again when its key changes, so that nothing grows as the files are edited.

What never changes while the process runs (the schemas, the fonts, the Jinja environment) is kept by
`functools.cache` instead: the other idiom of the project, and the only other one.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Generic, TypeVar

Value = TypeVar("Value")
_NOTHING = object()


class Latest(Generic[Value]):
    """The value last computed and the key it was computed for; `same` says when two keys are one (`==`, or
    `operator.is_` for a key that is an object, such as a dataset)."""

    def __init__(self, same: Callable[[object, object], bool] = operator.eq):
        self.same, self.key, self.value = same, _NOTHING, None

    def get(self, key, compute: Callable[[], Value]) -> Value:
        """The value for `key`: the one kept if it was computed for the same key, else `compute()`, kept instead."""
        if self.key is _NOTHING or not self.same(key, self.key):
            self.value, self.key = compute(), key
        return self.value
