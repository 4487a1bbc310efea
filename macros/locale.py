"""The two languages of the site: their order, texts, dates and country names.

The language list lives here and nowhere else in Python; mkdocs.yml names the
same two languages for mkdocs-static-i18n, and a test checks the two agree.
"""

from __future__ import annotations

import datetime
import unicodedata
from dataclasses import dataclass
from functools import cache

from babel import Locale

LANGUAGES = ("vi", "en")  # first = default, served at the site root
DEFAULT_LANGUAGE = LANGUAGES[0]

_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July",
              "August", "September", "October", "November", "December")


@dataclass(frozen=True)
class Text:
    """A localised text; `en` is None while its translation is pending."""

    vi: str
    en: str | None

    @classmethod
    def from_data(cls, data: dict) -> "Text":
        return cls(data["vi"], data.get("en"))

    def pending(self, lang: str) -> bool:
        """True when `lang` has no text yet and the Vietnamese is shown instead."""
        return getattr(self, lang) is None

    def get(self, lang: str) -> str:
        return getattr(self, lang) or self.vi

    def lang_of(self, lang: str) -> str:
        """The language the returned text is actually in (for the `lang` attribute)."""
        return DEFAULT_LANGUAGE if self.pending(lang) else lang


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the day, the month or only the year, as the source gives it."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> "PartialDate":
        """Parse `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; raise ValueError on an impossible date."""
        parts = [int(part) for part in text.split("-")]
        if len(parts) == 3:
            datetime.date(*parts)  # raises ValueError for 2024-02-31
        elif len(parts) == 2 and not 1 <= parts[1] <= 12:
            raise ValueError("month must be in 1..12")
        return cls(*parts)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def iso(self) -> str:
        return "-".join(f"{part:02d}" for part in (self.year, self.month, self.day) if part)

    def first_day(self) -> datetime.date:
        """The first day the date covers: 1 March 2022 for `2022-03`, 1 January for a year."""
        return datetime.date(self.year, self.month or 1, self.day or 1)

    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def format(self, lang: str) -> str:
        """15/11/2022 or 15 November 2022; tháng 3/2022 or March 2022; 2022."""
        if lang == "vi":
            if self.day:
                return f"{self.day:02d}/{self.month:02d}/{self.year}"
            if self.month:
                return f"tháng {self.month}/{self.year}"
            return f"năm {self.year}"
        if self.day:
            return f"{self.day} {_MONTHS_EN[self.month - 1]} {self.year}"
        if self.month:
            return f"{_MONTHS_EN[self.month - 1]} {self.year}"
        return str(self.year)


def format_range(start: PartialDate, end: PartialDate | None, lang: str) -> str:
    """One date, or `start – end`."""
    if end is None or end == start:
        return start.format(lang)
    return f"{start.format(lang)} – {end.format(lang)}"


@cache
def country_name(code: str, lang: str) -> str:
    """The country's usual name in `lang`, from the Unicode CLDR data Babel ships."""
    return Locale(lang).territories.get(code, code)


def slugify(value: str, separator: str = "-") -> str:
    """Heading anchors that stay readable in Vietnamese: `Định hướng` → `dinh-huong`.

    Decomposing and dropping the accents handles every letter but `đ`, which is
    a letter of its own in Unicode and would otherwise be lost.
    """
    value = value.replace("đ", "d").replace("Đ", "D")
    value = unicodedata.normalize("NFKD", value)
    value = "".join(char for char in value if not unicodedata.combining(char))
    words = "".join(char if char.isascii() and char.isalnum() else " " for char in value.lower()).split()
    return separator.join(words)
