"""In a real browser, as a reader: following links, switching language, phone and desktop layouts, the keyboard."""

from __future__ import annotations

import re
from contextlib import closing

import pytest
from playwright.sync_api import Page, expect

from macros.common.interface import language_root
from macros.common.locale import LANGUAGES
from macros.model import dataset

from conftest import REPO

pytestmark = pytest.mark.slow  # builds, servers or tools of its own (pyproject.toml's markers)


MODEL = dataset.load(REPO).model

# One page of each type, by name; paths are relative to the language root ("" or "en/").
PAGES = {
    "home": "",
    "partners": "partners/",
    "partner": MODEL.partners["fr-mtfp"].path,
    "activities": "activities/",
    "activity": MODEL.activities["2024-08-accsm-22-brunei"].path,
    "decisions": "decisions/",
    "decision": MODEL.decisions["quyet-dinh-896-2022"].path,
    "plans": "plans/",
    "programme": MODEL.plans["de-an-2022-2026"].path,
    "plan": MODEL.plans["ke-hoach-2024"].path,
    "about": "about/",
    "contact": "contact/",
    "search": "search/",
    "404": "404.html",
}
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 800}
SCREENSHOTS = REPO / "tests" / "screenshots"

HOME_TITLE = {"vi": "Hợp tác quốc tế về xây dựng nền công vụ 2022–2026",
              "en": "International cooperation on building the civil service 2022–2026"}
PARTNERS_LABEL = {"vi": "Đối tác", "en": "Partners"}
SKIP_LABEL = {"vi": "Bỏ qua", "en": "Skip to content"}  # Material's wording; a longer label may follow it
FOCUS_STOPS = 4  # links checked for a focus ring after the skip link

# The reader's path: a partner, one of its activities, the plan item that activity served.
# (The French ministry's activities serve no plan item, so the path starts from Brunei's civil service.)
READER_PARTNER = MODEL.partners["bn-psd"]
READER_ACTIVITY = MODEL.activities["2024-08-accsm-22-brunei"]
READER_ITEM = READER_ACTIVITY.plan_items[0]

FOCUSED = """() => {
  const e = document.activeElement, s = getComputedStyle(e);
  return {html: e.outerHTML.slice(0, 120), skip: e.matches('.md-skip'), link: e.matches('a[href]'),
          inContent: !!e.closest('.md-content'),
          ring: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'};
}"""
ON_TOP = """e => { const r = e.getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return r.width > 0 && r.height > 0 && !!hit && (hit === e || e.contains(hit)); }"""
H1_NOT_SKIPPED = """id => { const target = document.getElementById(id), h1 = document.querySelector('article h1');
  return !!target && !!h1 && (target === h1 || target.contains(h1)
         || !!(target.compareDocumentPosition(h1) & Node.DOCUMENT_POSITION_FOLLOWING)); }"""
WIDTH = """() => {
  const clipped = e => { for (let a = e.parentElement; a && a !== document.body; a = a.parentElement)
                           if (getComputedStyle(a).overflowX !== 'visible') return true; return false; };
  const name = e => e.tagName.toLowerCase() + (typeof e.className === 'string' && e.className.trim()
                    ? '.' + e.className.trim().split(/\\s+/).join('.') : '');
  return {width: document.documentElement.scrollWidth, widest: [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > innerWidth + 0.5 && !clipped(e))
    .slice(0, 5).map(e => `${name(e)} (right edge ${Math.round(e.getBoundingClientRect().right)}px)`)};
}"""


def url(base: str, lang: str, name: str) -> str:
    return base + language_root(lang) + PAGES[name]


def other_language(lang: str) -> str:
    return next(other for other in LANGUAGES if other != lang)


def heading(page: Page) -> str:
    return page.locator("article h1").inner_text().removesuffix("¶").strip()


def assert_at(page: Page, address: str, title: str) -> None:
    expect(page).to_have_url(address)
    assert heading(page) == title


