"""The built site is whole: every internal link resolves, every page has its counterpart, builds repeat."""

from __future__ import annotations

import posixpath
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from macros.common.locale import LANGUAGES
from macros.model import dataset

from conftest import REPO, SITE_URL, mkdocs_build

pytestmark = pytest.mark.slow  # builds, servers or tools of its own (pyproject.toml's markers)


ERROR_TEXTS = ("Traceback (most recent call last)", "jinja2.exceptions", "UndefinedError", "Macro Syntax Error",
               "TemplateSyntaxError", "macro_error")
LINKED = (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("source", "src"))


@cache
def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def target_file(site: Path, page: Path, url: str) -> Path | None:
    """The file an internal `url` on `page` points to; None for an external address."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("mailto:", "#")) or not parts.path:
        return None
    base, path = page.parent.relative_to(site).as_posix(), unquote(parts.path)
    if path.startswith("/"):  # site-absolute (404 pages): below the path the site is served at (SITE_URL's)
        base, path = "", path.removeprefix(urlsplit(SITE_URL).path)
    path = posixpath.normpath(posixpath.join(base, path.lstrip("/")))
    target = site / path
    return target / "index.html" if target.is_dir() or parts.path.endswith("/") else target


def test_every_internal_link_anchor_image_and_asset_resolves(built_site):
    broken = []
    for page in html_files(built_site):
        soup = soup_of(page)
        for tag, attribute in LINKED:
            for element in soup.find_all(tag, attrs={attribute: True}):
                url = element[attribute]
                target = target_file(built_site, page, url)
                if url.startswith("#") and len(url) > 1:
                    target = page
                if target is None:
                    continue
                if not target.is_file():
                    broken.append(f"{page.relative_to(built_site)}: {url}")
                    continue
                anchor = unquote(urlsplit(url).fragment)
                if anchor and target.suffix == ".html" and not soup_of(target).find(id=anchor) \
                        and not soup_of(target).find(attrs={"name": anchor}):
                    broken.append(f"{page.relative_to(built_site)}: {url} (no #{anchor})")
    assert broken == []


def test_every_page_has_its_counterpart_and_declares_it(built_site):
    roots = {lang: ("" if index == 0 else f"{lang}/") for index, lang in enumerate(LANGUAGES)}
    english = {page.relative_to(built_site / "en").as_posix() for page in html_files(built_site / "en")}
    vietnamese = {page.relative_to(built_site).as_posix() for page in html_files(built_site)
                  if not page.relative_to(built_site).as_posix().startswith("en/")}
    assert vietnamese == english
    for name in sorted(vietnamese - {"404.html"}):
        for lang, root in roots.items():
            page = built_site / root / name
            declared = {link["hreflang"]: link["href"] for link in soup_of(page).select('link[rel="alternate"][hreflang]')}
            assert set(declared) == {*LANGUAGES, "x-default"}, name
            for other, other_root in roots.items():
                assert declared[other] == SITE_URL + other_root + name.removesuffix("index.html"), name
            assert declared["x-default"] == declared[LANGUAGES[0]]


def test_no_page_contains_an_error_text(built_site):
    offenders = [str(page.relative_to(built_site)) for page in html_files(built_site)
                 if any(text in page.read_text(encoding="utf-8") for text in ERROR_TEXTS)]
    assert offenders == []


def test_two_builds_are_identical_whatever_the_time_zone(tmp_path):
    first = mkdocs_build(REPO, tmp_path / "first", env={"TZ": "UTC"})
    second = mkdocs_build(REPO, tmp_path / "second", env={"TZ": "Pacific/Kiritimati"})
    assert first.returncode == second.returncode == 0
    files = sorted(path.relative_to(tmp_path / "first") for path in (tmp_path / "first").rglob("*") if path.is_file())
    assert files == sorted(path.relative_to(tmp_path / "second")
                           for path in (tmp_path / "second").rglob("*") if path.is_file())
    different = [str(name) for name in files
                 if (tmp_path / "first" / name).read_bytes() != (tmp_path / "second" / name).read_bytes()]
    assert different == []


def test_the_sitemap_is_dated_by_the_data_not_the_clock(built_site):
    last = dataset.load(REPO).model.as_of().iso()
    namespace = {"sitemap": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ElementTree.parse(built_site / "sitemap.xml").getroot()
    dates = {element.text for element in root.iterfind(".//sitemap:lastmod", namespace)}
    assert dates == {last}


@pytest.mark.parametrize("lang_root", ["", "en/"])
def test_each_language_has_its_own_404_page(built_site, lang_root):
    soup = soup_of(built_site / lang_root / "404.html")
    assert soup.html["lang"] == ("en" if lang_root else "vi")
