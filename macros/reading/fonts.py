"""Which characters the bundled fonts can draw, so that no text is accepted that the annual report cannot print.

The annual reports (PDF) are printed with the fonts bundled in templates/report/fonts
only, so that every machine prints the same bytes. A character none of them has
(a script they do not cover, a code point Unicode does not assign, a private-use
code) would stop the build; the validator therefore refuses it where it is written.
"""

from __future__ import annotations

import re
from functools import cache

from macros.common.interface import TEMPLATE_DIR

FONT_DIR = TEMPLATE_DIR / "report" / "fonts"
_ALWAYS_DRAWN = frozenset(range(0x20, 0x7F)) | {0x09, 0x0A}  # ASCII letters, digits, signs; tab and line feed


@cache
def drawable() -> frozenset[int]:
    """The code points every bundled font (regular, bold, italic) has a glyph for."""
    from fontTools.ttLib import TTFont  # imported only when a text goes beyond ASCII

    covered = None
    for font_file in sorted(FONT_DIR.glob("*.ttf")):
        with TTFont(font_file, lazy=True) as font:
            points = frozenset(font.getBestCmap())
        covered = points if covered is None else covered & points
    return (covered or frozenset()) | _ALWAYS_DRAWN


@cache
def _undrawable() -> re.Pattern:
    """A pattern matching any character outside `drawable()`: one search in C instead of a loop per character
    (the validator checks every text of every record)."""
    ranges, points = [], sorted(drawable())
    for point in points:
        if ranges and ranges[-1][1] == point - 1:
            ranges[-1][1] = point
        else:
            ranges.append([point, point])
    return re.compile("[^" + "".join(f"{_escaped(first)}-{_escaped(last)}" for first, last in ranges) + "]")


def _escaped(point: int) -> str:
    return f"\\U{point:08x}"


def first_undrawable(value: str) -> str | None:
    """The first character of `value` that the bundled fonts cannot draw, if any."""
    if value.isascii():
        return None
    found = _undrawable().search(value)
    return found.group() if found else None
