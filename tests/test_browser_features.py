"""In a real browser: Vietnamese search, activity filters (with and without JavaScript), sorting, comfort settings."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from macros.model import dataset

from conftest import REPO

pytestmark = pytest.mark.slow  # builds, servers or tools of its own (pyproject.toml's markers)


MODEL = dataset.load(REPO).model

# (language root, what the reader types, a page that must be among the results, a text the results must show)
SEARCHES = [
    ("", "hop tac", "decisions/quyet-dinh-896-2022/", "hợp tác"),
    ("", "HỢP TÁC", "decisions/quyet-dinh-896-2022/", "hợp tác"),
    ("", "dinh", "decisions/quyet-dinh-896-2022/", "định"),
    ("", "Ha Noi", "activities/2022-03-ky-thoa-thuan-phap/", "Hà Nội"),
    ("", "ha noi", "activities/2022-03-ky-thoa-thuan-phap/", "Hà Nội"),
    ("", "doan cong tac", "activities/2024-04-doan-cong-tac-ai-cap-uae/", "Đoàn công tác"),
    ("en/", "hanoi", "en/activities/2022-03-ky-thoa-thuan-phap/", "Hanoi"),
    ("en/", "Pham Thi Thanh Tra", "en/decisions/quyet-dinh-896-2022/", "Phạm Thị Thanh Trà"),
]


def search_from_header(page, base: str, root: str, query: str):
    page.goto(base + root)
    page.fill("#site-search-input", query)
    page.press("#site-search-input", "Enter")
    status = page.locator(".search-status")
    expect(status).to_have_text(re.compile(r"^\d+ (kết quả|results?) "), timeout=10_000)
    return page.locator(".search-results a")


@pytest.mark.parametrize(("root", "query", "expected", "shown"), SEARCHES, ids=[f"{s[0]}{s[1]}" for s in SEARCHES])
def test_search_finds_vietnamese_with_or_without_accents(browser, served_site, root, query, expected, shown):
    page = browser.new_page()
    results = search_from_header(page, served_site, root, query)
    hrefs = [href for href in results.evaluate_all("links => links.map(link => link.getAttribute('href'))")]
    assert "/" + expected in hrefs
    language_root = "/en/"
    assert all(href.startswith(language_root) == (root == "en/") for href in hrefs), "languages never mix"
    assert shown.lower() in page.locator(".search-results").inner_text().lower()
    page.close()


def test_activity_filters_narrow_the_list(browser, served_site):
    page = browser.new_page()
    page.goto(served_site + "activities/")
    items = page.locator(".timeline__item")
    total = len(MODEL.activities)
    expect(items).to_have_count(total)
    page.select_option("select[name=partner]", "fr-mtfp")
    french = MODEL.partners["fr-mtfp"].activities
    expect(page.locator(".timeline__item:visible")).to_have_count(len(french))
    expect(page.locator(".filters__count")).to_contain_text(str(len(french)))
    page.select_option("select[name=year]", "2022")
    in_2022 = [activity for activity in french if activity.start.year == 2022]
    expect(page.locator(".timeline__item:visible")).to_have_count(len(in_2022))
    expect(page.locator("#year-2023")).to_be_hidden()
    page.click("button[type=reset]")
    expect(page.locator(".timeline__item:visible")).to_have_count(total)
    page.goto(served_site + "en/activities/?kind=talks")
    talks = [activity for activity in MODEL.activities.values() if activity.kind == "talks"]
    expect(page.locator(".timeline__item:visible")).to_have_count(len(talks))
    expect(page.locator(".filters__count")).to_have_text(f"Showing {len(talks)} activit{'y' if len(talks) == 1 else 'ies'}")
    page.close()


def test_one_search_result_is_counted_in_the_singular_in_english(browser, served_site):
    page = browser.new_page()
    page.goto(served_site + "en/search/?q=MOIS")  # Korea's ministry: its own page
    expect(page.locator(".search-status")).to_have_text("1 result for “MOIS”.", timeout=10_000)
    page.goto(served_site + "en/search/?q=erex")
    expect(page.locator(".search-status")).to_have_text("2 results for “erex”.", timeout=10_000)
    page.close()


def test_without_javascript_the_full_lists_show(browser, served_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served_site + "activities/")
    expect(page.locator("form.filters")).to_be_hidden()
    expect(page.locator(".timeline__item:visible")).to_have_count(len(MODEL.activities))
    page.goto(served_site + "en/search/")
    expect(page.locator(".search-needs-script")).to_be_visible()
    context.close()


def test_the_register_sorts_by_number_and_date(browser, served_site):
    page = browser.new_page()
    page.goto(served_site + "en/decisions/")
    numbers = page.locator("table.register tbody tr td:first-child")
    by_date = sorted(MODEL.decisions.values(), key=lambda d: d.date_signed.sort_key())
    expect(numbers).to_have_text([d.number for d in reversed(by_date)])  # newest first without a click
    page.click("table.register th:nth-child(2) button")
    expect(numbers).to_have_text([d.number for d in by_date])
    expect(page.locator("table.register th:nth-child(2)")).to_have_attribute("aria-sort", "ascending")
    page.click("table.register th:nth-child(1) button")
    expect(page.locator("table.register th:nth-child(1)")).to_have_attribute("aria-sort", "ascending")
    page.close()


def test_text_size_and_contrast_are_remembered_across_pages(browser, served_site):
    context = browser.new_context()
    page = context.new_page()
    page.goto(served_site + "en/")
    page.click(".comfort [data-text-size='+1']")
    page.click(".comfort [data-contrast]")
    expect(page.locator("html")).to_have_attribute("data-text-size", "1")
    page.goto(served_site + "en/partners/")
    expect(page.locator("html")).to_have_attribute("data-text-size", "1")
    expect(page.locator("html")).to_have_attribute("data-contrast", "high")
    expect(page.locator(".comfort [data-contrast]")).to_have_attribute("aria-pressed", "true")
    page.click(".comfort [data-text-size='-1']")
    expect(page.locator("html")).not_to_have_attribute("data-text-size", "1")
    context.close()
