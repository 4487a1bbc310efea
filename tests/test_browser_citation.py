"""In a real browser, at 375 and 1280 CSS px in both languages: "Cite this record"'s copy button is reached by the
keyboard with a visible focus ring, puts on the clipboard the citation the page shows, and says so in its live region
(content/assets/site.js)."""

from __future__ import annotations

from contextlib import closing

import pytest
from playwright.sync_api import expect
from test_browser_reader import DESKTOP, FOCUSED, PHONE

from macros.common.interface import language_root
from macros.common.locale import LANGUAGES

pytestmark = pytest.mark.slow  # builds, servers or tools of its own (pyproject.toml's markers)


VIEWPORTS = {"375": PHONE, "1280": DESKTOP}
RECORD = "partners/fr-mtfp/"
COPIED = {"vi": "Đã sao chép trích dẫn", "en": "Citation copied"}


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_copy_button_puts_the_citation_shown_on_the_clipboard(browser, served_site, lang, viewport):
    with closing(browser.new_context(viewport=VIEWPORTS[viewport])) as context:
        context.grant_permissions(["clipboard-read", "clipboard-write"])
        page = context.new_page()
        page.goto(served_site + language_root(lang) + RECORD)
        button = page.locator("button.citation-copy")
        status = page.locator(".citation-actions [role=status]")
        page.focus("#cite a.headerlink")
        page.keyboard.press("Tab")  # the next stop after the section's heading
        focused = page.evaluate(FOCUSED)
        assert "citation-copy" in focused["html"] and focused["ring"], focused
        expect(status).to_have_text("")
        button.click()
        expect(status).to_have_text(COPIED[lang])
        shown = page.locator("p.citation").inner_text()
        assert page.evaluate("() => navigator.clipboard.readText()") == shown
