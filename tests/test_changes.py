"""Each record's history, the recent changes and their open data, computed from the data's own git history (issue 27).

The repository of tests/history_repository.py has five commits of known dates: a task's status changed, a file
re-laid without a change of data, an English text revised, an activity renamed. What the model, the record pages, the
changes pages, the feed and changes.json say of them is checked here, word for word, in both languages.
"""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
from urllib.parse import urljoin

import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup
from lxml import etree

from macros.common.collections import COLLECTIONS
from macros.common.interface import language_root
from macros.common.locale import LANGUAGES
from macros.model import dataset
from macros.model.changes import record_changes
from macros.model.records import Model
from macros.pages.record_pages import record_pages
from macros.reading import history
from macros.reading.history import History, Version
from macros.rendering.templates import HISTORY_SHOWN

import history_repository as scenario
from conftest import FIXTURE, SITE_URL, mkdocs_build

STATUS_SAID = {
    "en": f"Status of task “{scenario.TASK_EN}”: Planned → Done, per a source dated 8 August 2024",
    "vi": "Tình trạng của nhiệm vụ “Tham dự đầy đủ các hoạt động hợp tác trong lĩnh vực công vụ…”: Đã lên kế hoạch → "
          "Hoàn thành, theo nguồn ngày 08/08/2024",
}
ENGLISH_SAID = {"en": "Description: English text revised", "vi": "Giới thiệu: sửa bản tiếng Anh"}


@pytest.fixture(scope="module")
def model(history_project):
    return dataset.load(history_project).model


