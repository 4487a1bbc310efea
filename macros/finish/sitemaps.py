"""The sitemaps, written over the built site from the counterpart map: the whole site's at the root, each other
language's own below its root (a sitemap may list only addresses below it), and the compressed copy, stamped so
that two builds give the same bytes.

Every page and annual report is listed with its counterparts (hreflang) and x-default, the default language's.
`lastmod` is the newest date of the data, never the day of the build.
"""

from __future__ import annotations

import gzip
from html import escape
from itertools import chain
from pathlib import Path

from macros.common.interface import language_root
from macros.common.locale import LANGUAGES
from macros.files import reports
from macros.pages.alternates import X_DEFAULT
from macros.pages.counterparts import Counterparts

_HEADER = ('<?xml version="1.0" encoding="UTF-8"?>\n'
           '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">')


def write(site_dir: Path, site_url: str, counterparts: Counterparts, printed: list[reports.Report],
          last_date: str) -> None:
    """`sitemap.xml` (every language's pages, then the reports) and `sitemap.xml.gz` at the root; below each other
    language's root, its own `sitemap.xml`."""
    pages = {lang: [_entry(site_url, language_root(lang) + address, counterparts.of(address), last_date)
                    for address in counterparts.pages[lang]] for lang in LANGUAGES}
    shown = [report for report in printed if report.printed]
    documents = [(report.lang, _entry(site_url, report.path, _report_alternates(report, shown), last_date))
                 for report in shown]
    whole = site_dir / "sitemap.xml"
    whole.write_text(_sitemap([*chain.from_iterable(pages.values()), *(entry for _, entry in documents)]),
                     encoding="utf-8")
    for lang in LANGUAGES[1:]:
        own = pages[lang] + [entry for of, entry in documents if of == lang]
        (site_dir / language_root(lang) / "sitemap.xml").write_text(_sitemap(own), encoding="utf-8")
    with gzip.GzipFile(whole.with_suffix(".xml.gz"), "wb", mtime=0) as packed:
        packed.write(whole.read_bytes())


def _report_alternates(report: reports.Report, shown: list[reports.Report]) -> dict[str, str]:
    return {other.lang: other.path for other in shown if other.year == report.year}


def _entry(site_url: str, path: str, alternates: dict[str, str], last_date: str) -> str:
    """One `<url>`: its address, its date, its counterparts by language, then x-default."""
    links = sorted(alternates.items())
    if LANGUAGES[0] in alternates:
        links.append((X_DEFAULT, alternates[LANGUAGES[0]]))
    return ("\n    <url>\n"
            f"        <loc>{escape(site_url + path)}</loc>\n"
            f"        <lastmod>{last_date}</lastmod>"
            + "".join(f'\n        <xhtml:link rel="alternate" hreflang="{lang}" href="{escape(site_url + other)}"/>'
                      for lang, other in links)
            + "\n    </url>")


def _sitemap(entries: list[str]) -> str:
    return _HEADER + "".join(entries) + "\n</urlset>"
