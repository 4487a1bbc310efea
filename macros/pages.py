"""One page per record and language, written from the record's template.

A record page is virtual: its Markdown exists only in memory during the
build, so nothing is ever written into the source tree.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Iterator

from macros.locale import Text
from macros.model import SINGULAR, Model, Record
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


def record_pages(model: Model, lang: str) -> Iterator[VirtualPage]:
    """Every record's page in `lang`."""
    for record in model.records():
        path = language_root(lang) + record.path
        context = PageContext(lang, path)
        markdown = render(f"records/{SINGULAR[record.collection]}.md.j2", context, record=record, pending=has_pending(record, lang))
        yield VirtualPage(lang, f"{lang}/{record.collection}/{record.id}.md", path, markdown)


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
