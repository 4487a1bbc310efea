"""The browser editor without a browser: its configuration against the schemas, and clean saves.

The local backend, over HTTP, is tested in test_cms_backend.py.
"""

from __future__ import annotations

import argparse
import difflib
import random
import subprocess
import sys
import unicodedata
import urllib.request
from pathlib import Path

import pytest
import yaml

from conftest import BUILD_ENV, REPO, free_port
from macros.common.collections import COLLECTIONS
from macros.editors import admin, cms_config, commands, normalise
from macros.reading import schemas

FORMS = {collection["name"]: collection["fields"] for collection in cms_config.configuration()["collections"]}
DATA_FILES = sorted(path for name in COLLECTIONS for path in (REPO / name).glob("*.yml"))
PARTNER = "partners/fr-mtfp.yml"


def changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def yamllint(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "yamllint", "--strict", "-f", "parsable", "-c",
                           str(REPO / ".yamllint.yml"), str(path)], capture_output=True, text=True)


def validate(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "macros", "--root", str(project), "validate"],
                          capture_output=True, text=True, env=BUILD_ENV)


# ── The configuration: from the schemas, committed, never drifting ───────────────────────────────

def test_the_committed_configuration_is_the_one_the_schemas_give():
    assert cms_config.CONFIG.read_text(encoding="utf-8") == cms_config.text(), \
        "cms/config.yml has drifted from schemas/: run `make cms-config` and commit it"


def test_the_drift_check_fails_on_a_configuration_edited_by_hand(tmp_path, monkeypatch, capsys):
    edited = tmp_path / "config.yml"
    edited.write_text(cms_config.text().replace("- workshop\n", "- seminar\n", 1), encoding="utf-8")
    monkeypatch.setattr(cms_config, "CONFIG", edited)
    assert commands.write_config(argparse.Namespace(check=True)) == 1
    assert "run `python -m macros cms-config`" in capsys.readouterr().err


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_every_field_of_the_schema_is_in_the_form_in_order_with_its_rules(collection):
    schema = schemas.raw(COLLECTIONS[collection].singular)
    fields = FORMS[collection]
    assert [field["name"] for field in fields] == [name for name in schema["properties"] if name != "en_reviewed"]
    for field in fields:
        assert field["required"] == (field["name"] in schema["required"]), field["name"]
        if "enum" in schema["properties"][field["name"]]:
            assert field["options"] == schema["properties"][field["name"]]["enum"]


def test_the_form_checks_dates_ids_and_codes_with_the_schemas_patterns_and_the_validators_words():
    activity = {field["name"]: field for field in FORMS["activities"]}
    date = schemas.definitions()["date"]["pattern"]
    assert activity["start"]["pattern"][0] == date and activity["end"]["pattern"][0] == date
    assert "does not have the expected form" in activity["start"]["pattern"][1]
    assert "không đúng định dạng" in activity["start"]["pattern"][1]
    assert activity["id"]["pattern"][0] == schemas.definitions()["id"]["pattern"]
    country = activity["places"]["fields"][1]
    assert country["name"] == "country" and country["pattern"][0] == schemas.definitions()["country"]["pattern"]


def test_labels_and_help_come_from_the_schemas_in_both_languages_vietnamese_first():
    activity = {field["name"]: field for field in FORMS["activities"]}
    assert activity["title"]["label"] == "Tiêu đề · Title"
    assert activity["end"]["hint"] == "Bỏ trống nếu diễn ra trong một ngày. — Leave out for a one-day activity."


def test_texts_have_a_vietnamese_and_an_english_box_and_english_pending_as_a_choice():
    title = next(field for field in FORMS["activities"] if field["name"] == "title")
    vi, en, pending = title["fields"]
    assert (vi["name"], vi["required"], en["name"], en["required"]) == ("vi", True, "en", False)
    assert pending["name"] == "translation" and [option["value"] for option in pending["options"]] == ["pending"]


def test_references_are_pickers_of_existing_records_never_typed_ids():
    activity = {field["name"]: field for field in FORMS["activities"]}
    assert activity["partners"]["widget"] == "relation" and activity["partners"]["collection"] == "partners"
    assert activity["partners"]["multiple"] is True
    parent = next(field for field in FORMS["partners"] if field["name"] == "parent")
    assert (parent["widget"], parent["collection"], parent["multiple"]) == ("relation", "partners", False)
    implements = next(field for field in FORMS["plans"] if field["name"] == "implements")
    assert implements["collection"] == "plans"
    served = yaml.safe_load(cms_config.served([("ke-hoach-2024/tham-du-accsm-22", "ACCSM 22")], {"name": "proxy"}))
    activities = next(collection for collection in served["collections"] if collection["name"] == "activities")
    plan_items = next(field for field in activities["fields"] if field["name"] == "plan_items")
    assert plan_items["widget"] == "select" and plan_items["options"] == [
        {"label": "ACCSM 22", "value": "ke-hoach-2024/tham-du-accsm-22"}]


def test_the_plan_elements_offered_are_every_element_of_every_plan():
    from macros.model import dataset

    model = dataset.load(REPO).model
    offered = dict(cms_config.plan_elements(model))
    assert "ke-hoach-2024/tham-du-accsm-22" in offered and "de-an-2022-2026/nhiem-vu-2" in offered
    used = {ref for activity in model.activities.values() for ref in activity.plan_item_refs + activity.classified_refs}
    assert used <= set(offered)


