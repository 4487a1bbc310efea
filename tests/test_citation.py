"""Cite this record (issue 27): each record page says how to cite it, in its language, and carries the `citation_*`
meta tags that reference managers read without help (Zotero's Embedded Metadata translator, Google Scholar); it offers
a button that copies the citation (tests/test_browser_citation.py clicks it) and the citation as a CSL-JSON file.

The tags are read as Zotero's translator reads them: every `<meta name="citation_…">` of the page's head."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from citeproc import Citation as CSLCitation
from citeproc import CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from jsonschema import Draft7Validator

from macros.common.collections import COLLECTIONS
from macros.common.interface import language_root
from macros.common.locale import LANGUAGES, PartialDate
from macros.rendering.citation import Citation

from conftest import FIXTURE, REPO

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


# Cite this record, the copy button and the CSL-JSON file: the citation a reference manager imports (Zotero, Mendeley,
# pandoc), checked against the CSL's own schema for it (tests/schemas/csl-data.json, see csl-data.LICENSE.txt) and
# formatted by a CSL processor (citeproc-py, with the style it ships).

CSL_SCHEMA = Draft7Validator(json.loads((REPO / "tests" / "schemas" / "csl-data.json").read_text(encoding="utf-8")))
COPY = {"vi": ("Sao chép trích dẫn", "Đã sao chép trích dẫn"), "en": ("Copy citation", "Citation copied")}
DOWNLOAD = {"vi": "Tải về cho phần mềm quản lý tài liệu tham khảo (CSL-JSON)",
            "en": "Download for reference managers (CSL-JSON)"}


def record_page(site: Path, lang: str, collection: str, record_id: str) -> tuple[Path, BeautifulSoup]:
    folder = site / language_root(lang) / collection / record_id
    return folder, BeautifulSoup((folder / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(("collection", "record_id"), RECORDS)
def test_a_record_page_offers_its_citation_to_copy_and_to_download(fixture_site, lang, collection, record_id):
    folder, page = record_page(fixture_site, lang, collection, record_id)
    citation = page.select_one("p.citation")
    button = page.select_one("button.citation-copy")
    assert button["type"] == "button" and button.get_text(strip=True) == COPY[lang][0]
    assert button["data-copied"] == COPY[lang][1] and button["data-copy-failed"]
    assert page.find(id=button["data-copy"]) is citation and button not in citation.descendants
    actions = button.find_parent("p")
    assert actions.has_attr("data-pagefind-ignore"), "neither the button's nor the link's words are searched for"
    status = actions.find(role="status")
    assert status["aria-live"] == "polite" and status.get_text() == ""
    link = actions.find("a", download=True)
    assert link.get_text(strip=True) == DOWNLOAD[lang]
    assert link["type"] == "application/vnd.citationstyles.csl+json"
    assert (folder / link["href"]).is_file()


def test_without_javascript_the_copy_button_is_hidden():
    """assets/noscript.css, linked from a <noscript> element, hides the controls that need the site's script."""
    hidden = re.search(r"([^{}]*)\{\s*display:\s*none", (REPO / "content" / "assets" / "noscript.css")
                       .read_text(encoding="utf-8")).group(1)
    assert ".citation-copy" in {selector.strip() for selector in hidden.split(",")}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(("collection", "record_id"), RECORDS)
def test_a_record_s_csl_json_is_valid_and_agrees_with_its_page(fixture_site, lang, collection, record_id):
    folder, page = record_page(fixture_site, lang, collection, record_id)
    items = json.loads((folder / page.select_one(".citation-actions a[download]")["href"]).read_text(encoding="utf-8"))
    assert [error.message for error in CSL_SCHEMA.iter_errors(items)] == []
    [item] = items
    tags = citation_tags(page)
    assert item["id"] == f"{collection}/{record_id}" and item["type"] == "webpage" and item["language"] == lang
    assert item["title"] == tags["citation_title"] and item["URL"] == tags["citation_public_url"]
    assert item["publisher"] == tags["citation_publisher"] and item["author"] == [{"literal": item["publisher"]}]
    assert item["container-title"] == page.head.find("meta", property="og:site_name")["content"]
    assert item["issued"] == {"date-parts": [[int(part) for part in tags["citation_date"].split("/")]]}
    visible = page.select_one("p.citation").get_text()
    assert all(text in visible for text in (item["publisher"], item["title"], item["container-title"], item["URL"]))
    formatted = formatted_reference(items)  # what a CSL processor makes of it
    year = str(item["issued"]["date-parts"][0][0])
    assert all(text in formatted for text in (item["publisher"], item["title"], item["URL"], year))


@pytest.mark.parametrize(("changed", "parts"), [(PartialDate(2024, 3, 5), [2024, 3, 5]),
                                                 (PartialDate(2024, 3), [2024, 3]), (PartialDate(2024), [2024])])
def test_a_csl_date_gives_only_the_parts_that_are_known(changed, parts):
    item = Citation("Bộ Nội vụ", "Pháp", "Hợp tác quốc tế", changed, "https://example.org/partners/fr-mtfp/") \
        .csl("partners/fr-mtfp", "vi")
    assert item["issued"] == {"date-parts": [parts]}
    assert list(CSL_SCHEMA.iter_errors([item])) == []
    assert str(changed.year) in formatted_reference([item])


def formatted_reference(items: list[dict]) -> str:
    """The bibliography entry citeproc-py writes for the one item, in the Harvard style it ships."""
    style = CitationStylesStyle("harvard-cite-them-right", validate=True)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    bibliography.register(CSLCitation([CitationItem(items[0]["id"])]))
    [entry] = bibliography.bibliography()
    return str(entry)
