"""The editors' workflow: scaffolding, translation status, the guide, live preview."""

from __future__ import annotations

import datetime
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from macros import preview
from macros.common import PREVIEW_COMMAND
from macros.common.collections import COLLECTIONS
from macros.common.interface import language_root
from macros.common.locale import LANGUAGES
from macros.editors import cms_config, scaffold
from macros.model import translation as translation_status
from macros.model import dataset

from conftest import BUILD_ENV, REPO, read_only

pytestmark = pytest.mark.slow  # builds, servers or tools of its own (pyproject.toml's markers)


TODAY = datetime.date(2026, 11, 23)


def run(project, *arguments) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "macros", "--root", str(project), *arguments],
                          capture_output=True, text=True, env=BUILD_ENV)


@pytest.mark.parametrize("kind", sorted(scaffold.KINDS))
def test_a_new_file_names_every_field_to_fill_then_validates_once_filled(project_copy, kind):
    result = run(project_copy, "new", kind, "zz-new-record")
    assert result.returncode == 0, result.stderr
    collection = scaffold.KINDS[kind]
    path = project_copy / collection / "zz-new-record.yml"
    text = path.read_text(encoding="utf-8")
    assert "id: zz-new-record" in text
    assert re.search(r'"\d{4}-\d{2}-\d{2}"', text), "today's date is filled in, to confirm"
    unfilled = run(project_copy, "validate")
    assert unfilled.returncode == 1
    located = [line for line in unfilled.stderr.splitlines() if line.startswith(f"{collection}/zz-new-record.yml:")]
    assert len(located) >= 3 and any("is empty" in line for line in located)
    path.write_text(yaml.safe_dump(filled(yaml.safe_load(text), kind), allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    filled_run = run(project_copy, "validate")
    assert filled_run.returncode == 0, filled_run.stderr


def filled(data, kind: str, key: str = ""):
    """The template's data with every empty value given a plausible one."""
    if isinstance(data, dict):
        return {name: filled(value, kind, name) for name, value in data.items()}
    if isinstance(data, list):
        return [filled(item, kind, key) for item in data]
    if data != "":
        return data
    values = {"kind": "workshop" if kind == "activity" else "government", "country": "KR", "id": "zz-item",
              "number": "1/QĐ-BNV"}
    return values.get(key, "Nội dung thử nghiệm")


def test_new_refuses_an_existing_id_and_an_invalid_one(project_copy):
    existing = run(project_copy, "new", "partner", "kr-mois")
    assert existing.returncode == 1 and "partners/kr-mois.yml exists already" in existing.stderr
    invalid = run(project_copy, "new", "activity", "Hội thảo")
    assert invalid.returncode == 1 and "is not a valid id" in invalid.stderr
    assert not list((project_copy / "activities").glob("*Hội*"))


def test_status_counts_the_real_data():
    statuses = translation_status.report(dataset.load(REPO), "en")
    assert len(statuses) == sum(len(dataset.load(REPO).model.collection(name)) for name in COLLECTIONS)
    assert [entry for entry in statuses if entry.pending or entry.stale or entry.reviewed is None] == []
    result = subprocess.run([sys.executable, "-m", "macros", "status"], cwd=REPO, capture_output=True, text=True,
                            env=BUILD_ENV)
    assert result.returncode == 0
    assert "partners: 15 records, 0 texts with English pending, 0 to review again, 0 never reviewed" in result.stdout


def test_status_finds_pending_english_and_changed_vietnamese(real_copy):
    path = real_copy / "partners" / "kr-mpm.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["name"] = {"vi": data["name"]["vi"], "translation": "pending"}
    data["description"]["vi"] += " Đã cập nhật."
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run(real_copy, "status")
    assert "partners: 15 records, 1 texts with English pending, 1 to review again, 0 never reviewed" in result.stdout
    assert "partners/kr-mpm: the Vietnamese changed after the English was reviewed on" in result.stdout
    reviewed = run(real_copy, "reviewed", "partners/kr-mpm")
    assert reviewed.returncode == 0
    again = run(real_copy, "status")
    assert "partners: 15 records, 1 texts with English pending, 0 to review again" in again.stdout
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["en_reviewed"].endswith(
        translation_status.fingerprint(yaml.safe_load(path.read_text(encoding="utf-8"))))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_guide_is_built_in_both_languages(site, lang):
    guide = site.page(language_root(lang) + "guide/")
    examples = guide.select("article pre code")
    assert len(examples) >= 4 + 1, "a complete example per collection, and an error message"
    assert "id: 2024-08-accsm-22-brunei" in guide.get_text()
    fields = site.page(language_root(lang) + "guide/fields/")
    assert len(fields.select(".field-reference")) == len(COLLECTIONS) + 1
    status = site.page(language_root(lang) + "guide/translation/")
    assert [cell.get_text() for cell in status.select('[data-count="records"]')] == [
        str(len(dataset.load(REPO).model.collection(name))) for name in COLLECTIONS]
    assert status.select_one(".translation-ok") is not None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(url: str, wanted: str, seconds: float = 60) -> str:
    """The page at `url` once it contains `wanted` (the serve loop rebuilds in the background)."""
    deadline = time.monotonic() + seconds
    text = ""
    while time.monotonic() < deadline:
        try:
            text = fetch(url)
            if wanted in text:
                return text
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{wanted!r} never appeared at {url}")


def preview_site(folder) -> Path:
    """The folder `mkdocs serve` renders into: the one it made below `folder` (its TMPDIR)."""
    (site,) = [path for path in folder.glob("mkdocs_*") if path.is_dir() and "-" not in path.name]
    return site


def test_serve_reloads_on_data_template_and_content_changes(real_copy, tmp_path):
    """`make serve`'s preview: an edit renders again only the pages whose content changed (macros/preview.py)."""
    port, previews = free_port(), tmp_path / "previews"
    previews.mkdir()
    env = {**BUILD_ENV, "REPORTS_CACHE": str(tmp_path / "no-reports-yet"), "TMPDIR": str(previews)}
    server = subprocess.Popen([sys.executable, "-m", *PREVIEW_COMMAND, "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=real_copy, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}/"
        wait_for(base + "en/partners/kr-mpm/", "Ministry of Personnel Management", seconds=90)
        # the preview prints no annual report (nothing in its cache): the plan's page says so instead of a link
        plan = BeautifulSoup(fetch(base + "en/plans/ke-hoach-2024/"), "html.parser").select_one(".report-links")
        assert "not printed in this preview (mkdocs serve); make build prints it" in plan.get_text()
        assert not plan.select("a") and not (tmp_path / "no-reports-yet").exists()
        with pytest.raises(urllib.error.HTTPError):
            fetch(base + "en/reports/2024.pdf")
        site = preview_site(previews)
        untouched = [site / "en" / "partners" / "kr-mois" / "index.html", site / "partners" / "kr-mois" / "index.html"]
        rendered = {path: path.stat().st_mtime_ns for path in untouched}
        path = real_copy / "partners" / "kr-mpm.yml"
        path.write_text(path.read_text(encoding="utf-8").replace(
            "Ministry of Personnel Management of the Republic of Korea", "Ministry of Personnel Management (edited)"), encoding="utf-8")
        wait_for(base + "en/partners/kr-mpm/", "Ministry of Personnel Management (edited)")
        wait_for(base + "en/partners/", "Ministry of Personnel Management (edited)")  # a hand-written page's list
        assert {path: path.stat().st_mtime_ns for path in untouched} == rendered, "a page that did not change was rendered again"
        template = real_copy / "templates" / "records" / "partner.html.j2"
        template.write_text(template.read_text(encoding="utf-8") + "\n<p>template-edited</p>\n", encoding="utf-8")
        wait_for(base + "en/partners/kr-mpm/", "template-edited")
        wait_for(base + "partners/kr-mois/", "template-edited")
        theme = real_copy / "overrides" / "main.html"  # the theme's templates: every page is rendered again
        theme.write_text(theme.read_text(encoding="utf-8").replace(
            "{{ super() }}", '{{ super() }}<meta name="theme-edited">', 1), encoding="utf-8")
        wait_for(base + "partners/kr-mois/", 'name="theme-edited"')
        wait_for(base + "en/decisions/", 'name="theme-edited"')
        about = real_copy / "content" / "en" / "about.md"
        about.write_text(about.read_text(encoding="utf-8") + "\nContent edited.\n", encoding="utf-8")
        wait_for(base + "en/about/", "Content edited.")
        soup = BeautifulSoup(fetch(base + "en/partners/kr-mpm/"), "html.parser")
        assert soup.select_one("article h1").get_text() == "Ministry of Personnel Management (edited)"
        for bundle in ("pagefind/", "en/pagefind/"):  # the search index follows the pages, not waited for
            wait_for(base + bundle + "pagefind-entry.json", '"languages"', seconds=60)
    finally:
        server.send_signal(signal.SIGINT)  # Ctrl-C: the preview ends as an editor ends it
        errors = server.communicate(timeout=30)[1]
    assert "'dirty' build" not in errors and "Aborted" not in errors, errors  # --strict holds in a dirty build
    assert preview.NOTICE in errors
    assert list(previews.iterdir()) == [], "the preview left folders behind"


# ── Refusals (issue 22): one sentence, exit 1, nothing written, never a traceback ───────────────────────────────

def without(*names: str) -> dict:
    return {name: value for name, value in BUILD_ENV.items() if name not in names}


def admin_into(project, site, **variables) -> subprocess.CompletedProcess:
    """`python -m macros admin` of `project` into `site` (a built site's stand-in), with neither repository variable
    unless given."""
    site.mkdir(exist_ok=True)
    (site / "index.html").write_text("<!doctype html>", encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "macros", "--root", str(project), "admin", "--site-dir", str(site)],
                          capture_output=True, text=True, env={**without("CMS_REPOSITORY", "GITHUB_REPOSITORY"), **variables})


def test_admin_without_a_github_repository_writes_nothing_and_names_the_variables(project_copy, tmp_path):
    refused = admin_into(project_copy, tmp_path / "site")  # a copy: no checkout, no `origin` to fall back on
    assert refused.returncode == 1 and refused.stdout == ""
    assert refused.stderr == ("The editor at /admin/ needs the GitHub repository its changes go to: set CMS_REPOSITORY "
                              "(GitHub Actions sets GITHUB_REPOSITORY) to OWNER/NAME, e.g. "
                              "CMS_REPOSITORY=bnv/htqt-site; nothing was written.\n")
    assert not (tmp_path / "site" / "admin").exists()


@pytest.mark.parametrize("variable, value", [
    ("CMS_REPOSITORY", 'bnv/x"; alert(1)'), ("CMS_REPOSITORY", "bnv"), ("CMS_REPOSITORY", "bnv/htqt/site"),
    ("CMS_REPOSITORY", "https://github.com/bnv/htqt-site"), ("CMS_REPOSITORY", "bnv/.."), ("GITHUB_REPOSITORY", "../x"),
    ("GITHUB_REPOSITORY", "bnv/htqt site"),
])
def test_admin_refuses_a_repository_that_is_not_owner_slash_name(project_copy, tmp_path, variable, value):
    refused = admin_into(project_copy, tmp_path / "site", **{variable: value})
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert refused.stderr == (f"{variable} is {value!r}, not a GitHub repository written OWNER/NAME "
                              "(e.g. bnv/htqt-site); nothing was written.\n")
    assert not (tmp_path / "site" / "admin").exists()


def test_without_a_variable_the_repository_is_the_checkouts_github_origin(tmp_path, monkeypatch):
    for variable in cms_config.REPOSITORY_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "remote", "add", "origin", "git@github.com:bnv/htqt-site.git"], check=True)
    assert cms_config.github_backend(tmp_path)["repo"] == "bnv/htqt-site"
    for address in ("https://github.com/bnv/htqt-site", "ssh://git@github.com/bnv/htqt-site.git"):
        subprocess.run(["git", "-C", str(tmp_path), "remote", "set-url", "origin", address], check=True)
        assert cms_config.github_backend(tmp_path)["repo"] == "bnv/htqt-site"
    for address in ("https://github.com/bnv/a'b.git", "https://evil.example/github.com/bnv/htqt-site",
                    "https://github.com.evil.example/bnv/htqt-site"):
        subprocess.run(["git", "-C", str(tmp_path), "remote", "set-url", "origin", address], check=True)
        with pytest.raises(cms_config.NoRepository, match="set CMS_REPOSITORY"):
            cms_config.github_backend(tmp_path)


def test_admin_on_invalid_data_prints_the_located_problems(project_copy, tmp_path):
    record = project_copy / "partners" / "kr-mois.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("kind: government", "kind: governmnt"), encoding="utf-8")
    refused = admin_into(project_copy, tmp_path / "site", CMS_REPOSITORY="bnv/htqt-site")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert refused.stderr.startswith("partners/kr-mois.yml:") and "`governmnt` is not an allowed value" in refused.stderr
    assert not (tmp_path / "site" / "admin").exists()


def edit(project, timeout: float = 120, **ports: str) -> subprocess.CompletedProcess:
    """`python -m macros edit` of `project`, on free ports unless given, until it stops by itself."""
    env = {**BUILD_ENV, "EDIT_PORT": str(free_port()), "PREVIEW_PORT": str(free_port()), **ports}
    return subprocess.run([sys.executable, "-m", "macros", "--root", str(project), "edit"],
                          capture_output=True, text=True, env=env, timeout=timeout)


@pytest.mark.parametrize("variable, value, example", [
    ("EDIT_PORT", "abc", 8082), ("EDIT_PORT", "0", 8082), ("EDIT_PORT", "70000", 8082), ("PREVIEW_PORT", "-1", 8001),
    ("PREVIEW_PORT", "8000.5", 8001), ("PREVIEW_PORT", "８０００", 8001),
])
def test_a_port_that_is_not_one_stops_edit_and_nothing_else(variable, value, example):
    refused = edit(REPO, **{variable: value})
    assert refused.returncode == 1 and refused.stdout == ""
    assert refused.stderr == (f"{variable} is {value!r}, not a port number from 1 to 65535: give a free port, "
                              f"e.g. `{variable}={example} make edit`.\n")
    validated = subprocess.run([sys.executable, "-m", "macros", "validate"], capture_output=True, text=True,
                               env={**BUILD_ENV, variable: value}, cwd=REPO)
    assert validated.returncode == 0, validated.stderr


def test_the_editor_and_the_preview_need_two_ports():
    refused = edit(REPO, EDIT_PORT="8123", PREVIEW_PORT="8123")
    assert refused.returncode == 1
    assert refused.stderr == "EDIT_PORT and PREVIEW_PORT are both 8123: the editor and the live preview need two different ports.\n"


@pytest.mark.parametrize("busy", [("EDIT_PORT",), ("PREVIEW_PORT",), ("EDIT_PORT", "PREVIEW_PORT")])
def test_a_busy_port_stops_edit_before_anything_starts(busy):
    held = {variable: socket.create_server(("127.0.0.1", 0)) for variable in busy}  # listening, as a server would
    try:
        ports = {variable: str(server.getsockname()[1]) for variable, server in held.items()}
        refused = edit(REPO, **ports)
    finally:
        for server in held.values():
            server.close()
    assert refused.returncode == 1 and refused.stdout == "" and "Traceback" not in refused.stderr
    lines = refused.stderr.splitlines()
    assert len(lines) == len(busy)
    for line, variable in zip(lines, busy):
        assert re.fullmatch(rf"Port {ports[variable]} on 127\.0\.0\.1 \({variable}\) cannot be used \(Address already "
                            rf"in use\): stop the program that uses it, or choose another port, e\.g\. "
                            rf"`{variable}=\d+ make edit`\.", line), line


def test_a_preview_that_stops_with_an_error_stops_edit_with_an_error(project_copy):
    config = project_copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("name: material", "name: no-such-theme"),
                      encoding="utf-8")
    stopped = edit(project_copy)
    assert stopped.returncode == 1
    assert "Editor:       http://127.0.0.1:" in stopped.stdout, "the editor had started"
    assert stopped.stderr.endswith("The live preview (mkdocs serve) stopped with exit code 1, for the reason printed "
                                   "above; the editor was stopped too.\n")