def test_production_uses_github_with_the_editorial_workflow_and_the_admin_page_its_own_policy(tmp_path, monkeypatch):
    monkeypatch.setenv("CMS_REPOSITORY", "bnv/htqt-site")
    folder = admin.write(tmp_path, REPO, [])
    config = yaml.safe_load((folder / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"] == {"name": "github", "repo": "bnv/htqt-site", "branch": "main"}
    assert config["publish_mode"] == "editorial_workflow"
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert f'content="{admin.policy(production=True)}"' in page
    assert "connect-src 'self' https://api.github.com;" in admin.policy(production=True)
    assert "https://" not in admin.policy(production=False)
    assert (folder / "decap-cms.js").stat().st_size > 1_000_000
    assert not list(folder.glob("*.map")), "no source maps published"


# ── Clean saves: the house style, only the changed lines ─────────────────────────────────────────

@pytest.mark.parametrize("path", DATA_FILES, ids=lambda path: path.relative_to(REPO).as_posix())
def test_saving_a_record_unchanged_gives_the_same_bytes(path):
    """What Decap sends is the same data written its own way: keys reordered, comments gone, other quotes."""
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    data.pop("en_reviewed", None)  # not a form field: the file keeps it
    keys = list(data)
    random.Random(path.name).shuffle(keys)
    sent = yaml.safe_dump({key: data[key] for key in keys}, allow_unicode=True, width=40, default_style=None)
    assert normalise.saved(sent, text, FORMS[path.parent.name]) == text


def test_changing_one_agreements_state_changes_that_line_only():
    text = (REPO / PARTNER).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    data["agreements"][0]["state"] = "expired"
    saved = normalise.saved(yaml.safe_dump(data, allow_unicode=True), text, FORMS["partners"])
    assert changed_lines(text, saved) == ["-    state: in-force", "+    state: expired"]


def test_a_new_field_goes_where_the_schema_puts_it_and_a_removed_one_goes(tmp_path):
    text = (REPO / PARTNER).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    data["abbreviation"] = "MTFP"
    del data["areas"]
    saved = normalise.saved(yaml.safe_dump(data, allow_unicode=True), text, FORMS["partners"])
    keys = list(yaml.safe_load(saved))
    assert keys.index("abbreviation") == keys.index("name") + 1
    assert "areas" not in keys and saved.startswith(text.splitlines()[0] + "\n")


def test_a_new_record_is_written_in_the_house_style(tmp_path):
    decomposed = unicodedata.normalize("NFD", "Hà Nội")
    record = {"sources": [{"date": "2024-09-05", "language": "vi", "publisher": {"vi": "Bộ Nội vụ", "en": "MOHA"}}],
              "summary": {"vi": "Một câu tóm tắt đủ dài để được viết thành một khối gấp trong tệp dữ liệu của trang.",
                          "translation": "pending"},
              "id": "2024-09-thu", "kind": "workshop", "title": {"vi": decomposed, "en": "yes"}, "start": 2024,
              "places": [{"country": "VN", "city": {"vi": "", "en": ""}}], "partners": ["fr-mtfp"], "image": {}}
    saved = normalise.saved(yaml.safe_dump(record, allow_unicode=True), None, FORMS["activities"])
    assert saved.splitlines()[0] == "# Hà Nội — yes"
    assert list(yaml.safe_load(saved)) == ["id", "kind", "title", "start", "places", "partners", "summary", "sources"]
    assert "  vi: Hà Nội\n" in saved and unicodedata.is_normalized("NFC", saved)
    assert '  en: "yes"\n' in saved, "YAML 1.1 would read a bare yes as true"
    assert 'start: "2024"\n' in saved and 'date: "2024-09-05"' in saved
    assert "  vi: >-\n    Một câu tóm tắt" in saved
    assert "city" not in saved and "image" not in saved, "empty optional fields are left out"
    path = tmp_path / "2024-09-thu.yml"
    path.write_text(saved, encoding="utf-8")
    result = yamllint(path)
    assert result.returncode == 0 and result.stdout == "", result.stdout


# ── The editor's commands ─────────────────────────────────────────────────────────────────────────

def test_make_edit_starts_the_editor_on_127_0_0_1_and_prints_the_address_to_open(project_copy):
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "\nedit: $(STAMP) pagefind $(CMS_BUNDLE) # " in makefile and "\t$(PYTHON) -m macros edit\n" in makefile
    port = free_port()
    editor = subprocess.Popen([sys.executable, "-m", "macros", "--root", str(project_copy), "edit", "--no-preview"],
                              stdout=subprocess.PIPE, text=True, env={**BUILD_ENV, "EDIT_PORT": str(port)}, cwd=REPO)
    try:
        first = editor.stdout.readline()
        assert f"http://127.0.0.1:{port}/admin/" in first
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/admin/") as response:
            assert "decap-cms.js" in response.read().decode()
    finally:
        editor.terminate()
        editor.wait(timeout=10)


def test_the_editor_is_added_to_a_built_site_after_its_checks_by_its_own_command(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    missing = subprocess.run([sys.executable, "-m", "macros", "admin", "--site-dir", str(site)],
                             capture_output=True, text=True, env=BUILD_ENV, cwd=REPO)
    assert missing.returncode == 1 and "make build" in missing.stderr
    (site / "index.html").write_text("<!doctype html>", encoding="utf-8")
    made = subprocess.run([sys.executable, "-m", "macros", "admin", "--site-dir", str(site)],
                          capture_output=True, text=True, env={**BUILD_ENV, "CMS_REPOSITORY": "bnv/htqt-site"}, cwd=REPO)
    assert made.returncode == 0, made.stderr
    assert yaml.safe_load((site / "admin" / "config.yml").read_text(encoding="utf-8"))["backend"]["repo"] == "bnv/htqt-site"
    workflow = (REPO / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8")
    assert workflow.index("run: make check-site") < workflow.index("run: make admin") < workflow.index("upload-pages-artifact")
