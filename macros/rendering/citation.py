"""How a record page is cited: one `Citation` per record and language, which the page shows and tags
(macros/pages/record_pages.py) and the file beside the page gives reference managers (macros/files/extras.py).

Both make it with `cite`, here, where pages and files may both import it: the page and its file cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from macros.common.interface import labels, language_root
from macros.common.locale import PartialDate
from macros.model.records import Decision, Record


@dataclass(frozen=True)
class Citation:
    """What a reader cites a record page by: who publishes it, its title, the site, its last change, its address."""

    FILE: ClassVar[str] = "cite.json"  # the citation as CSL-JSON, beside the page it cites

    publisher: str
    title: str
    site: str
    changed: PartialDate
    url: str  # the permanent address: a record renamed keeps a redirect from it (redirects.yml)

    def meta(self, lang: str) -> list[tuple[str, str]]:
        """The `citation_*` meta tags that Zotero's and Google Scholar's readers take a page's citation from."""
        return [("citation_title", self.title), ("citation_publisher", self.publisher),
                ("citation_date", self.changed.iso().replace("-", "/")), ("citation_public_url", self.url),
                ("citation_language", lang)]

    def csl(self, item_id: str, lang: str) -> dict:
        """The citation as one CSL-JSON item, the format Zotero, Mendeley and pandoc import.

        The publisher is also the author, as a name given whole (`literal`): the page's citation starts with it,
        and a style would otherwise start with the title. `issued` has only the parts of the date that are known.
        """
        known = [part for part in (self.changed.year, self.changed.month, self.changed.day) if part]
        return {"id": item_id, "type": "webpage", "title": self.title, "author": [{"literal": self.publisher}],
                "publisher": self.publisher, "container-title": self.site, "URL": self.url,
                "issued": {"date-parts": [known]}, "language": lang}


def cite(record: Record, lang: str, site_url: str, site_name: str) -> Citation:
    """The citation of `record`'s page in `lang`."""
    return Citation(labels()["publisher"][lang], headline(record, lang), site_name, record.changed,
                    site_url + language_root(lang) + record.path)


def headline(record: Record, lang: str) -> str:
    """The page's headline: a decision's names its type and number first, as the decision itself does."""
    title = record.title.get(lang)
    if not isinstance(record, Decision):
        return title
    kind = labels()["decision_type"][record.type][lang]
    return labels()["decision_headline"][lang].format(type=kind, number=record.number, title=title)