def test_invalid_data_starts_the_editor_without_the_preview_naming_what_the_form_cannot_open(real_copy):
    record = real_copy / "partners" / "kr-mois.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("kind: government", "kind: governmnt"), encoding="utf-8")
    twice = real_copy / "partners" / "kr-mpm.yml"
    twice.write_text(twice.read_text(encoding="utf-8") + "kind: government\n", encoding="utf-8")
    (real_copy / "activities" / "latin1.yml").write_bytes("title: Hội thảo".encode("utf-16"))
    (real_copy / "partners" / "zz-empty.yml").write_bytes(b"")
    port = free_port()
    editor = subprocess.Popen([sys.executable, "-m", "macros", "--root", str(real_copy), "edit"], text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env={**BUILD_ENV, "EDIT_PORT": str(port), "PREVIEW_PORT": str(free_port())})
    try:
        assert f"http://127.0.0.1:{port}/admin/" in editor.stdout.readline()
        assert "Saving in the form writes the file" in editor.stdout.readline(), "no preview address in between"
        assert "decap-cms.js" in fetch(f"http://127.0.0.1:{port}/admin/")
    finally:
        editor.terminate()
        _, errors = editor.communicate(timeout=10)
    assert "partners/kr-mois.yml:" in errors and "`governmnt` is not an allowed value" in errors
    assert ("The form cannot open activities/latin1.yml, partners/kr-mpm.yml, partners/zz-empty.yml: mend them in a text editor; any other "
            "file above can be mended in the form.\n") in errors
    assert ("The live preview was not started, as the data is invalid: mend the records above, then run "
            "`make serve` for the preview.") in errors


