"""In a real browser, at 375 and 1280 CSS px in both languages: whose site it is, buttons that say what they do,
targets a finger can hit (WCAG 2.2, 2.5.8), filters and tables that fit a phone, and an editors' guide that axe-core
passes and that a keyboard can scroll."""

from __future__ import annotations

import re
from contextlib import closing

import pytest
from checkers import AXE, installed
from conftest import REPO
from playwright.sync_api import expect
from test_browser_a11y import BLOCKING, RUN_AXE, WCAG_TAGS, describe
from test_browser_reader import DESKTOP, PHONE

from macros.common.interface import language_root
from macros.common.locale import LANGUAGES
from macros.model import dataset

pytestmark = pytest.mark.slow  # builds, servers or tools of its own (pyproject.toml's markers)


VIEWPORTS = {"375": PHONE, "1280": DESKTOP}
MODEL = dataset.load(REPO).model
MINISTRY = {"vi": ("Bộ Nội vụ", "Ministry of Home Affairs"), "en": ("Ministry of Home Affairs", "Bộ Nội vụ")}
COMFORT = {"vi": ("Cỡ chữ", "Cỡ chữ và độ tương phản"), "en": ("Text size", "Text size and contrast")}
OTHER_LANGUAGE = {"vi": "English", "en": "Tiếng Việt"}
# Pages with source references, footers, filters and the agreements table.
TARGET_PAGES = ["", "partners/", "partners/fr-mtfp/", "activities/", "activities/2024-08-accsm-22-brunei/",
                "plans/ke-hoach-2024/"]
GUIDE_PAGES = ["guide/", "guide/browser/"]
MINIMUM = 24  # CSS px, WCAG 2.2 SC 2.5.8

WHOLE = """e => { const r = e.getBoundingClientRect(), header = e.closest('header, nav, label').getBoundingClientRect();
  return {visible: r.width > 0 && r.height > 0, whole: e.scrollWidth <= e.clientWidth + 1,
          inside: r.left >= 0 && r.right <= innerWidth + 0.5 && r.top >= header.top - 0.5 && r.bottom <= header.bottom + 0.5}; }"""
# Every link's box, and whether the SC's spacing exception holds for it: a 24 px circle centred on a small target
# meets no other target (nor another small target's circle).
TARGETS = """selector => {
  const boxes = [...document.querySelectorAll('a[href], button')].filter(e => e.getClientRects().length)
    .map(e => ({e, r: e.getBoundingClientRect()}));
  const centre = r => [r.left + r.width / 2, r.top + r.height / 2];
  const meets = (c, r) => { const x = Math.max(r.left, Math.min(c[0], r.right)), y = Math.max(r.top, Math.min(c[1], r.bottom));
                           return Math.hypot(x - c[0], y - c[1]) < 12; };
  return [...document.querySelectorAll(selector)].filter(e => e.getClientRects().length).map(e => {
    const r = e.getBoundingClientRect(), c = centre(r);
    const spaced = boxes.every(o => o.e === e || o.e.contains(e) || e.contains(o.e) || !meets(c, o.r));
    return {text: e.textContent.trim().slice(0, 40), width: r.width, height: r.height, spaced};
  });
}"""
# Every word (split at spaces, hyphens, dashes and slashes, where a line may break) drawn on one line only.
BROKEN_WORDS = """selector => {
  const broken = [];
  for (const cell of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const pattern = /[^\\s\\-–—\\/]+/g;
      for (let m = pattern.exec(node.data); m; m = pattern.exec(node.data)) {
        const range = document.createRange();
        range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
        const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (tops.size > 1) broken.push(m[0]);
      }
    }
  }
  return broken;
}"""
SELECTS = """() => [...document.querySelectorAll('.filters select')].map(s => { const r = s.getBoundingClientRect();
  return {name: s.name, left: r.left, right: r.right, width: r.width, fits: r.left >= 0 && r.right <= innerWidth + 0.5}; })"""
SCROLLING_CODE = """() => [...document.querySelectorAll('.md-typeset pre > code')].filter(c => c.scrollWidth > c.clientWidth + 1)
  .map(c => ({tabindex: c.getAttribute('tabindex'), label: c.getAttribute('aria-label'), role: c.getAttribute('role')}))"""

FIRST_SCROLLING = "() => [...document.querySelectorAll('.md-typeset pre > code')].findIndex(c => c.scrollWidth > c.clientWidth + 1)"


