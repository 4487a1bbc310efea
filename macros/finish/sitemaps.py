"""The sitemaps: each language's own (a sitemap may list only pages below it), the reports' entries, and the
compressed copy, stamped so that two builds give the same bytes."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from macros.files import reports

def only_below(sitemap: str, prefix: str) -> str:
    """The sitemap's entries whose address starts with `prefix`: a sitemap may list only pages below it."""
    entries = re.findall(r"\s*<url>.*?</url>", sitemap, flags=re.S)
    kept = "".join(entry for entry in entries if f"<loc>{prefix}" in entry)
    return re.sub(r"(\s*<url>.*?</url>)+", lambda _: kept, sitemap, count=1, flags=re.S)


def report_entries(printed_reports: list[reports.Report], last_date: str) -> list[dict]:
    """The printed annual reports as the sitemap lists them: each with its date and its year's other languages."""
    printed = [report for report in printed_reports if report.printed]
    return [{"path": report.path, "lastmod": last_date,
             "alternates": sorted((other.lang, other.path) for other in printed if other.year == report.year)}
            for report in printed]


def compress(sitemap: Path) -> None:
    """`sitemap.xml.gz` beside `sitemap`: MkDocs stamps its own with a local-time date, which varies by machine."""
    with gzip.GzipFile(sitemap.with_suffix(".xml.gz"), "wb", mtime=0) as packed:
        packed.write(sitemap.read_bytes())