def page(site, lang: str, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / language_root(lang) / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_a_status_change_is_said_with_its_source_date_in_both_languages(model):
    plan = model.plans["ke-hoach-2024"]
    latest, created = plan.history
    assert (latest.kind, latest.moment, created.kind, created.moment) == ("edited", scenario.STATUS, "created", scenario.FIRST)
    assert {lang: latest.said(lang) for lang in LANGUAGES} == {lang: [STATUS_SAID[lang]] for lang in LANGUAGES}
    assert created.said("en") == ["Record created"] and created.said("vi") == ["Tạo hồ sơ"]
    (difference,) = latest.differences
    assert difference.path == ("task_groups", "nhom-1", "items", "tham-du-accsm-22", "status")
    assert (difference.before, difference.after) == ("planned", "done")


def test_an_edit_of_layout_only_is_not_a_change_and_does_not_date_the_record(model):
    partner = model.partners["kr-mois"]
    assert [change.moment for change in partner.history] == [scenario.ENGLISH, scenario.FIRST]
    assert [change.said(lang) for change in partner.history[:1] for lang in LANGUAGES] == [
        [ENGLISH_SAID[lang]] for lang in LANGUAGES]
    assert partner.changed.iso() == scenario.ENGLISH[:10], "the last change of its data, not the last commit"


def test_a_renamed_record_keeps_its_history_and_says_where_it_moved_from(model):
    activity = model.activities[scenario.NEW_ACTIVITY]
    moved, created = activity.history
    assert (moved.kind, moved.moment, created.kind, created.address) == (
        "moved", scenario.MOVED, "created", f"activities/{scenario.OLD_ACTIVITY}")
    assert moved.said("en") == [f"Record moved here from /activities/{scenario.OLD_ACTIVITY}/", "Summary: English text revised"]
    assert moved.said("vi") == [f"Chuyển hồ sơ từ địa chỉ /activities/{scenario.OLD_ACTIVITY}/", "Tóm tắt: sửa bản tiếng Anh"]
    assert all(change.address != f"activities/{scenario.OLD_ACTIVITY}" or change.kind == "created"
               for change in model.changes), "the move is one change, not a removal and a creation"


def test_the_changes_are_newest_first_and_every_one_belongs_to_a_record(model):
    moments = [change.moment for change in model.changes]
    assert moments == sorted(moments, reverse=True) and moments[0] == scenario.MOVED
    assert all(change in change.record.history for change in model.changes)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_record_page_lists_its_changes_with_their_dates_and_words(history_site, lang):
    html = page(history_site, lang, "plans/ke-hoach-2024")
    history = html.select_one("h2#history").find_next_sibling("ol", class_="history")
    items = history.find_all("li", class_="change", recursive=False)
    assert [item.time["datetime"] for item in items] == [scenario.STATUS, scenario.FIRST]
    assert items[0].time.get_text() == {"en": "9 August 2024", "vi": "09/08/2024"}[lang]
    assert [said.get_text() for said in items[0].ul.find_all("li")] == [STATUS_SAID[lang]]
    updated = html.select_one(".record-updated")
    assert updated.time["datetime"] == "2024-08-09" and updated.a["href"] == "#history"
    assert html.select_one('.md-nav a[href="#history"]') is not None, "the history is in the page's contents"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_changes_page_lists_the_changes_newest_first_each_linked_to_its_record(history_site, lang):
    html = page(history_site, lang, "changes")
    items = html.select("ol.history > li.change")
    assert [item.time["datetime"] for item in items][:4] == [scenario.MOVED, scenario.ENGLISH, scenario.STATUS,
                                                             scenario.FIRST]
    status = items[2]
    assert status.a["href"] == "../plans/ke-hoach-2024/" and status.ul.li.get_text() == STATUS_SAID[lang]
    summary = " ".join(html.select_one(".changes-summary").get_text().split())
    assert summary.startswith({"en": "The data has changed 17 times in the repository's history; this page lists every "
                                     "change. Latest change: 4 November 2024.",
                               "vi": "Dữ liệu đã thay đổi 17 lần theo lịch sử của kho dữ liệu; trang này liệt kê tất "
                                     "cả. Thay đổi gần nhất: 04/11/2024."}[lang])


def test_every_page_advertises_the_feed_of_changes(history_site):
    for lang in LANGUAGES:
        for path in ("", "partners/kr-mois", "changes"):
            links = page(history_site, lang, path).head.find_all("link", rel="alternate", type="application/atom+xml")
            here = SITE_URL + language_root(lang) + (path + "/" if path else "")
            assert SITE_URL + language_root(lang) + "changes.atom.xml" in [urljoin(here, link["href"]) for link in links]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_feed_of_changes_has_one_entry_per_change_with_a_stable_id(history_site, lang):
    feed = etree.parse(str(history_site / language_root(lang) / "changes.atom.xml")).getroot()
    ns = {"atom": "http://www.w3.org/2005/Atom"}
    entries = feed.findall("atom:entry", ns)
    assert feed.findtext("atom:updated", namespaces=ns) == scenario.MOVED
    assert len(entries) == 17
    status = entries[2]
    assert status.findtext("atom:updated", namespaces=ns) == scenario.STATUS
    assert status.find("atom:link", ns).get("href") == f"{SITE_URL}{language_root(lang)}plans/ke-hoach-2024/"
    assert status.findtext("atom:summary", namespaces=ns) == STATUS_SAID[lang]
    assert status.findtext("atom:id", namespaces=ns).startswith("tag:127.0.0.1,2024-08-09:")


def test_changes_json_is_valid_by_its_schema_and_says_what_the_pages_say(history_site, model):
    data = json.loads((history_site / "data" / "changes.json").read_text(encoding="utf-8"))
    schema = json.loads((history_site / "data" / "schemas" / "changes.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(data)
    assert data["history_known"] is True and len(data["changes"]) == len(model.changes) == 17
    status = next(change for change in data["changes"] if change["date"] == scenario.STATUS)
    assert status["record"] == status["address"] == "plans/ke-hoach-2024"
    assert status["said"] == {lang: [STATUS_SAID[lang]] for lang in LANGUAGES}
    assert status["differences"] == [{"what": "changed", "path": ["task_groups", "nhom-1", "items", "tham-du-accsm-22",
                                                                  "status"],
                                      "before": "planned", "after": "done",
                                      "said": {lang: STATUS_SAID[lang] for lang in LANGUAGES}}]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate({**data, "changes": [{**status, "kind": "renamed"}]})


@pytest.mark.slow
def test_a_shallow_clone_says_its_history_is_unknown_instead_of_a_wrong_one(history_project, tmp_path):
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", history_project.as_uri(), str(shallow)], check=True)
    built = mkdocs_build(shallow, tmp_path / "site")
    assert built.returncode == 0, built.stderr
    for lang in LANGUAGES:
        record = page(tmp_path / "site", lang, "plans/ke-hoach-2024")
        assert record.select_one("ol.history") is None
        assert record.select_one("p.history-unknown").get_text() == {
            "en": "This copy of the site was built from the data without its history, so the changes cannot be listed. "
                  "The “last edited” date above is the newest date the record states.",
            "vi": "Bản trang này được dựng từ một bản sao dữ liệu không kèm lịch sử, nên không liệt kê được các thay "
                  "đổi. Ngày sửa lần cuối ở trên là ngày mới nhất mà hồ sơ ghi."}[lang]
        assert page(tmp_path / "site", lang, "changes").select_one("p.history-unknown") is not None
    data = json.loads((tmp_path / "site" / "data" / "changes.json").read_text(encoding="utf-8"))
    assert data == {"history_known": False, "changes": []}



def test_a_long_history_shows_the_latest_changes_and_folds_the_earlier_ones(history_project, tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", history_project.as_uri(), str(clone)], check=True)
    partner = clone / scenario.PARTNER
    wordings = ["The available sources", "The sources available"]
    for number in range(1, HISTORY_SHOWN + 2):  # the English description revised, and revised back, again and again
        scenario.replace(partner, wordings[(number - 1) % 2], wordings[number % 2])
        scenario.commit(clone, f"2025-01-{number:02d}T09:00:00+07:00", f"Edit {number}")
    model = dataset.load(clone).model
    total = len(model.partners["kr-mois"].history)
    assert total == HISTORY_SHOWN + 3  # the edits, the English revision, the creation
    for lang, summary in (("en", f"Earlier changes ({total - HISTORY_SHOWN})"),
                          ("vi", f"Các thay đổi trước đó ({total - HISTORY_SHOWN})")):
        page = next(page for page in record_pages(model, lang, SITE_URL, "Site") if page.path.endswith("kr-mois/"))
        html = BeautifulSoup(page.html, "html.parser")
        shown = html.select_one("h2#history").find_next_sibling("ol", class_="history")
        assert len(shown.find_all("li", class_="change", recursive=False)) == HISTORY_SHOWN
        earlier = html.select_one("details.history-earlier")
        assert earlier.summary.get_text() == summary
        assert [item.time["datetime"] for item in earlier.select("ol.history > li.change")] == [
            "2025-01-01T09:00:00+07:00", scenario.ENGLISH, scenario.FIRST]


HOSTILE = [  # versions a repository may hold: committed by mistake, fixed later; none may stop the build
    ["a list", "not a record"], "a scalar", {"id": ["a", "list"], "agreements": [{"id": ["x"]}, {"id": {"y": 1}}]},
    {"agreements": "not a list", "sources": [None, 3, {"title": {"deep": [1, 2]}}], 7: "a number as a key"},
    {"name": {"vi": None, "en": 5}, "kind": ["government"], "country": 12, "parent": {"x": 1}}, {},
]


@pytest.mark.parametrize("before", HOSTILE, ids=range(len(HOSTILE)))
@pytest.mark.parametrize("after", HOSTILE[:3] + [{"id": "kr-mois", "kind": "government"}], ids=range(4))
def test_any_two_versions_are_compared_without_a_crash_and_said_in_both_languages(before, after):
    versions = tuple(Version("partners/kr-mois.yml", f"{number:040d}", f"2024-0{number + 1}-01T00:00:00+07:00", data)
                     for number, data in enumerate([before, after]))
    found = record_changes(History(versions, known=True), Model(), {})  # a model of its own: nothing is linked to it
    for change in found:
        assert all(isinstance(sentence, str) and sentence for lang in LANGUAGES for sentence in change.said(lang))
    assert len(found) == (1 if before == after else 2)


def test_an_agreement_added_then_its_state_changed_are_said_by_name_with_the_states_words():
    partner = yaml.safe_load((FIXTURE / "partners" / "fr-mtfp.yml").read_text(encoding="utf-8"))
    without = {**partner, "agreements": []}
    signed = copy.deepcopy(partner)
    signed["agreements"][0].update(state="signed", state_as_of="2022-03")
    versions = tuple(Version("partners/fr-mtfp.yml", f"{number:040d}", f"2024-0{number + 1}-01T00:00:00+07:00", data)
                     for number, data in enumerate([without, signed, partner]))
    state, added, _ = record_changes(History(versions, known=True), Model(), {})
    assert added.said("en") == ["Agreements: “Cooperation agreement on civil service and administrative…” added"]
    assert added.said("vi") == ["Thỏa thuận: thêm “Thỏa thuận hợp tác trong lĩnh vực công vụ và hiện đại hóa…”"]
    assert state.said("en") == ["State of agreement “Cooperation agreement on civil service and administrative…”: "
                                "Signed → In force, per a source dated 23 September 2022"]
    assert state.said("vi") == ["Tình trạng của thỏa thuận “Thỏa thuận hợp tác trong lĩnh vực công vụ và hiện đại hóa…”: "
                                "Đã ký → Đang có hiệu lực, theo nguồn ngày 23/09/2022"]


def test_each_version_read_is_kept_by_its_blob_id_and_a_damaged_or_blocked_cache_changes_nothing(history_project,
                                                                                                 tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", history_project.as_uri(), str(clone)], check=True)
    first = history.versions(clone, {})
    kept = sorted((clone / history.CACHE).glob("*.json"))
    assert {path.stem for path in kept} == {blob for blob in subprocess.run(
        ["git", "log", "--raw", "--no-abbrev", "--format=", "--", *COLLECTIONS], cwd=clone, capture_output=True,
        text=True, check=True).stdout.split() if len(blob) == 40 and blob != history.ABSENT}
    kept[0].write_text("{not json", encoding="utf-8")
    kept[1].write_text('{"data": {"id": "tampered"}}', encoding="utf-8")  # a cache is trusted: it holds what it says
    again = history.versions(clone, {})
    assert json.loads(kept[0].read_text(encoding="utf-8"))["data"], "a damaged entry is read from git again"
    assert [version.data == {"id": "tampered"} for version in again.versions].count(True) >= 1, "read from the cache"
    shutil.rmtree(clone / history.CACHE)
    (clone / history.CACHE).write_text("a file where the folder goes\n", encoding="utf-8")
    blocked = history.versions(clone, {})
    assert blocked.versions == first.versions and blocked.known


def test_a_removed_record_is_said_removed_and_one_made_again_at_its_address_is_created_again():
    partner = yaml.safe_load((FIXTURE / "partners" / "kr-mois.yml").read_text(encoding="utf-8"))
    files = [("partners/kr-mois.yml", partner), ("partners/kr-mois.yml", None), ("partners/kr-mois.yml", partner),
             ("partners/jp-mic.yml", {"id": "jp-mic"}), ("partners/jp-mic.yml", None)]
    versions = tuple(Version(file, f"{number:040d}", f"2024-0{number + 1}-01T00:00:00+07:00", data)
                     for number, (file, data) in enumerate(files))
    merged_into = {"partners/jp-mic": "partners/kr-mois"}  # jp-mic's address now leads to kr-mois: not a move
    found = record_changes(History(versions, known=True), Model(), merged_into)
    assert [(change.address, change.kind) for change in found] == [
        ("partners/jp-mic", "removed"), ("partners/jp-mic", "created"), ("partners/kr-mois", "created"),
        ("partners/kr-mois", "removed"), ("partners/kr-mois", "created")]
    assert found[0].said("en") == ["Record removed"] and found[0].said("vi") == ["Xóa hồ sơ"]
