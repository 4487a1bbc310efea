"""Cite this record (issue 27): each record page says how to cite it, in its language, and carries the `citation_*`
meta tags that reference managers read without help (Zotero's Embedded Metadata translator, Google Scholar).

The tags are read as Zotero's translator reads them: every `<meta name="citation_…">` of the page's head."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from macros.common.collections import COLLECTIONS
from macros.common.interface import language_root
from macros.common.locale import LANGUAGES

from conftest import FIXTURE

RECORDS = [(name, path.stem) for name in COLLECTIONS for path in sorted((FIXTURE / name).glob("*.yml"))]


def citation_tags(page: BeautifulSoup) -> dict[str, str]:
    return {tag["name"]: tag["content"] for tag in page.head.find_all("meta", attrs={"name": True})
            if tag["name"].startswith("citation_")}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(("collection", "record_id"), RECORDS)
def test_a_record_page_carries_its_citation_for_readers_and_reference_managers(fixture_site, lang, collection,
                                                                                record_id):
    page = BeautifulSoup((fixture_site / language_root(lang) / collection / record_id / "index.html")
                         .read_text(encoding="utf-8"), "html.parser")
    tags = citation_tags(page)
    canonical = page.head.find("link", rel="canonical")["href"]
    changed = page.select_one(".record-updated time")
    assert tags == {
        "citation_title": page.h1.get_text(strip=True),
        "citation_publisher": {"vi": "Bộ Nội vụ", "en": "Ministry of Home Affairs"}[lang],
        "citation_date": changed["datetime"].replace("-", "/"),
        "citation_public_url": canonical,
        "citation_language": lang,
    }
    assert canonical.endswith(f"/{language_root(lang)}{collection}/{record_id}/")
    visible = page.select_one("p.citation").get_text()
    assert page.h1.get_text(strip=True) in visible and canonical in visible and changed.get_text() in visible
    assert page.select_one("h2#cite") is not None  # a section of its own, in the page's table of contents
