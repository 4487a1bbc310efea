"""In a real browser: search results show the data's text as it is written, and the reader's query as they typed it.

A copy of the project gets two activities whose titles look like markup (`x < y > z & w`, an `<img>` that would
run a script); the site built from it is searched in both languages, at 375 and 1280 px. Pagefind gives the title
as text and the excerpt as HTML that escapes `<` and `>` only: should a release escape `&` too, or stop escaping,
these tests say so. Screenshots of the results go to the git-ignored tests/screenshots/.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from contextlib import closing

import pytest
from playwright.sync_api import expect

from macros.common.interface import language_root
from macros.common.locale import LANGUAGES

from conftest import BUILD_ENV, REPO, copy_project, free_port, mkdocs_build, serving
from test_browser_trust import folded

pytestmark = pytest.mark.slow  # builds, servers or tools of its own (pyproject.toml's markers)


PHONE = {"width": 375, "height": 800}
DESKTOP = {"width": 1280, "height": 900}
SCREENSHOTS = REPO / "tests" / "screenshots"
TEMPLATE = "activities/2023-11-30-tiep-bo-truong-guerini.yml"  # a real activity, copied with a new id and title
TITLES = {  # id → title, per language
    "xx-so-sanh": {"vi": "Kiểm thử hiển thị: x < y > z & w", "en": "Display test: x < y > z & w"},
    "xx-the-anh": {"vi": "Kiểm thử hiển thị: <img src=x onerror=alert(document.domain)>",
                   "en": "Display test: <img src=x onerror=alert(document.domain)>"},
}
QUERY = {"vi": "kiem thu hien thi", "en": "display test"}
# Replacement patterns of String.prototype.replace, and slots of the messages the query fills
VERBATIM = ["$&", "$1", "$$", "$`", "$'", "$<name>", "{query}", "{count}", "{shown}"]
WATCH = """window.__seen = [];
document.addEventListener('securitypolicyviolation', e => window.__seen.push('CSP ' + e.violatedDirective));"""
EXCERPT_MARKUP = """list => [...list.querySelectorAll('.search-result__excerpt *')]
  .filter(e => e.tagName !== 'MARK' || e.children.length).map(e => e.outerHTML)"""


def activity(source: str, ident: str, title: dict[str, str]) -> str:
    """`source` (an activity's YAML) with another id and title; the title written as a JSON string, valid YAML."""
    text, ids = re.subn(r"(?m)^id: .*$", f"id: {ident}", source, count=1)
    lines = "".join(f"\n  {lang}: {json.dumps(title[lang], ensure_ascii=False)}" for lang in LANGUAGES)
    text, titles = re.subn(r"(?m)^title:(\n  [a-z]{2}: .*)+$", "title:" + lines, text, count=1)
    assert ids == titles == 1, "the template activity has an id line and a title block"
    return text


@pytest.fixture(scope="module")
def site_with_markup_titles(tmp_path_factory):
    """The real project plus the two activities, validated, built and served; yields the address."""
    project = copy_project(tmp_path_factory.mktemp("titles") / "project")
    source = (project / TEMPLATE).read_text(encoding="utf-8")
    for ident, title in TITLES.items():
        (project / "activities" / f"{ident}.yml").write_text(activity(source, ident, title), encoding="utf-8")
    checked = subprocess.run([sys.executable, "-m", "macros", "--root", str(project), "validate"],
                             capture_output=True, text=True, env=BUILD_ENV, cwd=project)
    assert checked.returncode == 0, checked.stderr
    port = free_port()
    site = project.parent / "site"
    built = mkdocs_build(project, site, env={"SITE_URL": f"http://127.0.0.1:{port}/"})
    assert built.returncode == 0, built.stderr[-2000:]
    with serving(site, port) as address:
        yield address


def watched_page(browser, viewport):
    """A page, and what it did that it should not: dialogs, uncaught errors, scripts the CSP refused (an injected
    onerror= would be refused, so this sees an injection that the policy stopped)."""
    page = browser.new_page(viewport=viewport)
    page.add_init_script(WATCH)
    seen = []
    page.on("dialog", lambda dialog: (seen.append(f"dialog {dialog.message}"), dialog.dismiss()))
    page.on("pageerror", lambda error: seen.append(f"error {error}"))
    return page, lambda: seen + page.evaluate("window.__seen")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375", "1280"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_titles_that_look_like_markup_are_shown_as_written(browser, site_with_markup_titles, lang, viewport):
    root = language_root(lang)
    page, seen = watched_page(browser, viewport)
    with closing(page):
        page.goto(site_with_markup_titles + root + "search/?q=" + QUERY[lang].replace(" ", "+"),
                  wait_until="networkidle")
        results = page.locator(".search-results")
        for ident, title in TITLES.items():
            item = results.locator("li").filter(has=page.locator(f"h2 a[href='/{root}activities/{ident}/']"))
            expect(item).to_have_count(1, timeout=10_000)
            assert item.locator("h2 a").inner_text() == title[lang]
            assert item.locator("h2 a").text_content() == title[lang]
            excerpt = item.locator(".search-result__excerpt")
            assert title[lang] in excerpt.inner_text(), "the excerpt starts with the page's title, as written"
            marks = excerpt.locator("mark").all_inner_texts()
            assert marks and all(any(word in folded(mark) for word in QUERY[lang].split()) for mark in marks)
        assert results.evaluate(EXCERPT_MARKUP) == [], "the excerpts hold text and <mark> only"
        expect(page.locator("img[onerror], .search-results img")).to_have_count(0)
        page.wait_for_timeout(300)  # an injected image's error would come after its failed load
        assert seen() == []
        assert page.evaluate("document.documentElement.scrollWidth") == viewport["width"], "nothing overflows"
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"{lang}-search-markup-titles-{viewport['width']}.png", full_page=True)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_query_is_shown_as_typed(browser, site_with_markup_titles, lang):
    """`$&`, `$1`, `$$`… are shown as typed, not as String.prototype.replace's patterns; `{count}` is not filled."""
    page, seen = watched_page(browser, DESKTOP)
    with closing(page):
        page.goto(site_with_markup_titles + language_root(lang) + "search/", wait_until="networkidle")
        search = page.locator("[data-search-page]")
        none = search.get_attribute("data-none")
        status = page.locator(".search-status")
        for query in VERBATIM:
            page.fill("[data-search-page] input[name=q]", query)
            page.press("[data-search-page] input[name=q]", "Enter")
            if query.startswith("$"):  # no word to look for: nothing is found
                expect(status).to_have_text(none.replace("{query}", query), timeout=10_000)
            else:
                expect(status).to_contain_text(f"“{query}”", timeout=10_000)
                assert "undefined" not in status.inner_text()
        assert seen() == []
