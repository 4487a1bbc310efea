"""The annual reports as files of the site: one PDF per year and language, rendered once per content.

`/reports/<year>.pdf` is Vietnamese and `/en/reports/<year>.pdf` English, for
every year with an annual plan or an activity (`Model.report_years`). Each is
the report's content as JSON (`macros/files/report_content.py`), typeset by
Typst with the templates of templates/report/ (`macros/files/typeset.py`).

A PDF is known by a digest of everything it is made of: its JSON, the files of
templates/report/ (templates, fonts) and Typst's version. The digest keys two
caches: one held for the life of the process (`mkdocs serve` rebuilds reuse the
first's work) and one on disk, `.cache/reports/` (git-ignored; `REPORTS_CACHE`
names another folder, or `off`), so that a build prints again only the reports
whose content changed. The same input gives the same bytes
(tests/test_report.py), so a cached PDF is the PDF a fresh printing would give.
Reports to print are shared between the machine's cores (`typeset.Workers`).

On disk a PDF is `<digest>.<SHA-256 of the file>.pdf`: an entry whose content
does not match its name (cut short, bytes zeroed by a damaged disk) is removed
and printed again. An entry is written under another name first and renamed,
so it is whole or absent even when two builds store it at once. The cache is
only an optimisation: a folder that cannot be read or written (read-only, a
file in its place, an entry that is a folder) is left alone for the rest of the
run, which says so in one line on stderr, not as a logged warning: `mkdocs build
--strict` fails on any warning, and `python -m macros report` shows no log.

`mkdocs serve` prints nothing (`printing=False`): a preview rebuilds after every
edit, and reprinting the edited year in both languages would add more than a
second to each at 1,000 activities. It links the reports the cache already has for the
same content; the others are `Report`s without content, which the pages name as
not printed in the preview (`make build` prints them).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from pathlib import Path

from macros.common import messages
from macros.common.interface import language_root
from macros.common.locale import LANGUAGES
from macros.files import report_content, typeset
from macros.files.report import YearReport, year_report
from macros.model.records import Model


FOLDER = "reports"
CACHE_VARIABLE = "REPORTS_CACHE"  # a folder for the printed reports, or "off"
CACHE = Path(".cache") / "reports"  # below the root of the project being built, not of this code's checkout
CACHE_KEEP = 64  # PDFs kept on disk, the most recently used


@dataclass(frozen=True)
class Report:
    """One year's report in one language: where it goes and its bytes (None: not printed in this preview)."""

    year: int
    lang: str
    content: bytes | None

    @property
    def path(self) -> str:
        return report_path(self.year, self.lang)

    @property
    def printed(self) -> bool:
        return self.content is not None

    @property
    def size(self) -> int:
        return len(self.content or b"")


def report_path(year: int, lang: str) -> str:
    """Below the site root: `reports/2024.pdf`, `en/reports/2024.pdf`."""
    return f"{language_root(lang)}{FOLDER}/{year}.pdf"


def source(report: YearReport, lang: str, site_url: str) -> str:
    """The report's content in `lang` as the JSON Typst reads: what the digest is computed from."""
    content = report_content.content(report, lang, site_url, report_path(report.year, lang))
    return json.dumps(content, ensure_ascii=False, separators=(",", ":"))


_printed: dict[str, bytes] = {}  # digest → PDF, for the reports of the latest build


def reports(model: Model, site_url: str, root: Path, years: list[int] | None = None,
            printing: bool = True) -> list[Report]:
    """The reports of `years` (default: every report year) in both languages, printed where not cached.

    `root` is the project being built: its cache is used, whichever checkout this code runs from. Without
    `printing`, a report the cache does not have comes without content. Each report's JSON is written here
    while the workers typeset the ones before it.
    """
    years = model.report_years() if years is None else years
    disk, as_of = DiskCache(root), model.as_of().first_day()
    digests: dict[tuple[int, str], str] = {}
    found: dict[str, bytes | None] = {}
    with typeset.Workers(len(years) * len(LANGUAGES)) as workers:
        for year in years:
            said = year_report(model, year)  # what the year's report says, in either language
            for lang in LANGUAGES:
                text = source(said, lang, site_url)
                value = digests[year, lang] = digest(text)
                if value in found or value in workers:
                    continue
                found[value] = _printed[value] if value in _printed else disk.read(value)
                if found[value] is None and printing:
                    workers.submit(value, text, as_of)
        new = workers.results()
    if new:
        disk.store(new)
    printed = {**{value: content for value, content in found.items() if content is not None}, **new}
    _printed.clear()
    _printed.update(printed)
    return [Report(year, lang, printed.get(value)) for (year, lang), value in digests.items()]


