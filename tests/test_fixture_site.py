"""The fast lane's build: the fixture site (tests/fixtures/records/, a handful of records) builds, and every record
is published in both languages, as a page linked from its collection's list, in the open data and in the
sitemap; each year with a report has it in both languages. What the pages say is the slow lane's business
(the real site, browsers, validators); this is the build that answers in seconds.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros.common.collections import COLLECTIONS
from macros.common.interface import language_root
from macros.common.locale import LANGUAGES

from conftest import FIXTURE


RECORDS = {name: sorted(path.stem for path in (FIXTURE / name).glob("*.yml")) for name in COLLECTIONS}


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_the_fixture_holds_a_handful_of_records_of_every_collection():
    assert {name: len(ids) for name, ids in RECORDS.items()} == {"decisions": 2, "plans": 2, "partners": 8,
                                                                  "activities": 2}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("collection", COLLECTIONS)
def test_every_record_has_its_page_linked_from_its_list(fixture_site, lang, collection):
    root = language_root(lang)
    listed = {link["href"].strip("./").rstrip("/").rsplit("/", 1)[-1]
              for link in page(fixture_site, root + collection).select("article a[href]")
              if link["href"].rstrip("/").count("/") <= 1}
    for record_id in RECORDS[collection]:
        record = page(fixture_site, f"{root}{collection}/{record_id}")
        assert record.find("html")["lang"] == lang
        assert record.find("h1").get_text(strip=True)
        assert record_id in listed, f"{root}{collection}/ does not link {record_id}"


def test_the_open_data_and_the_sitemap_hold_every_record(fixture_site):
    dataset = json.loads((fixture_site / "data" / "dataset.json").read_text(encoding="utf-8"))
    sitemap = (fixture_site / "sitemap.xml").read_text(encoding="utf-8")
    for collection, ids in RECORDS.items():
        assert sorted(record["id"] for record in dataset[collection]) == ids
        for record_id in ids:
            assert f"/{collection}/{record_id}/</loc>" in sitemap


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_year_with_activities_has_its_report(fixture_site, lang):
    years = {int(record_id[:4]) for record_id in RECORDS["activities"]}
    printed = {int(path.stem) for path in (fixture_site / language_root(lang) / "reports").glob("*.pdf")}
    assert years <= printed
    assert all((fixture_site / language_root(lang) / "reports" / f"{year}.pdf").read_bytes().startswith(b"%PDF-")
               for year in printed)