BAD_ADDRESS = ("`{}` is not a record's address: write COLLECTION/ID or COLLECTION/ID.yml, e.g. partners/kr-mois, with "
               "COLLECTION one of decisions, plans, partners, activities.\n")


@pytest.mark.parametrize("address, refusal", [
    ("partners/nope", "partners/ has no record `nope`: write COLLECTION/ID with the id of an existing record, e.g. "
                      "partners/kr-mois.\n"),
    ("partners", BAD_ADDRESS.format("partners")), ("kr-mois", BAD_ADDRESS.format("kr-mois")),
    ("people/kr-mois", BAD_ADDRESS.format("people/kr-mois")), ("../partners/kr-mois", BAD_ADDRESS.format("../partners/kr-mois")),
    ("partners/kr-mois/extra", BAD_ADDRESS.format("partners/kr-mois/extra")),
])
def test_reviewed_refuses_an_address_that_names_no_record_and_writes_nothing(real_copy, address, refusal):
    before = {path: path.read_bytes() for path in real_copy.rglob("*.yml")}
    refused = run(real_copy, "reviewed", "partners/kr-mpm", address)  # the good address is not written either
    assert refused.returncode == 1 and refused.stdout == ""
    assert refused.stderr == refusal
    assert {path: path.read_bytes() for path in real_copy.rglob("*.yml")} == before