class DiskCache:
    """The PDFs printed earlier, in the folder REPORTS_CACHE names (default: the project's `.cache/reports/`;
    `off`: none)."""

    def __init__(self, root: Path):
        chosen = os.environ.get(CACHE_VARIABLE, "")
        self.folder = None if chosen == "off" else Path(chosen) if chosen else root / CACHE

    def read(self, key: str) -> bytes | None:
        """The whole PDF stored under `key`; None if there is none, it is damaged or the folder fails."""
        return self._attempt(_entry, key)

    def store(self, printed: dict[str, bytes]) -> None:
        """Keep newly printed PDFs (keyed by digest), unless the folder fails."""
        self._attempt(_keep, printed)

    def _attempt(self, action, *values):
        """`action(folder, *values)`; after the folder's first failure, said once, None and the cache left alone."""
        if self.folder is None:
            return None
        try:
            return action(self.folder, *values)
        except OSError as failed:
            print(messages.text("report_cache_skipped", folder=self.folder, error=failed.strerror or failed),
                  file=sys.stderr)
            self.folder = None
            return None


def _entry(folder: Path, key: str) -> bytes | None:
    """The PDF stored under `key` if its content is what its name says; a damaged one is removed."""
    for path in folder.glob(f"{key}.*.pdf"):
        content = path.read_bytes()
        if hashlib.sha256(content).hexdigest() == path.name.removeprefix(f"{key}.").removesuffix(".pdf"):
            path.touch()  # recently used: kept when the cache is trimmed
            return content
        path.unlink()
    return None


def _keep(folder: Path, printed: dict[str, bytes]) -> None:
    """Store each PDF whole or not at all, named by its digest and its content's; keep the most recently used."""
    folder.mkdir(parents=True, exist_ok=True)
    for key, content in printed.items():
        partial = folder / f".{key}.{os.getpid()}"
        try:
            partial.write_bytes(content)
            partial.replace(folder / f"{key}.{hashlib.sha256(content).hexdigest()}.pdf")  # a rename: atomic
        finally:
            partial.unlink(missing_ok=True)  # only if writing failed half-way
    kept = sorted(folder.glob("*.pdf"), key=lambda path: path.stat().st_mtime_ns, reverse=True)
    for old in kept[CACHE_KEEP:]:
        old.unlink(missing_ok=True)


def by_year(reports_: list[Report], lang: str) -> dict[int, list[Report]]:
    """Each year's reports, the one in `lang` first: what a page in `lang` links to."""
    years: dict[int, list[Report]] = {}
    for report in sorted(reports_, key=lambda report: (report.year, report.lang != lang)):
        years.setdefault(report.year, []).append(report)
    return years


def digest(text: str) -> str:
    """What a report's PDF is made of, as 32 hexadecimal digits: its JSON, its templates and fonts, Typst's version."""
    return hashlib.sha256(text.encode("utf-8") + _style_digest()).hexdigest()[:32]


def _style_digest() -> bytes:
    files = sorted(path for path in typeset.REPORT_DIR.rglob("*") if path.is_file())
    stamp = tuple((path.as_posix(), path.stat().st_mtime_ns, path.stat().st_size) for path in files)
    return _digest_of(stamp)


@cache
def _digest_of(stamp: tuple) -> bytes:
    made_of = hashlib.sha256(f"typst {version('typst')}".encode())
    for name, _, _ in stamp:
        made_of.update(Path(name).read_bytes())
    return made_of.digest()
