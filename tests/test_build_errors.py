"""Build tests on a copy of the site: bad data stops the build with a located message."""

from __future__ import annotations

import subprocess
import sys
from urllib.parse import quote

import pytest
import yaml
from bs4 import BeautifulSoup

from macros.common import messages
from conftest import BUILD_ENV, REPO, SITE_URL, mkdocs_build

pytestmark = pytest.mark.slow  # builds, servers or tools of its own (pyproject.toml's markers)


def edit(path, change) -> None:
    """Apply `change` to the record's data and write the file back."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_invalid_data_fails_the_build_with_located_errors(project_copy, tmp_path):
    edit(project_copy / "partners" / "kr-mois.yml", lambda data: data.update(kind="governmnt"))
    edit(project_copy / "decisions" / "quyet-dinh-896-2022.yml", lambda data: data.update(date_signed="2022-11-31"))
    result = mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "partners/kr-mois.yml:" in result.stderr and "`governmnt` is not an allowed value" in result.stderr
    assert "decisions/quyet-dinh-896-2022.yml:" in result.stderr and "2022-11-31 is not a date that exists" in result.stderr
    assert not (tmp_path / "out" / "index.html").exists()


def test_failed_build_leaves_the_previous_site_unchanged(project_copy):
    site = project_copy / "site"
    command = [sys.executable, "-m", "macros", "--root", str(project_copy), "build", "--site-dir", str(site)]

    def build() -> subprocess.CompletedProcess:
        return subprocess.run(command, capture_output=True, text=True, env=BUILD_ENV)

    assert build().returncode == 0
    before = {path: path.read_bytes() for path in site.rglob("*") if path.is_file()}
    edit(project_copy / "activities" / "2024-08-accsm-22-brunei.yml", lambda data: data.update(kind="party"))
    failed = build()
    assert failed.returncode == 1
    assert "activities/2024-08-accsm-22-brunei.yml:" in failed.stderr
    after = {path: path.read_bytes() for path in site.rglob("*") if path.is_file()}
    assert after == before


def test_pending_english_shows_a_notice_and_the_vietnamese_text(real_copy, tmp_path):
    edit(real_copy / "partners" / "kr-mpm.yml",
         lambda data: data.update(name={"vi": data["name"]["vi"], "translation": "pending"}))
    result = mkdocs_build(real_copy, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    soup = BeautifulSoup((tmp_path / "out" / "en/partners/kr-mpm/index.html").read_text(encoding="utf-8"), "html.parser")
    assert "English translation pending" in soup.select_one(".pending-translation").get_text()
    heading = soup.select_one("article h1 span[lang=vi]")
    assert heading is not None and heading.get_text() == "Bộ Quản lý nhân sự Hàn Quốc"
    validate = subprocess.run([sys.executable, "-m", "macros", "--root", str(real_copy), "validate"],
                              capture_output=True, text=True)
    assert validate.returncode == 0
    assert "partners/kr-mpm.yml:" in validate.stdout and "English translation pending" in validate.stdout
    assert "1 pending translation" in validate.stdout


def test_markup_and_template_syntax_in_data_stay_text(real_copy, tmp_path):
    title = "<script>alert(1)</script> {{ 7*7 }} {% if true %}x{% endif %}"
    edit(real_copy / "partners" / "jp-npa.yml", lambda data: data["name"].update(en=title))
    result = mkdocs_build(real_copy, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out" / "en/partners/jp-npa/index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one("article h1").get_text() == title
    assert "<script>alert(1)" not in html
    assert "49" not in soup.select_one("article h1").get_text()


def test_markdown_bodies_show_raw_html_as_text_and_keep_only_safe_links(project_copy, tmp_path):
    body = ("Text **bold** <script>alert(1)</script> <img src=x onerror=alert(2)>\n\n"
            "[bad](javascript:alert(3)) [good](https://example.org/) <iframe src=//evil></iframe>\n\n"
            '<a href="https://evil.example/" title="Official">Official site</a> ![a photo](https://example.org/x.png)\n\n'
            + "[" * 19_000)  # quadratic in Python-Markdown: minutes; CommonMark (markdown-it-py) reads it at once
    edit(project_copy / "activities" / "2024-08-accsm-22-brunei.yml", lambda data: data["body"].update(en=body))
    result = mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out" / "en/activities/2024-08-accsm-22-brunei/index.html").read_text(encoding="utf-8")
    text = BeautifulSoup(html, "html.parser").select_one(".record-text")
    assert text.find("strong").get_text() == "bold"
    assert text.find("script") is None and text.find("img") is None and text.find("iframe") is None
    assert [(a.get("href"), a.get_text()) for a in text.find_all("a")] == [
        ("https://example.org/", "good"), ("https://example.org/x.png", "a photo")]  # an image: a link, not a load
    shown = text.get_text()
    assert "<script>alert(1)</script>" in shown and '<a href="https://evil.example/"' in shown  # as text
    assert "[bad](javascript:alert(3))" in shown


def test_a_configured_contact_address_reaches_the_contact_page_and_every_footer(tmp_path):
    site = tmp_path / "out"
    result = mkdocs_build(REPO, site, env={"CONTACT_EMAIL": "lien-he@example.gov.vn"})
    assert result.returncode == 0, result.stderr
    contact = BeautifulSoup((site / "en" / "contact" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert contact.select_one("article a[href='mailto:lien-he@example.gov.vn']") is not None
    partner = BeautifulSoup((site / "partners" / "fr-mtfp" / "index.html").read_text(encoding="utf-8"), "html.parser")
    report = partner.select_one(".md-footer a[href^='mailto:lien-he@example.gov.vn?subject=']")
    assert report is not None and report["href"].endswith("body=" + quote(SITE_URL + "partners/fr-mtfp/"))


def test_without_a_contact_address_the_contact_page_says_there_is_none_and_claims_nothing_of_the_ministry(site):
    for path, words in (("en/contact/", "No contact address has been set up for this site yet"),
                        ("contact/", "Trang thông tin này chưa được thiết lập địa chỉ liên hệ")):
        text = " ".join(site.page(path).select_one("article").get_text().split())
        assert words in text, text
        assert "has not yet published" not in text and "chưa công bố" not in text


def test_a_contact_address_that_is_not_one_stops_the_build(tmp_path):
    result = mkdocs_build(REPO, tmp_path / "out", env={"CONTACT_EMAIL": "x\" onclick=\"alert(1)"})
    assert result.returncode == 1
    assert "CONTACT_EMAIL" in result.stderr and "is not an e-mail address" in result.stderr
    assert "Traceback" not in result.stderr


def test_annual_plans_starting_the_same_year_one_to_the_day_one_to_the_year_build(project_copy, tmp_path):
    """A second 2024 plan given to the day (`2024-01-01`) beside the one given to the year: built, the year first."""
    plan = yaml.safe_load((project_copy / "plans" / "ke-hoach-2024.yml").read_text(encoding="utf-8"))
    plan.update(id="ke-hoach-2024-b", period={"start": "2024-01-01", "end": "2024-12-31"})
    (project_copy / "plans" / "ke-hoach-2024-b.yml").write_text(
        yaml.safe_dump(plan, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    programme = BeautifulSoup((tmp_path / "out" / "en/plans/de-an-2022-2026/index.html").read_text(encoding="utf-8"),
                              "html.parser")
    linked = [a["href"] for a in programme.select("article a[href*='ke-hoach-2024']")]
    assert [href.rstrip("/").rsplit("/", 1)[-1] for href in dict.fromkeys(linked)] == ["ke-hoach-2024", "ke-hoach-2024-b"]


HOSTILE_SITE_URLS = [
    'https://example.gov.vn/" onload="alert(1)/', "javascript://example.gov.vn/%0aalert(1)/", "https://example.gov.vn/?a=1",
    "https://example.gov.vn/#top", "https://editor:secret@example.gov.vn/", "https://example.gov.vn/a b/",
    "https://example.gov.vn/a\\b/", "https://example.gov.vn/<b>/", "https://example.gov.vn/a&b/", "ftp://example.gov.vn/",
    "https://example.gov.vn:99999/", "",
]


@pytest.mark.parametrize("url", HOSTILE_SITE_URLS)
def test_a_site_url_that_is_not_a_plain_address_stops_the_build_and_the_reports(tmp_path, url):
    built = mkdocs_build(REPO, tmp_path / "out", env={"SITE_URL": url})
    printed = subprocess.run([sys.executable, "-m", "macros", "report", "2024", "--out", str(tmp_path / "reports")],
                             capture_output=True, text=True, env={**BUILD_ENV, "SITE_URL": url}, cwd=REPO)
    for result in (built, printed):
        assert result.returncode == 1
        assert f"SITE_URL (site_url in mkdocs.yml) is {url!r}, not an absolute http or https address" in result.stderr
        assert "Traceback" not in result.stderr
    assert not (tmp_path / "out" / "index.html").exists() and not (tmp_path / "reports").exists()


def test_a_site_url_with_a_path_builds_and_prints(tmp_path):
    url = "https://example.gov.vn/htqt/"
    built = mkdocs_build(REPO, tmp_path / "out", env={"SITE_URL": url})
    assert built.returncode == 0, built.stderr
    assert f"Sitemap: {url}sitemap.xml" in (tmp_path / "out" / "robots.txt").read_text(encoding="utf-8")
    page = BeautifulSoup((tmp_path / "out" / "en/partners/kr-mois/index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select_one("link[rel=canonical]")["href"] == url + "en/partners/kr-mois/"
    printed = subprocess.run([sys.executable, "-m", "macros", "report", "2024", "--out", str(tmp_path / "reports")],
                             capture_output=True, text=True, env={**BUILD_ENV, "SITE_URL": url}, cwd=REPO)
    assert printed.returncode == 0, printed.stderr
    assert (tmp_path / "reports" / "en" / "reports" / "2024.pdf").is_file()


@pytest.mark.parametrize("url", ["https://[::1/", "https://example.gov.vn/\t/", "https://example.gov.vn/\n/"],
                         ids=["broken-ipv6", "tab", "line-break"])
def test_the_build_command_checks_the_address_as_given_before_mkdocs_reads_it(tmp_path, url):
    """MkDocs strips tabs and line breaks from site_url and stops with a traceback on a broken IPv6 host."""
    result = subprocess.run([sys.executable, "-m", "macros", "build", "--site-dir", str(tmp_path / "out")],
                            capture_output=True, text=True, env={**BUILD_ENV, "SITE_URL": url}, cwd=REPO)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr == messages.text_in("en", "bad_site_url", url=url) + "\n"
    assert not (tmp_path / "out").exists()
