"""In a real browser, at 375 and 1280 CSS px in both languages, on the site of a repository with a known history
(tests/history_repository.py): a task's status change is on the changes page, which links to the plan's page; that
page lists it in its history, with its date and words; its citation names the canonical address and the day of that
change, copies it, and carries the `citation_*` tags Zotero's Embedded Metadata translator reads from the page.

Screenshots of the two pages go to docs/screenshots/after/ (the README shows them)."""

from __future__ import annotations

from contextlib import closing

import pytest
from playwright.sync_api import expect
from test_browser_reader import DESKTOP, PHONE
from test_changes import STATUS_SAID

import history_repository as scenario
from conftest import REPO, serving
from macros.common.interface import language_root
from macros.common.locale import LANGUAGES

pytestmark = pytest.mark.slow  # builds, servers or tools of its own (pyproject.toml's markers)

VIEWPORTS = {"375": PHONE, "1280": DESKTOP}
AFTER = REPO / "docs" / "screenshots" / "after"
PLAN = "plans/ke-hoach-2024/"
CHANGED = {"en": "9 August 2024", "vi": "09/08/2024"}
# What Zotero's Embedded Metadata translator does first: every <meta name="citation_…"> of the document, by name.
ZOTERO_TAGS = """() => Object.fromEntries([...document.querySelectorAll('meta[name^="citation_"]')]
                                          .map(tag => [tag.getAttribute('name'), tag.getAttribute('content')]))"""


@pytest.fixture(scope="module")
def history_server(history_site):
    with serving(history_site) as address:
        yield address


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_status_change_leads_from_the_changes_page_to_the_record_its_history_and_its_citation(
        browser, history_server, lang, viewport):
    with closing(browser.new_context(viewport=VIEWPORTS[viewport])) as context:
        context.grant_permissions(["clipboard-read", "clipboard-write"])
        page = context.new_page()
        page.goto(history_server + language_root(lang) + "changes/", wait_until="networkidle")
        change = page.locator("ol.history > li.change").filter(has_text=STATUS_SAID[lang])
        expect(change).to_have_count(1)
        expect(change.locator("time")).to_have_text(CHANGED[lang])
        page.screenshot(path=AFTER / f"changes-{lang}-{viewport}.png", animations="disabled")
        change.locator("a").click()
        page.wait_for_url(f"**/{language_root(lang)}{PLAN}")

        page.locator(".record-updated a[href='#history']").click()
        history = page.locator("#history ~ ol.history").first
        first = history.locator("> li.change").first
        expect(first).to_be_in_viewport()
        expect(first.locator("time")).to_have_text(CHANGED[lang])
        expect(first.locator("li")).to_have_text([STATUS_SAID[lang]])
        page.screenshot(path=AFTER / f"history-{lang}-{viewport}.png", animations="disabled")

        canonical = page.locator("link[rel=canonical]").get_attribute("href")
        citation = page.locator("p.citation").inner_text()
        assert canonical in citation and CHANGED[lang] in citation
        tags = page.evaluate(ZOTERO_TAGS)
        assert tags["citation_title"] == page.locator("h1").inner_text().strip()
        assert (tags["citation_date"], tags["citation_public_url"], tags["citation_language"]) == (
            scenario.STATUS[:10].replace("-", "/"), canonical, lang)
        page.locator("button.citation-copy").click()
        expect(page.locator(".citation-actions [role=status]")).not_to_have_text("")
        assert page.evaluate("() => navigator.clipboard.readText()") == citation
