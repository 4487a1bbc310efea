"""The report's JSON to PDF with Typst: bundled fonts only, nothing read outside templates/report/, the same bytes.

- Data is data: the report's content reaches templates/report/report.typ as one
  JSON value (`sys.inputs.report`), which the templates place as text; no record
  is ever pasted into Typst source.
- Nothing outside the report's folder: Typst's root is templates/report/, which
  holds only the templates and the fonts; a template cannot read any other file.
- The same bytes on every machine: the fonts are those of templates/report/fonts
  only (no system font, not even Typst's own), and the date Typst writes is the
  data's (`Model.as_of`), never the clock's.
- Tagged: PDF/UA-1, with the document's language, title and structure; Typst
  refuses to write a PDF/UA file that misses one of them, and any warning it
  gives (a font not found, a label missing) stops the printing too.
- Never in the calling process: Typst lays out on threads of its own, and
  threads do not survive a fork, so a process that had run Typst and then forked
  (the build forks its English build and the validator's workers) would leave
  the child waiting forever for threads it does not have. `Workers` runs Typst
  in processes forked for it, one per core, so the process that forks never has.
"""

from __future__ import annotations

from concurrent.futures import Future
from contextlib import ExitStack
from datetime import date, datetime, time, timezone
from functools import cache

import typst

from macros.common.cores import cores, forked_pool
from macros.common.interface import TEMPLATE_DIR


REPORT_DIR = TEMPLATE_DIR / "report"  # the templates and fonts: Typst's root, all it may read
MAIN = REPORT_DIR / "report.typ"
FONT_DIR = REPORT_DIR / "fonts"
STANDARD = "ua-1"


class Workers:
    """Reports typeset in worker processes, forked at the first report given (none if none is): they start with
    the build's memory shared, not copied. Typst's own threads use what the workers leave of the cores."""

    def __init__(self, most: int):
        self.count = max(1, min(most, cores()))
        self.pool = None
        self.jobs: dict[str, Future] = {}
        self.stack = ExitStack()  # the pool, once started

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *failure) -> bool:
        return self.stack.__exit__(*failure)

    def __contains__(self, key: str) -> bool:
        return key in self.jobs

    def submit(self, key: str, report: str, as_of: date) -> None:
        """Start typesetting `report` (JSON) dated `as_of` on the next free worker; `results` gives it by `key`."""
        if self.pool is None:
            self.pool = self.stack.enter_context(forked_pool(self.count))
        self.jobs[key] = self.pool.submit(typeset, report, as_of)

    def results(self) -> dict[str, bytes]:
        """Each submitted report's PDF by its key, once all are done; RuntimeError with Typst's words if one failed."""
        return {key: job.result() for key, job in self.jobs.items()}


def typeset(report: str, as_of: date) -> bytes:
    """The PDF of one report's content as JSON (reports.source), dated `as_of`: in a worker, never in the build.

    Raises RuntimeError with Typst's own words.
    """
    try:
        printed, warnings = _compiler().compile_with_warnings(
            sys_inputs={"report": report}, pdf_standards=[STANDARD],
            timestamp=datetime.combine(as_of, time(), timezone.utc))
    except typst.TypstError as failed:
        raise RuntimeError(f"Typst: {failed.message}") from None
    if warnings:
        raise RuntimeError("Typst: " + "; ".join(warning.message for warning in warnings))
    return printed


@cache
def _compiler() -> typst.Compiler:
    """One compiler per worker: it reads the templates and fonts once for all the reports the worker typesets."""
    fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=[FONT_DIR])
    return typst.Compiler(MAIN, root=REPORT_DIR, font_paths=fonts, ignore_system_fonts=True)