@pytest.mark.parametrize("lang", LANGUAGES)
def test_reader_goes_from_home_to_a_plan_item_and_back_by_clicking(browser, served_site, lang):
    """Home → partners → a partner → its activity → the plan item it served → the item's evidence link."""
    root = served_site + language_root(lang)
    partner, activity, item = READER_PARTNER, READER_ACTIVITY, READER_ITEM
    assert partner in activity.partners and activity in item.evidence, "the data no longer supports this path"
    with closing(browser.new_page(viewport=DESKTOP)) as page:
        page.goto(root)
        assert_at(page, root, HOME_TITLE[lang])
        page.locator(".md-tabs").get_by_role("link", name=PARTNERS_LABEL[lang], exact=True).click()
        assert_at(page, root + "partners/", PARTNERS_LABEL[lang])
        page.locator("article").get_by_role("link", name=partner.title.get(lang), exact=True).first.click()
        assert_at(page, root + partner.path, partner.title.get(lang))
        page.locator("article").get_by_role("link", name=activity.title.get(lang), exact=True).click()
        assert_at(page, root + activity.path, activity.title.get(lang))
        page.locator(f'article a[href$="{item.plan.path}#{item.anchor}"]').click()
        assert_at(page, f"{root}{item.plan.path}#{item.anchor}", item.plan.title.get(lang))
        expect(page.locator(f"#{item.anchor}")).to_be_in_viewport()
        page.locator(f"#{item.anchor}").get_by_role("link", name=activity.title.get(lang), exact=True).click()
        assert_at(page, root + activity.path, activity.title.get(lang))


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_language_switch_lands_on_the_counterpart(browser, served_site, name, lang):
    """The header's language menu leads to the same page in the other language."""
    other = other_language(lang)
    expected = [url(served_site, other, name)]
    if name == "404":  # a not-found page has no counterpart: the other language's home will do too
        expected.append(url(served_site, other, "home"))
    with closing(browser.new_page(viewport=DESKTOP)) as page:
        page.goto(url(served_site, lang, name))
        page.locator(".md-select").hover()
        page.locator(f'a.md-select__link[hreflang="{other}"]').click()
        expect(page).to_have_url(re.compile("^(" + "|".join(map(re.escape, expected)) + ")$"))
        expect(page.locator("html")).to_have_attribute("lang", other)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_page_loads_without_console_errors_or_failed_requests(browser, served_site, name, lang):
    """Nothing logged as an error, no uncaught exception, no request failing or answered with status >= 400."""
    problems = []
    with closing(browser.new_page(viewport=DESKTOP)) as page:
        page.on("console", lambda message: message.type == "error" and problems.append(f"console: {message.text}"))
        page.on("pageerror", lambda error: problems.append(f"uncaught: {error}"))
        page.on("response", lambda response: response.status >= 400
                and problems.append(f"HTTP {response.status}: {response.url}"))
        page.on("requestfailed", lambda request: problems.append(f"failed ({request.failure}): {request.url}"))
        page.goto(url(served_site, lang, name), wait_until="networkidle")
    assert problems == []


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_screenshots_and_no_horizontal_overflow_on_a_phone(browser, served_site, name, lang):
    """Full-page screenshots at 375 and 1280 px into tests/screenshots/; at 375 px nothing is wider than the screen."""
    SCREENSHOTS.mkdir(exist_ok=True)
    measured = {}
    for viewport in (PHONE, DESKTOP):
        with closing(browser.new_page(viewport=viewport)) as page:
            page.goto(url(served_site, lang, name), wait_until="networkidle")
            page.screenshot(path=SCREENSHOTS / f"{lang}-{name}-{viewport['width']}.png", full_page=True)
            measured[viewport["width"]] = page.evaluate(WIDTH)
    phone = measured[PHONE["width"]]
    assert phone["width"] == PHONE["width"], (
        f"the page is {phone['width']}px wide on a {PHONE['width']}px screen; overflowing: {phone['widest']}")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_keyboard_reaches_the_skip_link_first_and_sees_focus(browser, served_site, name, lang):
    """Tab focuses a visible skip link first; Enter leads to the start of the content; focused links show a ring."""
    with closing(browser.new_page(viewport=DESKTOP)) as page:
        page.goto(url(served_site, lang, name))
        page.keyboard.press("Tab")
        first = page.evaluate(FOCUSED)
        assert first["skip"], f"the first Tab focuses {first['html']!r}, not the skip link"
        skip = page.locator(".md-skip")
        assert skip.inner_text().strip().startswith(SKIP_LABEL[lang])
        expect(skip).to_have_css("opacity", "1")
        expect(skip).to_be_in_viewport()
        assert skip.evaluate(ON_TOP), "the focused skip link is covered by another element"
        assert first["ring"], "the focused skip link shows no outline or box-shadow"
        target = skip.get_attribute("href").removeprefix("#")
        page.keyboard.press("Enter")
        expect(page).to_have_url(re.compile(f"#{re.escape(target)}$"))
        assert page.evaluate(H1_NOT_SKIPPED, target), f"the skip link jumps to #{target}, past the page's <h1>"
        page.keyboard.press("Tab")
        landed = page.evaluate(FOCUSED)
        assert landed["inContent"], f"after the skip link, Tab focuses {landed['html']!r}, outside the content"
        for _ in range(FOCUS_STOPS):
            focused = page.evaluate(FOCUSED)
            assert focused["ring"] or not focused["link"], f"the focused link {focused['html']!r} shows no outline"
            page.keyboard.press("Tab")
