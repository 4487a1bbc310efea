"""One page per record and language, written from the record's template.

A record page is virtual: its Markdown exists only in memory during the
build, so nothing is ever written into the source tree.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Iterator

from markupsafe import escape

from macros import jsonld
from macros.locale import Text
from macros.model import SINGULAR, Decision, Model, Record
from macros.render import PageContext, language_root, render

_LINK_FIELDS = {"parent", "children", "activities", "plan_items", "partners", "plan", "implements",
                "annual_plans", "decisions", "evidence", "group"}


@dataclass(frozen=True)
class VirtualPage:
    """A generated page: its source name for MkDocs, its URL path and its Markdown."""

    lang: str
    src_uri: str  # e.g. "en/partners/kr-mois.md": the language folder, as hand-written pages have
    path: str     # e.g. "en/partners/kr-mois/"
    markdown: str


def counterpart(page: VirtualPage, lang: str) -> tuple[str, str]:
    """Source name and URL path of the same page in `lang`."""
    norm_uri = page.src_uri.split("/", 1)[1]
    return f"{lang}/{norm_uri}", language_root(lang) + page.path.removeprefix(language_root(page.lang))


def record_pages(model: Model, lang: str, site_url: str) -> Iterator[VirtualPage]:
    """Every record's page in `lang`: front matter for the theme, then the record's template."""
    for record in model.records():
        path = language_root(lang) + record.path
        context = PageContext(lang, path)
        body = render(f"records/{SINGULAR[record.collection]}.md.j2", context, record=record,
                      pending=has_pending(record, lang))
        yield VirtualPage(lang, f"{lang}/{record.collection}/{record.id}.md", path,
                          front_matter(record, lang, site_url) + body)


def front_matter(record: Record, lang: str, site_url: str) -> str:
    """Title, description, image and JSON-LD for the theme's <head>, as YAML front matter.

    The texts are HTML-escaped here because Material writes page titles and
    descriptions into the page as they are; JSON is valid YAML, and safe.
    """
    summary = getattr(record, "summary", None) or getattr(record, "description", None) or record.title
    meta = {
        "title": str(escape(_title(record, lang))),
        "description": str(escape(summary.get(lang))),
        "jsonld": jsonld.describe(record, lang, site_url),
    }
    image = getattr(record, "image", None)
    if image:
        meta["image"] = site_url + image.file
    return f"---\n{json.dumps(meta, ensure_ascii=False)}\n---\n"


def _title(record: Record, lang: str) -> str:
    title = record.title.get(lang)
    return f"{record.number} — {title}" if isinstance(record, Decision) else title


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