def test_reviewed_takes_a_file_path_too(real_copy):
    path = real_copy / "partners" / "kr-mpm.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("en_reviewed:", "# en_reviewed:"), encoding="utf-8")
    marked = run(real_copy, "reviewed", "partners/kr-mpm.yml")
    assert marked.returncode == 0, marked.stderr
    assert marked.stdout.startswith("Marked as reviewed today: partners/kr-mpm.yml")
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert record["en_reviewed"].endswith(" " + translation_status.fingerprint(record))
    assert "COLLECTION/ID.yml" in run(real_copy, "reviewed", "--help").stdout


def test_reviewed_keeps_every_other_byte_of_the_file_crlf_and_byte_order_mark_included(real_copy):
    path = real_copy / "partners" / "kr-mpm.yml"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("en_reviewed:")]
    path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8") + b"\r\n")
    before = path.read_bytes()
    marked = run(real_copy, "reviewed", "partners/kr-mpm")
    assert marked.returncode == 0, marked.stderr
    after = path.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf") and after.count(b"\n") == after.count(b"\r\n") == before.count(b"\r\n") + 1
    added = [line for line in after.split(b"\r\n") if line not in before.split(b"\r\n")]
    assert len(added) == 1 and added[0].startswith(b'en_reviewed: "')
    assert not list(path.parent.glob(".*partial*")), "no staged file left behind"


