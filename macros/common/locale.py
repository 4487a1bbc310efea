"""The two languages of the site: their order, texts, dates and country names.

The language list lives here and nowhere else in Python; each language's configuration
(mkdocs.yml, mkdocs.en.yml) names its own in `theme.language`, and a test checks they agree.
"""

from __future__ import annotations

import calendar
import datetime
import unicodedata
from dataclasses import dataclass
from functools import cache, total_ordering

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


@total_ordering
@dataclass(frozen=True)
class PartialDate:
    """A date known to the day, the month or only the year, as the source gives it.

    Dates are ordered by their first day, the less precise first when that day is the same:
    `2024` < `2024-01` < `2024-01-01` < `2024-01-02` < `2024-02`. Comparing the fields as they
    are would compare a missing month with a number, which Python refuses.
    """

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

    @classmethod
    def of(cls, day: datetime.date) -> "PartialDate":
        return cls(day.year, day.month, day.day)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def iso(self) -> str:
        return "-".join(f"{part:02d}" for part in (self.year, self.month, self.day) if part)

    def first_day(self) -> datetime.date:
        """The first day the date covers: 1 March 2022 for `2022-03`, 1 January for a year."""
        return datetime.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> datetime.date:
        """The last day the date covers: 31 March 2022 for `2022-03`, 31 December for a year."""
        if self.day:
            return datetime.date(self.year, self.month, self.day)
        if self.month:
            return datetime.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return datetime.date(self.year, 12, 31)

    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key() < other.sort_key()

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
    """One date, or `start – end`; years alone as a period is written: 2022–2026."""
    if end is None or end == start:
        return str(start.year) if start.precision == "year" else start.format(lang)
    if start.precision == end.precision == "year":
        return f"{start.year}–{end.year}"
    return f"{start.format(lang)} – {end.format(lang)}"


# Where the site's usage differs from CLDR's short name: one spelling everywhere, the official one.
# The Republic of Korea is named as Korea and Viet Nam name it in English, never CLDR's "South Korea".
_COUNTRY_NAMES = {("BN", "vi"): "Brunei Darussalam", ("BN", "en"): "Brunei Darussalam", ("VN", "en"): "Viet Nam",
                  ("KR", "en"): "Republic of Korea"}


@cache
def country_name(code: str, lang: str) -> str:
    """The country's usual name in `lang`, from the Unicode CLDR data Babel ships (the site's spelling first)."""
    return _COUNTRY_NAMES.get((code, lang)) or Locale(lang).territories.get(code, code)


_VIETNAMESE_LETTERS = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split()
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: part of the letter
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # huyền, hỏi, ngã, sắc, nặng


def sort_key(text: str, lang: str) -> tuple:
    """How a reader of `lang` orders `text` in a list: Vietnamese letters and tones in dictionary order.

    Vietnamese sorts ă and â after a, đ after d, ê after e, ô and ơ after o, ư
    after u, and the tones last (none, huyền, hỏi, ngã, sắc, nặng); English
    ignores accents and case. Babel has no collation, and ICU is a heavy
    system dependency for one list of country names.
    """
    if lang != "vi":
        decomposed = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
        return ("".join(char for char in decomposed if not unicodedata.combining(char)), text)
    letters, tones = [], []
    for char in unicodedata.normalize("NFC", text.casefold()):
        parts = unicodedata.normalize("NFD", char)
        base = parts[0] + "".join(mark for mark in parts[1:] if mark in _LETTER_MARKS)
        letter = unicodedata.normalize("NFC", base)
        letters.append(_VIETNAMESE_LETTERS.index(letter) + 100 if letter in _VIETNAMESE_LETTERS else ord(parts[0]))
        tones.append(sum(_TONES.get(mark, 0) for mark in parts[1:]))
    return (letters, tones, text)


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
