"""Two editors' changes to one record, put together value by value, or the places where they collide.

The browser editor saves a whole form. When the file changed after the form was opened (in a
second tab, in a text editor, by `git pull`), writing the form as it is would silently undo that
change. A three-way merge keeps both: from the version the form was opened on (`base`), each value
that only one side changed takes that side's value; a value both sides changed, differently, is a
conflict, and nothing is written. Mappings merge key by key and lists of the same length item by
item; a list that grew or shrank on both sides is one value (its items have no identity to follow).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from macros.reading.load import Path_, describe

ABSENT = object()  # a key one version does not have


@dataclass
class Merged:
    value: object
    conflicts: list[Path_] = field(default_factory=list)

    def places(self) -> str:
        """The conflicting fields as an editor reads them: `agreements[1].state`, `title.en`."""
        return ", ".join(describe(path) for path in self.conflicts)


def merged(base, mine, theirs) -> Merged:
    """`mine` and `theirs`, both derived from `base`, as one value; ABSENT stands for a missing key."""
    result = Merged(None)
    result.value = _merge(base, mine, theirs, (), result.conflicts)
    return result


def _merge(base, mine, theirs, path: Path_, conflicts: list[Path_]):
    if mine == theirs or theirs == base:
        return mine
    if mine == base:
        return theirs
    if all(isinstance(value, dict) for value in (base, mine, theirs)):
        keys = [*theirs, *(key for key in mine if key not in theirs)]
        values = {key: _merge(base.get(key, ABSENT), mine.get(key, ABSENT), theirs.get(key, ABSENT),
                              (*path, key), conflicts) for key in keys}
        return {key: value for key, value in values.items() if value is not ABSENT}
    if all(isinstance(value, list) for value in (base, mine, theirs)) and len(base) == len(mine) == len(theirs):
        return [_merge(*items, (*path, index), conflicts) for index, items in enumerate(zip(base, mine, theirs))]
    conflicts.append(path)
    return theirs