def test_reviewed_in_a_folder_it_cannot_write_says_so_in_one_sentence_and_changes_nothing(real_copy):
    folder = real_copy / "partners"
    before = {path: path.read_bytes() for path in folder.iterdir()}
    prefix = read_only(folder)
    try:
        refused = subprocess.run([*prefix, sys.executable, "-m", "macros", "--root", str(real_copy), "reviewed",
                                  "partners/kr-mpm"], capture_output=True, text=True, env=BUILD_ENV)
    finally:
        folder.chmod(0o755)
    assert refused.returncode == 1 and refused.stdout == ""
    assert refused.stderr == ("partners/kr-mpm could not be marked as reviewed (Permission denied): its file was left "
                              "as it was; make it writable and run the command again.\n")
    assert {path: path.read_bytes() for path in folder.iterdir()} == before


def test_reviewed_on_invalid_data_prints_the_located_problems(real_copy):
    record = real_copy / "partners" / "kr-mois.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("kind: government", "kind: governmnt"), encoding="utf-8")
    before = (real_copy / "partners" / "kr-mpm.yml").read_bytes()
    refused = run(real_copy, "reviewed", "partners/kr-mpm")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert refused.stderr.splitlines() == [
        "partners/kr-mois.yml:7:1: `kind`: `governmnt` is not an allowed value — use one of: government, "
        "international-organisation, mechanism, company", "1 error in the data: nothing was built."]
    assert (real_copy / "partners" / "kr-mpm.yml").read_bytes() == before


