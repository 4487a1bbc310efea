"""The choice of language for what the validator, the build and the commands print, and their messages, which are
the `messages` section of the one catalogue of the project's words, templates/words.yml.

The ministry's editors read Vietnamese; CI logs stay English. One run speaks one
language: `python -m macros --lang vi|en`, else the MACROS_LANG variable, else a
locale (LC_ALL, LC_MESSAGES, LANG) starting with `vi`, else English. `mkdocs build`
reads the same variables, so the build and the validator always agree.
Field names, values and ids are data, never translated: they stay in backticks.
"""

from __future__ import annotations

import os

from macros.common.interface import labels
from macros.common.locale import LANGUAGES


VARIABLE = "MACROS_LANG"
DEFAULT = "en"  # for CI logs and anyone whose locale is not Vietnamese


class UnknownLanguage(ValueError):
    """MACROS_LANG names no language of the messages; the commands and the build print this and stop."""


def language() -> str:
    """The language of this run's messages (see the module's docstring)."""
    chosen = os.environ.get(VARIABLE, "")
    if chosen:
        if chosen not in LANGUAGES:  # a typo must not silently give the other language; with none to say it in, both
            raise UnknownLanguage(" · ".join(text_in(lang, "bad_language", value=chosen, allowed=", ".join(LANGUAGES))
                                             for lang in LANGUAGES))
        return chosen
    system = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG", "")
    return "vi" if system.startswith("vi") else DEFAULT


def text(key: str, **values) -> str:
    """The message `key` in the run's language, with `values` filled in."""
    return text_in(language(), key, **values)


def text_in(lang: str, key: str, **values) -> str:
    """The message `key` in `lang` (a page of the site speaks its own language)."""
    return catalogue()[key][lang].format(**values)


def catalogue() -> dict[str, dict[str, str]]:
    """Every message, by key, in each language."""
    return labels()["messages"]


def plural(key: str, count: int, **values) -> str:
    """`key_one` or `key_other` by `count` (Vietnamese has one form; English two)."""
    return text(f"{key}_{'one' if count == 1 else 'other'}", count=count, **values)
