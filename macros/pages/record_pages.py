"""One page per record and language, written from the record's template.

A record page is virtual: it exists only in memory during the build, so
nothing is ever written into the source tree. Its template writes HTML, not
Markdown: the record plugin hands MkDocs an empty Markdown source and puts the
HTML, the page's metadata and its table of contents in place afterwards, which
spares Markdown from re-reading thousands of pages of HTML.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from html import unescape
from itertools import groupby
from typing import Iterator

from markupsafe import escape

from macros.common.collections import COLLECTIONS, relations
from macros.common.interface import language_root
from macros.common.locale import Text, sort_key
from macros.model.records import Model, PlanElement, Record, Source
from macros.pages import jsonld
from macros.rendering.citation import cite
from macros.rendering.templates import PageContext, render


# The attributes that lead to other records (each relation, both ways), up to what holds a plan element, or to the
# record's changes: a record's own texts are found without following them.
_LINK_FIELDS = ({name for _, relation in relations() for name in (relation.link, relation.back)}
                | set(PlanElement.HOLDERS) | {"history"})


@dataclass(frozen=True)
class VirtualPage:
    """A generated page: its source name for MkDocs, its URL path, its HTML and its metadata."""

    lang: str
    src_uri: str  # e.g. "en/partners/kr-mois.md": the language folder, as hand-written pages have
    path: str     # e.g. "en/partners/kr-mois/"
    html: str
    meta: dict    # title, description, image, JSON-LD: what a front matter would give the theme

    def toc(self) -> list[tuple[str, str]]:
        """(id, title) of each section, for the page's table of contents."""
        return [(anchor, unescape(title)) for anchor, title in _SECTION.findall(self.html)]


_SECTION = re.compile(r'<h2 id="([^"]+)">([^<]*)<a class="headerlink"')


def counterpart(page: VirtualPage, lang: str) -> tuple[str, str]:
    """Source name and URL path of the same page in `lang`."""
    norm_uri = page.src_uri.split("/", 1)[1]
    return f"{lang}/{norm_uri}", language_root(lang) + page.path.removeprefix(language_root(page.lang))


def record_pages(model: Model, lang: str, site_url: str, site_name: str,
                 reports: dict | None = None) -> Iterator[VirtualPage]:
    """Every record's page in `lang`: front matter for the theme, then the record's template.

    `reports` holds each year's annual reports (`reports.by_year`), which an annual plan's page links to.
    """
    as_of, checked, approved = model.as_of(), model.checked_on(), model.programme_approved()  # once, not per page
    for record in model.records():
        path = language_root(lang) + record.path
        context = PageContext(lang, path)
        citation = cite(record, lang, site_url, site_name)
        html = render(COLLECTIONS[record.collection].page_template, context, record=record,
                      pending=has_pending(record, lang), cited=cited(record), as_of=as_of, checked=checked,
                      programme_approved=approved, headline=citation.title, citation=citation,
                      history_known=model.changes is not None,
                      reports=reports or {})
        yield VirtualPage(lang, f"{lang}/{record.collection}/{record.id}.md", path, html,
                          {**page_meta(record, citation.title, lang, site_url), "citation": citation.meta(lang)})


def timeline(activities: list, page: PageContext, model: Model) -> dict:
    """The values of the timeline template: activities by year, and the choices of its filters."""
    partners = {partner.id: partner for activity in activities for partner in activity.partners}
    return {
        "programme_approved": model.programme_approved(),
        "years": [(year, list(items)) for year, items in groupby(activities, key=lambda a: a.start.year)],
        "partners": sorted(partners.values(), key=lambda p: sort_key(page.plain(p.name), page.lang)),
        "kinds": sorted({activity.kind for activity in activities}),
    }


def year_pages(model: Model, lang: str, reports: dict | None = None) -> Iterator[VirtualPage]:
    """One page per year of activities, so that no list page has to hold them all; each links its annual reports."""
    activities = model.activities_newest_first()
    for year in activity_years(model):
        path = f"{language_root(lang)}{year_path(year)}"
        context = PageContext(lang, path)
        title = context.t("year_title").format(year=year)
        mine = [activity for activity in activities if activity.start.year == year]
        html = render("lists/activity_year.html.j2", context, title=title, year_links=[], note="",
                      year_reports=(reports or {}).get(year, []), **timeline(mine, context, model))
        yield VirtualPage(lang, f"{lang}/activities/years/{year}.md", path, html,
                          {"title": str(escape(title)), "description": str(escape(title))})


def activity_years(model: Model) -> list[int]:
    """The years that have activities, oldest first: each has a page of its own."""
    return sorted({activity.start.year for activity in model.activities.values()})


def year_path(year: int) -> str:
    """The address, below a language's root, of one year's activities."""
    return f"activities/years/{year}/"


def page_meta(record: Record, headline: str, lang: str, site_url: str) -> dict:
    """Title, description, image and JSON-LD for the theme's <head>.

    The texts are HTML-escaped here because Material writes page titles and
    descriptions into the page as they are.
    """
    summary = getattr(record, "summary", None) or getattr(record, "description", None) or record.title
    meta = {
        "title": str(escape(headline)),
        "description": str(escape(summary.get(lang))),
        "jsonld": jsonld.describe(record, lang, site_url),
    }
    image = getattr(record, "image", None)
    if image:
        meta["image"] = site_url + image.file
    return meta


def cited(record: Record) -> list[Source]:
    """Every source the page cites, each once, the record's own first (a partner's agreements cite theirs too)."""
    sources = list(record.sources)
    for agreement in getattr(record, "agreements", []):
        sources += agreement.sources
    return list(dict.fromkeys(sources))


def has_pending(value, lang: str) -> bool:
    """True if any text of the record itself (not of the records it links to) lacks `lang`."""
    if isinstance(value, Text):
        return value.pending(lang)
    if isinstance(value, (list, tuple)):
        return any(has_pending(item, lang) for item in value)
    if isinstance(value, dict):
        return any(has_pending(item, lang) for item in value.values())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return any(has_pending(getattr(value, f.name), lang)
                   for f in dataclasses.fields(value) if f.name not in _LINK_FIELDS)
    return False