def test_new_into_a_folder_that_cannot_take_it_says_so_in_one_sentence(project_copy):
    """The collection's folder is a regular file: no one, root included, can write into it."""
    shutil.rmtree(project_copy / "activities")
    (project_copy / "activities").write_text("not a folder", encoding="utf-8")
    refused = run(project_copy, "new", "activity", "2025-05-hoi-thao")
    assert refused.returncode == 1 and refused.stdout == ""
    assert refused.stderr == ("activities/2025-05-hoi-thao.yml could not be written (File exists): check that "
                              "activities/ is a folder you may write in.\n")
    assert (project_copy / "activities").read_text(encoding="utf-8") == "not a folder"


def test_new_never_writes_through_a_link_left_in_its_place(project_copy, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (project_copy / "activities" / "2025-05-hoi-thao.yml").symlink_to(outside / "written.yml")
    refused = run(project_copy, "new", "activity", "2025-05-hoi-thao")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert refused.stderr.startswith("activities/2025-05-hoi-thao.yml could not be written (File exists)")
    assert list(outside.iterdir()) == []


def test_the_site_is_the_same_whatever_the_builders_language(project_copy, tmp_path):
    """The translation-status page words a pending text in its page's language, never in the builder's locale."""
    path = project_copy / "partners" / "kr-mois.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "  en: Ministry of the Interior and Safety of the Republic of Korea", "  translation: pending"), encoding="utf-8")
    sites = {}
    for locale in ("vi_VN.UTF-8", "C.UTF-8"):
        sites[locale] = tmp_path / locale
        env = {**without("MACROS_LANG", "LC_ALL", "LC_MESSAGES"), "LANG": locale}
        built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(sites[locale])],
                               cwd=project_copy, capture_output=True, text=True, env=env)
        assert built.returncode == 0, built.stderr
    files = {locale: {path.relative_to(site): path.read_bytes() for path in site.rglob("*") if path.is_file()}
             for locale, site in sites.items()}
    vietnamese, neutral = files["vi_VN.UTF-8"], files["C.UTF-8"]
    assert sorted(vietnamese) == sorted(neutral)
    assert [str(name) for name, content in vietnamese.items() if neutral[name] != content] == []
    said = {lang: BeautifulSoup((sites["C.UTF-8"] / language_root(lang) / "guide/translation/index.html").read_text(
        encoding="utf-8"), "html.parser").select_one(".translation-attention").get_text(" ", strip=True) for lang in LANGUAGES}
    assert said == {"vi": "partners/kr-mois : chưa có bản dịch tiếng Anh cho trường `name`",
                    "en": "partners/kr-mois : English translation pending for `name`"}
