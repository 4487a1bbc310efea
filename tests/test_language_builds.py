"""Each language its own build: the counterpart map, English built alone, a failing language, a page without
a counterpart. The whole site's hreflang links and sitemaps are checked in test_whole_site.py."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup
from mkdocs.structure.files import File, file_sort_key

from conftest import BUILD_ENV, REPO, SITE_URL, mkdocs_build
from macros.common.locale import LANGUAGES
from macros.pages import counterparts

pytestmark = pytest.mark.slow  # builds, servers or tools of its own (pyproject.toml's markers)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_hand_written_pages_are_listed_in_mkdocs_own_order(lang, tmp_path):
    """The sitemap lists a language's pages as MkDocs orders its files (`file_sort_key`, MkDocs' public key)."""
    folder = REPO / "content" / lang
    files = [File(path.relative_to(folder).as_posix(), str(folder), str(tmp_path), True) for path in folder.rglob("*.md")]
    expected = [file.url.removeprefix("./") for file in sorted(files, key=file_sort_key)]
    assert counterparts.hand_written(folder) == expected
    assert expected[0] == "" and "guide/" in expected


def test_a_page_is_its_counterparts_in_every_language_that_has_it(tmp_path):
    for folder in ("vi/guide", "en/guide"):
        (tmp_path / folder).mkdir(parents=True)
    for page in ("vi/index.md", "vi/guide/index.md", "vi/only-here.md", "en/index.md", "en/guide/index.md"):
        (tmp_path / page).write_text("# x\n", encoding="utf-8")

    class NoRecords:
        activities: dict = {}

        def records(self):
            return []

    found = counterparts.counterparts(tmp_path, NoRecords())
    assert found.pages == {"vi": ("", "only-here/", "guide/"), "en": ("", "guide/")}
    assert found.of("guide/") == {"vi": "guide/", "en": "en/guide/"}
    assert found.of("only-here/") == {"vi": "only-here/"}
    assert counterparts.address_below_root("en/guide/", "en") == "guide/"


def test_the_english_configuration_alone_builds_the_english_pages_only(tmp_path):
    site = tmp_path / "en-only"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.en.yml",
                             "--site-dir", str(site)], cwd=REPO, capture_output=True, text=True, env=BUILD_ENV)
    assert result.returncode == 0, result.stderr
    pages = {path.relative_to(site).as_posix() for path in site.rglob("index.html")}
    assert "en/partners/kr-mois/index.html" in pages and "en/index.html" in pages
    assert not [page for page in pages if not page.startswith("en/")]  # no Vietnamese page, no home at the root
    home = BeautifulSoup((site / "en" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.html["lang"] == "en"
    assert home.select_one('link[rel="alternate"][hreflang="vi"]')["href"] == SITE_URL
    entry = json.loads((site / "en" / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["en"]  # each language's build indexes its own pages, searchable alone too


def test_a_failing_language_fails_the_site_build_and_leaves_nothing_behind(project_copy, tmp_path):
    english = project_copy / "mkdocs.en.yml"
    english.write_text(english.read_text(encoding="utf-8").replace("en/about.md", "en/missing.md"), encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(project_copy, site)
    assert result.returncode != 0
    assert "'en/missing.md'" in result.stderr  # the English build's own warning, shown
    assert "the pages of mkdocs.en.yml could not be built, for the reason printed above" in result.stderr
    assert "Traceback" not in result.stderr
    assert not list(tmp_path.glob(".site-en-*"))  # the English build's folder is gone


def test_a_page_without_counterpart_leads_to_the_other_language_s_home(project_copy, tmp_path):
    (project_copy / "content" / "vi" / "only-vi.md").write_text("# Chỉ có tiếng Việt\n\nMột trang.\n", encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(project_copy, site)
    assert result.returncode == 0, result.stderr
    page = BeautifulSoup((site / "only-vi" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select_one('.md-select__link[hreflang="en"]')["href"] == "../en/"
    assert {link["hreflang"]: link["href"] for link in page.select('link[rel="alternate"][hreflang]')} == {
        "vi": f"{SITE_URL}only-vi/", "en": f"{SITE_URL}en/", "x-default": f"{SITE_URL}only-vi/"}
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    entry = sitemap[sitemap.index(f"<loc>{SITE_URL}only-vi/</loc>"):].split("</url>")[0]
    assert 'hreflang="en"' not in entry and f'hreflang="vi" href="{SITE_URL}only-vi/"' in entry
    assert f"<loc>{SITE_URL}only-vi/</loc>" not in (site / "en" / "sitemap.xml").read_text(encoding="utf-8")


def test_an_incremental_preview_mirrors_the_other_language_by_links_or_by_copies(tmp_path, monkeypatch):
    """The English build's kept folder shows in the preview's: linked where the system can, else copied."""
    from macros import preview

    built, shown = tmp_path / "built", tmp_path / "shown"
    (built / "partners" / "x").mkdir(parents=True)
    (built / "partners" / "x" / "index.html").write_text("first", encoding="utf-8")
    (shown / "partners" / "x").mkdir(parents=True)
    (shown / "partners" / "x" / "index.html").write_text("stale", encoding="utf-8")
    preview.mirror(built, shown)
    page = shown / "partners" / "x" / "index.html"
    assert page.samefile(built / "partners" / "x" / "index.html") and page.read_text(encoding="utf-8") == "first"
    (built / "about.html").write_text("new page", encoding="utf-8")

    def cannot_link(source, target):
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(preview.os, "link", cannot_link)
    preview.mirror(built, shown)
    assert (shown / "about.html").read_text(encoding="utf-8") == "new page"