def open_page(browser, base: str, path: str, viewport: dict, **options):
    page = browser.new_page(viewport=viewport, **options)
    page.goto(base + path, wait_until="networkidle")
    return page


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_masthead_names_the_ministry_in_both_languages(browser, served_site, lang, viewport):
    with closing(open_page(browser, served_site, language_root(lang) + "partners/fr-mtfp/", VIEWPORTS[viewport])) as page:
        masthead = page.locator(".md-header .masthead")
        expect(masthead).to_be_visible()
        first, second = MINISTRY[lang]
        assert " ".join(masthead.inner_text().split()) == f"{first} · {second}"
        expect(masthead.locator("[lang]")).to_have_attribute("lang", "en" if lang == "vi" else "vi")
        for name in masthead.locator(".masthead__name").all():
            assert name.evaluate(WHOLE) == {"visible": True, "whole": True, "inside": True}
        assert page.locator(".md-header .md-logo").count() == 0, "no generic logo icon"
        if viewport == "375":  # the phone's drawer says it too, the site's name wrapped, not cut
            page.locator("label.md-header__button[for='__drawer']").click()
            drawer = page.locator(".md-nav--primary > .md-nav__title")
            expect(drawer.locator(".masthead")).to_be_visible()
            assert " ".join(drawer.inner_text().split()).startswith(f"{first} · {second}")
            name = drawer.locator(".site-drawer-title__name")
            assert name.evaluate("e => e.scrollWidth <= e.clientWidth + 1 && getComputedStyle(e).textOverflow !== 'ellipsis'")
            assert "…" not in name.inner_text()


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_comfort_and_language_buttons_say_what_they_do(browser, served_site, lang, viewport):
    with closing(open_page(browser, served_site, language_root(lang), VIEWPORTS[viewport])) as page:
        word, name = COMFORT[lang]
        if viewport == "375":
            toggle = page.get_by_role("button", name=name, exact=True)
            expect(toggle).to_be_visible()
            expect(toggle.locator(".comfort__mark")).to_have_text("Aa")
            expect(toggle.locator(".comfort__word")).to_have_text(word)
            expect(toggle.locator(".comfort__word")).to_be_visible()
            assert toggle.evaluate(WHOLE)["inside"]
        language = page.locator(".md-header .language-button")
        expect(language).to_be_visible()
        expect(language.locator(".language-button__name")).to_have_text(OTHER_LANGUAGE[lang])
        expect(language.locator(".language-button__name")).to_be_visible()
        assert language.evaluate(WHOLE)["inside"], "the language button lies inside the header and the screen"
        # its accessible name: what the button is for, then the name it shows
        expect(page.get_by_role("button", name=re.compile(rf"\w.*: {OTHER_LANGUAGE[lang]}$"))).to_have_count(1)
        # the menu still works: it lists the other language
        language.hover()
        expect(page.locator(f".md-select__link[lang='{'en' if lang == 'vi' else 'vi'}']")).to_be_visible()


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", TARGET_PAGES)
def test_source_references_and_footer_links_are_targets_of_24_px(browser, served_site, path, lang, viewport):
    with closing(open_page(browser, served_site, language_root(lang) + path, VIEWPORTS[viewport])) as page:
        targets = page.evaluate(TARGETS, "footer a[href], .md-typeset a.source-ref")
        assert targets, "the page has a footer"
        small = [t for t in targets if (t["width"] < MINIMUM or t["height"] < MINIMUM) and not t["spaced"]]
        assert not small, f"{len(small)} target(s) under {MINIMUM}×{MINIMUM} px without the spacing: {small[:5]}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_public_footer_leaves_the_editors_guide_to_the_about_page(browser, served_site, lang):
    root = language_root(lang)
    with closing(open_page(browser, served_site, root, DESKTOP)) as page:
        assert page.locator(".md-footer a[href*='guide']").count() == 0
        page.goto(served_site + root + "about/", wait_until="networkidle")
        link = page.locator("article a[href*='guide']")
        expect(link).to_have_count(1)
        link.click()
        page.wait_for_url(f"{served_site}{root}guide/")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_guide_gives_local_addresses_as_code_not_as_links(browser, served_site, lang):
    for path in GUIDE_PAGES:
        with closing(open_page(browser, served_site, language_root(lang) + path, PHONE)) as page:
            assert page.locator("article a", has_text="127.0.0.1").count() == 0
            assert page.locator("article a[href*=':8000/'], article a[href*=':8081/']").count() == 0
            shown = page.locator("article code", has_text="127.0.0.1")
            assert shown.count() >= 1
            for code in shown.all():  # introduced as the editor's own computer's address
                sentence = code.evaluate("e => e.closest('li, p').textContent")
                assert ("máy của chính biên tập viên" if lang == "vi" else "editor's own computer") in sentence


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_activity_filters_fit_the_screen(browser, served_site, lang, viewport):
    with closing(open_page(browser, served_site, language_root(lang) + "activities/", VIEWPORTS[viewport])) as page:
        selects = page.evaluate(SELECTS)
        assert len(selects) == 3 and all(select["fits"] for select in selects), selects
        longest = page.evaluate("""() => [...document.querySelector('.filters select[name=partner]').options]
            .reduce((a, b) => b.text.length > a.text.length ? b : a).value""")
        page.select_option(".filters select[name=partner]", longest)  # the longest name chosen: still inside
        assert all(select["fits"] for select in page.evaluate(SELECTS))
        status = page.locator(".filters__count")  # and said whole, though the closed drop-down may cut it
        expect(status).to_contain_text(MODEL.partners[longest].name.get(lang))
        expect(status).to_be_in_viewport()
        assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS[viewport]["width"]


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", ["partners/", "partners/fr-mtfp/"])
def test_agreements_read_whole_words_on_a_phone_and_a_desktop(browser, served_site, path, lang, viewport):
    with closing(open_page(browser, served_site, language_root(lang) + path, VIEWPORTS[viewport])) as page:
        cells = ".agreements-table td, .agreements-table th, .agreement"
        assert page.locator(cells).count() > 0
        assert page.evaluate(BROKEN_WORDS, cells) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS[viewport]["width"]
        if path == "partners/" and viewport == "375":  # a card per agreement, each fact named by its column
            labels = page.locator(".agreements-table tbody tr").first.evaluate(
                "r => [...r.cells].map(c => getComputedStyle(c, '::before').content)")
            assert labels[0] in ("none", "normal", '""') and all(label.strip('"') for label in labels[1:]), labels


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", GUIDE_PAGES)
def test_the_guide_passes_axe_on_a_phone_and_its_code_scrolls_by_keyboard(browser, served_site, path, lang):
    axe = installed(AXE)
    with closing(browser.new_context(viewport=PHONE, bypass_csp=True)) as context:
        page = context.new_page()
        page.goto(served_site + language_root(lang) + path, wait_until="networkidle")
        scrolling = page.evaluate(SCROLLING_CODE)
        if path == "guide/":
            assert scrolling, "the guide's examples are wider than a phone"
        assert all(block["tabindex"] == "0" and block["label"] and block["role"] == "region" for block in scrolling), scrolling
        page.add_script_tag(path=axe)
        violations = page.evaluate(RUN_AXE, [*WCAG_TAGS, "wcag22aa"])
        blocking = [violation for violation in violations if violation["impact"] in BLOCKING]
        assert not blocking, "\n".join(map(describe, blocking))
        if scrolling:
            first = page.evaluate(FIRST_SCROLLING)
            code = page.locator(".md-typeset pre > code").nth(first)
            code.focus()
            for _ in range(3):
                page.keyboard.press("ArrowRight")
            # the keyboard scrolls the focused block (smoothly: the first frames may not have moved it yet)
            page.wait_for_function("e => e.scrollLeft > 0", arg=code.element_handle(), timeout=5_000)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_highlighted_code_meets_4_5_to_1_in_both_contrast_modes(browser, served_site, lang):
    axe = installed(AXE)
    for contrast in (None, "localStorage.setItem('site.contrast', 'high')"):
        with closing(browser.new_context(viewport=DESKTOP, bypass_csp=True)) as context:
            if contrast:
                context.add_init_script(contrast)
            page = context.new_page()
            page.goto(served_site + language_root(lang) + "guide/", wait_until="networkidle")
            page.add_script_tag(path=axe)
            violations = page.evaluate("() => axe.run('.highlight', {runOnly: ['color-contrast']}).then(r => r.violations)")
            assert not violations, "\n".join(map(describe, violations))
