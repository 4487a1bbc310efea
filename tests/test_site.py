"""Build tests: the real site, built once, read back as HTML in both languages."""

from __future__ import annotations

import posixpath
import re

import pytest

from macros.common.interface import language_root
from macros.common.locale import LANGUAGES
from macros.model import dataset

from conftest import REPO, SITE_URL

pytestmark = pytest.mark.slow  # builds, servers or tools of its own (pyproject.toml's markers)


MODEL = dataset.load(REPO).model
RECORDS = MODEL.records()


def page_path(record, lang: str) -> str:
    return language_root(lang) + record.path


def resolve(from_path: str, href: str) -> str:
    """The site path a relative link on page `from_path` points to, without its anchor."""
    target = href.split("#")[0]
    joined = posixpath.normpath(posixpath.join("/" + from_path, target)).lstrip("/")
    return "" if joined == "." else joined + "/"


def links(soup, selector: str = "article a[href]") -> list[str]:
    return [a["href"] for a in soup.select(selector)]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("record", RECORDS, ids=lambda r: f"{r.collection}/{r.id}")
def test_every_record_has_its_page_with_its_title(site, record, lang):
    soup = site.page(page_path(record, lang))
    assert soup.html["lang"] == lang
    headline = soup.select_one("article h1").get_text(strip=True)
    if record.collection == "decisions":  # a decision's headline names it first: "Decision No. 896/QĐ-BNV: …"
        assert headline.startswith(("Quyết định số " if lang == "vi" else "Decision No. ") + record.number + ": ")
    assert headline.endswith(record.title.get(lang))


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: f"{r.collection}/{r.id}")
def test_language_switcher_goes_to_the_counterpart(site, record):
    for lang in LANGUAGES:
        path = page_path(record, lang)
        soup = site.page(path)
        for other in LANGUAGES:
            switch = soup.select_one(f'a.md-select__link[hreflang="{other}"]')["href"]
            alternate = soup.select_one(f'link[rel="alternate"][hreflang="{other}"]')["href"]
            assert resolve(path, switch) == page_path(record, other)
            assert alternate == SITE_URL + page_path(record, other)  # absolute, for search engines
        default = soup.select_one('link[rel="alternate"][hreflang="x-default"]')["href"]
        assert default == SITE_URL + page_path(record, LANGUAGES[0])
        assert not soup.select('a.md-select__link[hreflang="x-default"]'), "the menu lists languages only"


def test_dates_follow_the_page_language(site):
    decision = MODEL.decisions["quyet-dinh-896-2022"]
    assert "15/11/2022" in site.page(page_path(decision, "vi")).select_one("article").get_text()
    assert "15 November 2022" in site.page(page_path(decision, "en")).select_one("article").get_text()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_partner_pages_link_their_activities_and_plan_items(site, lang):
    for partner in MODEL.partners.values():
        path = page_path(partner, lang)
        targets = {resolve(path, href) for href in links(site.page(path))}
        for activity in partner.activities:
            assert page_path(activity, lang) in targets, (partner.id, activity.id)
        for item in partner.plan_items:
            assert page_path(item.plan, lang) in targets
        if partner.parent:
            assert page_path(partner.parent, lang) in targets


@pytest.mark.parametrize("lang", LANGUAGES)
def test_activity_pages_link_partners_and_plan_items(site, lang):
    for activity in MODEL.activities.values():
        path = page_path(activity, lang)
        soup = site.page(path)
        targets = {resolve(path, href) for href in links(soup)}
        assert {page_path(p, lang) for p in activity.partners} <= targets
        anchors = {href.split("#")[1] for href in links(soup) if "#" in href}
        assert {item.anchor for item in activity.plan_items} <= anchors
        assert soup.select("ol.sources li"), "an activity cites its sources"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_plan_items_link_their_evidence(site, lang):
    for plan in MODEL.plans.values():
        path = page_path(plan, lang)
        soup = site.page(path)
        for element in plan.elements():
            node = soup.find(id=element.anchor)
            assert node is not None, f"{plan.id}#{element.anchor} has no anchor"
            targets = {resolve(path, a["href"]) for a in node.select("a[href]")}
            assert {page_path(activity, lang) for activity in element.evidence} <= targets


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("collection", ["decisions", "plans", "partners", "activities"])
def test_collection_index_lists_every_record(site, collection, lang):
    path = f"{language_root(lang)}{collection}/"
    targets = {resolve(path, href) for href in links(site.page(path))}
    assert {page_path(r, lang) for r in MODEL.collection(collection).values()} <= targets


def test_record_pages_stay_out_of_the_navigation(site):
    nav_links = links(site.page("en/"), "nav.md-nav--primary a[href]")
    assert nav_links, "the primary navigation is there"
    record_paths = {record.path for record in RECORDS}
    assert not [href for href in nav_links if resolve("en/", href).removeprefix("en/") in record_paths]


def test_vietnamese_heading_anchors_keep_their_letters(site):
    soup = site.page("")
    assert soup.find("h2", id="ban-do-doi-tac") is not None  # "Bản đồ đối tác": đ kept as d


def test_no_page_loads_anything_from_another_host(built_site):
    loaded = re.compile(r'<(?:script|img|iframe|source)[^>]+src="(https?:)?//|<link[^>]+href="(https?:)?//[^"]+"[^>]*rel="(?:stylesheet|preconnect|preload)"|<link[^>]+rel="(?:stylesheet|preconnect|preload)"[^>]+href="(https?:)?//')
    offenders = [str(path.relative_to(built_site)) for path in built_site.rglob("*.html")
                 if loaded.search(path.read_text(encoding="utf-8"))]
    assert offenders == []
    hosts = re.compile(r"fonts\.googleapis\.com|fonts\.gstatic\.com|unpkg\.com|cdn\.jsdelivr\.net|cdnjs\.cloudflare\.com"
                       r"|googletagmanager|google-analytics")
    naming = [str(path.relative_to(built_site)) for suffix in ("*.css", "*.js") for path in built_site.rglob(suffix)
              if hosts.search(path.read_text(encoding="utf-8"))]
    assert naming == [], "no stylesheet or script even names another host"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_a_search_bundle_of_its_own_pages(built_site, lang):
    """Pagefind runs once per language: the bundle beside the search page indexes exactly that language's pages."""
    import json

    root = built_site / language_root(lang)
    entry = json.loads((root / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    elsewhere = tuple(language_root(other) for other in LANGUAGES if other != lang and language_root(other))
    indexed = [path for path in root.rglob("*.html") if "data-pagefind-body" in path.read_text(encoding="utf-8")
               and not path.relative_to(built_site).as_posix().startswith(elsewhere)]
    assert list(entry["languages"]) == [lang]
    assert entry["languages"][lang]["page_count"] == len(indexed) > 30
    assert (root / "search" / "index.html").exists()  # assets/site.js loads ../pagefind/ from the search page
