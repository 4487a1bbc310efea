"""Every page is valid HTML for the Nu HTML Checker, and declares its languages as the sitemap does."""

from __future__ import annotations

import json
import subprocess
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import material
import pytest
from bs4 import BeautifulSoup
from checkers import VNU, installed, java

from macros.common.locale import LANGUAGES
from macros.pages import conformance

from conftest import SITE_URL

pytestmark = pytest.mark.slow  # builds, servers or tools of its own (pyproject.toml's markers)


MATERIAL = Path(material.__file__).parent / "templates"
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
HREFLANGS = {*LANGUAGES, "x-default"}


def by_page(lines: dict[str, list[str]]) -> str:
    """The problems, page by page, pages in order."""
    return "\n".join(f"{page}\n" + "\n".join(f"  {line}" for line in found) for page, found in sorted(lines.items()))


def test_the_nu_html_checker_finds_no_error_on_any_page(built_site):
    """vnu.jar (the engine of validator.w3.org/nu), errors only, on every HTML file of the built site."""
    command = [java(), "-jar", str(installed(VNU)), "--format", "json", "--skip-non-html", "--errors-only",
               str(built_site)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    try:
        messages = json.loads(result.stderr)["messages"]  # the checker writes its report on stderr
    except json.JSONDecodeError:
        raise AssertionError(f"the Nu HTML Checker did not run (exit {result.returncode}):\n{result.stderr}")
    found = defaultdict(list)
    for message in messages:
        page = Path(urlsplit(message.get("url", "")).path).relative_to(built_site).as_posix()
        found[page].append(f"line {message.get('lastLine', '?')}: {message['message']}")
    assert result.returncode == 0 and not found, \
        f"{len(messages)} error(s) on {len(found)} page(s):\n{by_page(found)}"


def sitemap_alternates(site: Path) -> dict[str, dict[str, str]]:
    """Page address → its alternates (hreflang → address), from the sitemaps robots.txt names."""
    entries = {}
    for line in (site / "robots.txt").read_text(encoding="utf-8").splitlines():
        if not line.startswith("Sitemap:"):
            continue
        sitemap = site / line.removeprefix("Sitemap:").strip().removeprefix(SITE_URL)
        for url in ElementTree.parse(sitemap).getroot().findall("s:url", SITEMAP):
            entries[url.find("s:loc", SITEMAP).text] = {link.get("hreflang"): link.get("href")
                                                        for link in url.findall("x:link", SITEMAP)}
    assert entries, "robots.txt names no sitemap, or the sitemap lists no page"
    return entries


def address(site: Path, page: Path) -> str:
    path = page.relative_to(site).as_posix()
    return SITE_URL + path.removesuffix("index.html")


def test_every_page_declares_absolute_language_alternates_with_x_default_as_the_sitemap_does(built_site):
    """Google reads hreflang only as absolute addresses, x-default included, the same in page and sitemap."""
    sitemap = sitemap_alternates(built_site)
    found = defaultdict(list)
    for page in sorted(built_site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        if soup.select_one('head meta[http-equiv="refresh"]'):
            continue  # a redirect from a renamed record's old address
        name, url = page.relative_to(built_site).as_posix(), address(built_site, page)
        declared = {link["hreflang"]: link["href"] for link in soup.select('head link[rel="alternate"][hreflang]')}
        if set(declared) != HREFLANGS:
            found[name].append(f"hreflang {sorted(declared)}, not {sorted(HREFLANGS)}")
        relative = [f"{lang}: {href}" for lang, href in declared.items() if not urlsplit(href).netloc]
        if relative:
            found[name].append(f"relative addresses: {', '.join(relative)}")
        elif url in sitemap and declared != sitemap[url]:
            found[name] += [f"{lang}: {declared.get(lang)} in the page, {sitemap[url].get(lang)} in the sitemap"
                            for lang in sorted(HREFLANGS) if declared.get(lang) != sitemap[url].get(lang)]
    assert not found, f"{len(found)} page(s):\n{by_page(found)}"


def test_material_still_writes_the_markup_the_site_mends():
    """macros/pages/conformance.py mends exact markup of Material's templates: an upgrade that changes it must say so."""
    base = (MATERIAL / "base.html").read_text(encoding="utf-8")
    assert all(written in base for written, _ in conformance.CHECKBOXES)
    toc = (MATERIAL / "partials" / "toc.html").read_text(encoding="utf-8")
    assert '<label class="md-nav__title" for="__toc">' in toc
