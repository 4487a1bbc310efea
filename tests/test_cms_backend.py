"""The browser editor's local backend over real HTTP on 127.0.0.1, as Decap and as a hostile client talk to it.

What it promises (README, "Editing in the browser"): it touches the data folders and media/ only; no save
loses a change made since the form was opened (merged, or refused with the fields in conflict); a save is
checked with the whole dataset before it is written, then written whole; an image is checked as the
validator checks it and never replaces another; every request gets a status and a message.
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import io
import json
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml
from PIL import Image

from conftest import REPO
from macros.editors import admin, local_backend, store
from macros.model import dataset
from test_cms import changed_lines, validate, yamllint

pytestmark = pytest.mark.slow  # builds, servers or tools of its own (pyproject.toml's markers)

PARTNER = "partners/fr-mtfp.yml"
PLAN = "plans/ke-hoach-2024.yml"
ACTIVITY = "activities/2024-08-accsm-22-brunei.yml"  # in the fixture and in the real data
NEW = "activities/2024-09-thu.yml"
NEW_RECORD = {"id": "2024-09-thu", "kind": "workshop", "title": {"vi": "Hội thảo thử", "translation": "pending"},
              "start": "2024-09", "places": [{"country": "VN"}], "partners": ["fr-mtfp"],
              "plan_items": ["ke-hoach-2024/tham-du-accsm-22"], "summary": {"vi": "Tóm tắt.", "en": "Summary."},
              "sources": [{"publisher": {"vi": "Bộ Nội vụ", "en": "MOHA"}, "language": "vi", "date": "2024-09"}]}


class Client:
    """Talks to one backend as Decap does: JSON posted to /api/v1 from the editor's own page."""

    def __init__(self, project: Path, server):
        self.project, self.server = project, server
        self.port = server.server_address[1]
        self.address = f"http://127.0.0.1:{self.port}"

    def call(self, action: str, params: dict, host: str | None = None, **headers: str) -> tuple[int, object]:
        request = urllib.request.Request(f"{self.address}/api/v1", method="POST",
                                         data=json.dumps({"action": action, "params": params}).encode(),
                                         headers={"Content-Type": "application/json",
                                                  **({"Host": host} if host else {}), **headers})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read())

    def raw(self, body: bytes, **headers: str) -> tuple[int, dict]:
        """A POST with exactly these headers (Content-Length included or not): what no well-behaved client sends."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        connection.putrequest("POST", "/api/v1", skip_host=True, skip_accept_encoding=True)
        for name, value in {"Host": f"127.0.0.1:{self.port}", "Content-Type": "application/json", **headers}.items():
            connection.putheader(name.replace("_", "-"), value)
        connection.endheaders(body)
        response = connection.getresponse()
        return response.status, json.loads(response.read())

    def open(self, path: str) -> dict:
        """The record as the form gets it (with the version of this opening)."""
        status, entry = self.call("getEntry", {"path": path})
        assert status == 200, entry
        return json.loads(entry["data"])

    def save(self, path: str, data: dict, assets: list[dict] = ()) -> tuple[int, object]:
        """Save `data` as Decap does: its own YAML, keys in its own order."""
        raw = yaml.safe_dump(data, allow_unicode=True, sort_keys=True)
        return self.call("persistEntry", {"dataFiles": [{"path": path, "raw": raw, "slug": data.get("id")}],
                                          "assets": list(assets)})

    def file(self, path: str) -> bytes:
        return (self.project / path).read_bytes()


def start(project: Path):
    server = local_backend.server(project)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def backend(project_copy):
    server = start(project_copy)
    yield Client(project_copy, server)
    server.shutdown()
    server.server_close()
    assert not [path for path in project_copy.rglob(".*partial*")], "a temporary file was left beside a record"


def image(kind: str = "JPEG", colour: str = "red") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(out, kind)
    return out.getvalue()


def asset(path: str, content: bytes) -> dict:
    return {"path": path, "content": base64.b64encode(content).decode(), "encoding": "base64"}


# ── Only this computer, only the data ────────────────────────────────────────────────────────────

def test_the_backend_listens_on_127_0_0_1_only(project_copy):
    server = local_backend.server(project_copy)
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        server.server_close()


def test_the_backend_answers_only_requests_addressed_to_this_computer(backend):
    status, body = backend.call("info", {}, host="attacker.example:80")
    assert status == 403
    assert backend.call("info", {})[0] == 200


def test_the_backend_ignores_what_a_page_of_another_site_could_send_it(backend):
    """A site the editor visits may post to 127.0.0.1 from the browser: a form, or text/plain."""
    save = {"dataFiles": [{"path": "partners/zz-csrf.yml", "raw": "id: zz-csrf\n"}], "assets": []}
    assert backend.call("persistEntry", save, Origin="https://attacker.example")[0] == 403
    assert backend.call("persistEntry", save, **{"Content-Type": "text/plain"})[0] == 403
    assert backend.call("info", {}, Origin=backend.address)[0] == 200
    assert not (backend.project / "partners" / "zz-csrf.yml").exists()


@pytest.mark.parametrize("path", [
    "../README.md", "partners/../mkdocs.yml", "partners/../../etc/passwd.yml", "/etc/passwd", "partners/sub/x.yml",
    "schemas/partner.schema.json", "partners/FR.yml", "partners/x.yml\x00.png", "media/../mkdocs.yml", "mkdocs.yml",
])
def test_the_backend_refuses_every_path_outside_the_data_folders(backend, path):
    for action, params in (("getEntry", {"path": path}),
                           ("persistEntry", {"dataFiles": [{"path": path, "raw": "id: x\n"}], "assets": []}),
                           ("persistMedia", {"asset": {"path": path, "content": "eA==", "encoding": "base64"}})):
        status, body = backend.call(action, params)
        assert status == 403, (action, body)
    assert backend.file("mkdocs.yml") == (REPO / "mkdocs.yml").read_bytes()


def test_the_backend_lists_only_data_folders_and_follows_no_link(backend):
    assert backend.call("entriesByFolder", {"folder": "schemas", "extension": "json", "depth": 1})[0] == 422
    (backend.project / "partners" / "zz-link.yml").symlink_to(backend.project / "mkdocs.yml")
    assert backend.call("getEntry", {"path": "partners/zz-link.yml"})[0] == 403
    status, entries = backend.call("entriesByFolder", {"folder": "partners", "extension": "yml", "depth": 1})
    assert status == 200 and "partners/fr-mtfp.yml" in [entry["file"]["path"] for entry in entries]


def test_the_editor_page_and_its_files_are_served_with_the_local_policy(backend):
    with urllib.request.urlopen(f"{backend.address}/admin/") as response:
        page = response.read().decode()
    assert f'content="{admin.policy(production=False)}"' in page
    with urllib.request.urlopen(f"{backend.address}/admin/config.yml") as response:
        config = yaml.safe_load(response.read())
    assert config["backend"]["name"] == "proxy" and config["backend"]["proxy_url"] == "/api/v1"
    assert config["publish_mode"] == "simple"
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(f"{backend.address}/admin/decap-cms.js.map")
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(f"{backend.address}/admin/../mkdocs.yml")


# ── Saving: what the form sent, in the house style, valid ────────────────────────────────────────

def test_a_record_opened_and_saved_unchanged_keeps_its_bytes_and_the_version_never_reaches_the_file(backend):
    before = backend.file(PARTNER)
    data = backend.open(PARTNER)
    assert data[store.VERSION_FIELD].endswith("/" + hashlib.sha256(before).hexdigest())
    assert backend.save(PARTNER, data)[0] == 200
    assert backend.file(PARTNER) == before
    data["kind"] = "government"
    data["areas"] = data["areas"][:1]
    assert backend.save(PARTNER, data)[0] == 200
    assert store.VERSION_FIELD.encode() not in backend.file(PARTNER)


def test_a_save_that_makes_the_data_invalid_is_refused_with_the_located_problem_and_the_file_kept(backend):
    before = backend.file(PARTNER)
    data = backend.open(PARTNER)
    data["agreements"][0]["state_as_of"] = "2022-02-30"  # the right form, a day that does not exist
    status, body = backend.save(PARTNER, data)
    assert status == 422
    assert body["error"].startswith(f"{PARTNER}:") and "2022-02-30 is not a date that exists" in body["error"]
    assert backend.file(PARTNER) == before


def test_a_new_record_saved_through_the_backend_is_valid_and_clean(backend):
    status, body = backend.save(NEW, NEW_RECORD)
    assert status == 200, body
    assert validate(backend.project).returncode == 0
    assert yamllint(backend.project / NEW).stdout == ""
    assert backend.call("deleteFile", {"path": NEW})[0] == 422, "records are not deleted from the editor"
    assert (backend.project / NEW).exists()


# ── No lost update ───────────────────────────────────────────────────────────────────────────────

def test_a_change_made_on_disk_after_the_form_opened_the_record_is_kept_beside_the_forms_change(backend):
    form = backend.open(PARTNER)
    on_disk = backend.file(PARTNER).replace(b"Ministry of Transformation and Public Service",
                                            b"Ministry for Transformation and the Civil Service")
    (backend.project / PARTNER).write_bytes(on_disk)
    form["agreements"][0]["state"] = "expired"
    status, body = backend.save(PARTNER, form)
    assert status == 200, body
    assert changed_lines(on_disk.decode(), backend.file(PARTNER).decode()) == [
        "-    state: in-force", "+    state: expired"]
    assert validate(backend.project).returncode == 0


def test_two_tabs_changing_the_same_value_the_later_save_is_refused_naming_the_field_and_nothing_is_lost(backend):
    first, second = backend.open(PARTNER), backend.open(PARTNER)
    second["agreements"][0]["state"] = "expired"
    assert backend.save(PARTNER, second)[0] == 200
    saved = backend.file(PARTNER)
    first["agreements"][0]["state"] = "signed"
    first["name"]["en"] = "The French ministry"
    status, body = backend.save(PARTNER, first)
    assert status == 409
    assert "`agreements[1].state`" in body["error"] and "Nothing was saved" in body["error"]
    assert backend.file(PARTNER) == saved


def test_two_tabs_changing_different_values_both_changes_are_kept(backend):
    first, second = backend.open(PLAN), backend.open(PLAN)
    second["title"]["en"] = second["title"]["en"] + " (revised)"
    assert backend.save(PLAN, second)[0] == 200
    first["summary"]["en"] = first["summary"]["en"] + " Updated."
    assert backend.save(PLAN, first)[0] == 200
    data = yaml.safe_load(backend.file(PLAN))
    assert data["title"]["en"].endswith(" (revised)") and data["summary"]["en"].endswith(" Updated.")


def test_one_tab_saving_twice_keeps_its_second_save_even_when_it_undoes_the_first(backend):
    """Decap keeps the form open after a save, with the version it was opened on: the backend knows what it wrote."""
    before = backend.file(PARTNER)
    form = backend.open(PARTNER)
    state = form["agreements"][0]["state"]
    form["agreements"][0]["state"] = "expired"
    assert backend.save(PARTNER, form)[0] == 200
    form["agreements"][0]["state"] = state
    assert backend.save(PARTNER, form)[0] == 200
    assert backend.file(PARTNER) == before


def test_a_new_record_started_in_two_tabs_the_second_save_is_refused(backend):
    assert backend.save(NEW, NEW_RECORD)[0] == 200
    first = backend.file(NEW)
    status, body = backend.save(NEW, {**NEW_RECORD, "kind": "meeting"})
    assert status == 409 and "already exists" in body["error"]
    assert backend.file(NEW) == first


def test_a_record_deleted_after_the_form_opened_it_is_not_written_again(backend):
    form = backend.open(PARTNER)
    (backend.project / PARTNER).unlink()
    status, body = backend.save(PARTNER, form)
    assert status == 409 and "was deleted after you opened it" in body["error"]
    assert not (backend.project / PARTNER).exists()


def test_after_a_restart_an_unchanged_record_saves_and_a_changed_one_is_refused(backend):
    form = backend.open(PARTNER)
    restarted = Client(backend.project, start(backend.project))
    try:
        form["agreements"][0]["state"] = "expired"
        assert restarted.save(PARTNER, form)[0] == 200
        (backend.project / PARTNER).write_bytes(backend.file(PARTNER).replace(b"state: expired", b"state: signed"))
        status, body = Client(backend.project, start(backend.project)).save(PARTNER, form)
        assert status == 409 and "restarted" in body["error"]
        assert b"state: signed" in backend.file(PARTNER)
    finally:
        restarted.server.shutdown()


# ── Checked before written, written whole ────────────────────────────────────────────────────────

def test_a_save_that_breaks_another_record_is_refused_although_an_unrelated_record_is_already_invalid(backend):
    unrelated = backend.project / "decisions" / "zz-broken.yml"
    unrelated.write_text("id: zz-broken\nnumber: 1/QĐ\n", encoding="utf-8")  # invalid already: fields missing
    before = backend.file(PLAN)
    plan = backend.open(PLAN)
    plan["task_groups"][0]["items"][0]["id"] = "tham-du-accsm"  # an activity names `tham-du-accsm-22`
    status, body = backend.save(PLAN, plan)
    assert status == 422, body
    assert body["error"].startswith("activities/2024-08-accsm-22-brunei.yml:") and "zz-broken" not in body["error"]
    assert "ke-hoach-2024/tham-du-accsm-22" in body["error"]
    assert backend.file(PLAN) == before
    plan = backend.open(PLAN)
    plan["title"]["en"] += " (revised)"
    assert backend.save(PLAN, plan)[0] == 200, "a save that brings no new problem is accepted"


def test_the_new_text_is_checked_while_the_file_on_disk_is_still_the_old_one(backend, monkeypatch):
    """Killed during the check, the editor would leave the old file: the preview never shows unchecked text."""
    before = backend.file(PARTNER)
    seen = []
    real_load = dataset.load

    def watching(root, replaced=None):
        seen.append(backend.file(PARTNER))
        return real_load(root, replaced)

    monkeypatch.setattr(dataset, "load", watching)
    form = backend.open(PARTNER)
    form["agreements"][0]["state_as_of"] = "2022-02-30"
    assert backend.save(PARTNER, form)[0] == 422
    form["agreements"][0]["state_as_of"] = "2024-01-09"
    assert backend.save(PARTNER, form)[0] == 200
    assert seen and all(content == before for content in seen)


def failing(error: OSError):
    """A stand-in for a file-system call that fails with `error` (a full disk, a folder one may not write in)."""
    def fail(*_):
        raise error
    return fail


def changed_agreement_state(backend) -> dict:
    form = backend.open(PARTNER)
    form["agreements"][0]["state"] = "expired"
    return form


def test_a_failure_while_writing_leaves_the_old_file_whole_and_answers_with_a_message(backend, monkeypatch):
    before = backend.file(PARTNER)
    form = changed_agreement_state(backend)
    monkeypatch.setattr(store.os, "replace", failing(OSError(28, "No space left on device")))
    status, body = backend.save(PARTNER, form)
    assert status == 500 and "Nothing was saved" in body["error"]
    assert backend.file(PARTNER) == before


def test_a_file_with_windows_line_ends_and_a_byte_order_mark_keeps_them_saved_or_refused(backend):
    path = backend.project / PARTNER
    crlf = b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n")
    path.write_bytes(crlf)
    form = backend.open(PARTNER)
    stated = form["agreements"][0]["state_as_of"]
    form["agreements"][0]["state_as_of"] = "2022-02-30"
    assert backend.save(PARTNER, form)[0] == 422
    assert path.read_bytes() == crlf, "a refused save changes no byte"
    form["agreements"][0]["state_as_of"] = stated
    form["agreements"][0]["state"] = "expired"
    assert backend.save(PARTNER, form)[0] == 200
    after = path.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf") and b"\n" not in after.replace(b"\r\n", b"")
    assert changed_lines(crlf.decode("utf-8-sig"), after.decode("utf-8-sig")) == [
        "-    state: in-force", "+    state: expired"]


# ── Images ───────────────────────────────────────────────────────────────────────────────────────

def with_image(client: Client, path: str) -> dict:
    form = client.open(ACTIVITY)
    form["image"] = {"file": path, "alt": {"vi": "Ảnh đoàn công tác", "en": "The delegation"}}
    return form


def test_an_image_sent_with_a_record_is_checked_and_added(backend):
    status, body = backend.save(ACTIVITY, with_image(backend, "media/doan.jpg"), [asset("media/doan.jpg", image())])
    assert status == 200, body
    assert backend.file("media/doan.jpg") == image()
    assert validate(backend.project).returncode == 0
    assert backend.call("persistMedia", {"asset": asset("media/doan.jpg", image())})[0] == 200, "the same file again"


def test_an_image_a_record_shows_is_never_replaced(backend):
    assert backend.save(ACTIVITY, with_image(backend, "media/doan.jpg"), [asset("media/doan.jpg", image())])[0] == 200
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    for content in (image(colour="blue"), svg):
        status, body = backend.call("persistMedia", {"asset": asset("media/doan.jpg", content)})
        assert status == 409 and ACTIVITY in body["error"] and "never replaces" in body["error"]
    assert backend.file("media/doan.jpg") == image()
    assert validate(backend.project).returncode == 0


@pytest.mark.parametrize("name, content, words", [
    ("media/x.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "does not open as an image"),
    ("media/x.jpg", image("PNG"), "is named as a JPEG image but holds a PNG image"),
    ("media/x.jpg", image()[:-300], "does not open as an image"),  # cut short, its header intact
])
def test_an_image_that_is_not_what_its_name_says_is_refused_and_not_kept(backend, name, content, words):
    status, body = backend.call("persistMedia", {"asset": asset(name, content)})
    assert status == 422 and words in body["error"], body
    assert not (backend.project / name).exists()
    assert [path.name for path in (backend.project / "media").iterdir()] == [".gitkeep"]


def test_a_refused_save_takes_back_the_image_it_brought(backend):
    form = with_image(backend, "media/doan.jpg")
    form["start"] = "2024-02-30"
    status, body = backend.save(ACTIVITY, form, [asset("media/doan.jpg", image())])
    assert status == 422 and "2024-02-30" in body["error"]
    assert not (backend.project / "media" / "doan.jpg").exists()


# ── Every request answered: a status and a message, never a dropped connection ──────────────────

def deep_form(depth: int) -> str:
    return "id: fr-mtfp\nname: " + "[" * depth + "]" * depth + "\n"


@pytest.mark.parametrize("body, headers, status", [
    (b'{"action": "getEntry", "params": {"path": "partners/nope.yml"}}', {}, 404),
    (b'{"action": "getEntry", "params": [1]}', {}, 400),
    (b'{"action": "getEntry", "params": {"path": 7}}', {}, 400),
    (b'{"action": "persistEntry", "params": {"entry": "x"}}', {}, 400),
    (b'{"action": "persistEntry", "params": {"dataFiles": [{"path": "partners/fr-mtfp.yml"}]}}', {}, 400),
    (b'{"action": "persistMedia", "params": {"asset": {"path": "media/x.jpg", "content": "%%%", '
     b'"encoding": "base64"}}}', {}, 400),
    (b'{"action": "entriesByFiles", "params": {"files": ["x"]}}', {}, 400),
    (b'{"action": "nope"}', {}, 400),
    (b'[' * 100_000 + b']' * 100_000, {}, 400),
    (b'{"action": "info", "params": {"x": ' + b'[' * 100_000 + b']' * 100_000 + b'}}', {}, 400),
    (json.dumps({"action": "persistEntry", "params": {"dataFiles": [
        {"path": PARTNER, "raw": deep_form(400)}]}}).encode(), {}, 422),
    (json.dumps({"action": "persistEntry", "params": {"dataFiles": [
        {"path": PARTNER, "raw": "id: fr-mtfp\n" + "".join("  " * level + "a:\n" for level in range(400))}]}}).encode(),
     {}, 422),
    (b'\xff\xfe{}', {}, 400),
    (b'{}', {"Content-Length": "abc"}, 411),
    (b'{}', {"Content-Length": "-1"}, 411),
    (b'{}', {"Content-Length": "+2"}, 411),
    (b'{}', {}, 400),
    (b'', {"Content-Length": str(local_backend.MAX_REQUEST + 1)}, 413),
], ids=["missing-file", "params-list", "path-number", "entry-text", "no-raw", "bad-base64", "files-of-text",
        "unknown-action", "json-100000-deep", "params-100000-deep", "form-flow-400-deep", "form-block-400-deep",
        "not-utf8", "length-abc", "length-negative", "length-signed", "no-action", "too-large"])
def test_every_request_gets_a_status_and_a_message(backend, body, headers, status):
    headers = {"Content-Length": str(len(body)), **headers}
    answer, value = backend.raw(body, **headers)
    assert answer == status, value
    assert isinstance(value["error"], str) and value["error"] and "Traceback" not in value["error"]
    assert backend.call("info", {})[0] == 200, "the backend still answers"
    assert backend.file(PARTNER) == (REPO / PARTNER).read_bytes()


ALIAS_BOMB = b"id: zz-bad\na: &a [x, x, x, x, x, x, x, x, x]\n" + b"".join(
    b"%s: &%s [%s]\n" % (name, name, b", ".join([b"*" + previous] * 9)) for previous, name in
    zip([b"a", b"b", b"c", b"d", b"e", b"f", b"g", b"h"], [b"b", b"c", b"d", b"e", b"f", b"g", b"h", b"i"]))


@pytest.mark.parametrize("content, words", [
    (b"id: zz-bad\nname: caf\xe9\n", "zz-bad.yml:2: the file is not UTF-8"),
    (b"id: zz-bad\nid: zz-bad\n", "zz-bad.yml:2:1: the field `id` appears twice"),
    (b"id: zz-bad\nname: [unclosed\n", "zz-bad.yml:3"),
    (b"", "zz-bad.yml"), (b"- a\n", "zz-bad.yml"), (b"5\n", "zz-bad.yml"), (b"\xef\xbb\xbf", "zz-bad.yml"),
    (ALIAS_BOMB, "zz-bad.yml:2:4: YAML anchors (&name) are not allowed"),
], ids=["not-utf8", "field-twice", "yaml-error", "empty", "a-list", "a-number", "bom-only", "alias-bomb"])
def test_a_file_the_form_cannot_show_is_listed_named_and_never_overwritten(backend, content, words):
    path = "partners/zz-bad.yml"
    (backend.project / path).write_bytes(content)
    status, entries = backend.call("entriesByFolder", {"folder": "partners", "extension": "yml", "depth": 1})
    assert status == 200
    listed = {entry["file"]["path"]: json.loads(entry["data"]) for entry in entries}
    assert PARTNER in listed and listed[path]["name"]["en"].startswith("⚠ cannot be opened in the form")
    status, body = backend.call("getEntry", {"path": path})
    assert status == 422 and words in body["error"] and "text editor" in body["error"], body
    for form in ({"id": "zz-bad"}, {"id": "zz-bad", store.VERSION_FIELD: f"-/{'0' * 64}"}):
        assert backend.save(path, form)[0] in (409, 422)
    assert backend.file(path) == content


def test_a_form_sent_with_aliases_is_refused_without_expanding_them(backend):
    raw = ALIAS_BOMB.decode().replace("zz-bad", "fr-mtfp")
    status, body = backend.call("persistEntry", {"dataFiles": [{"path": PARTNER, "raw": raw}]})
    assert status == 422 and "YAML aliases (*name) are not allowed" in body["error"]
    assert backend.file(PARTNER) == (REPO / PARTNER).read_bytes()


def test_a_folder_the_editor_may_not_write_in_is_a_sentence_and_nothing_saved(backend, monkeypatch):
    form = changed_agreement_state(backend)
    monkeypatch.setattr(store.textfile, "staged", failing(PermissionError(13, "Permission denied")))
    status, body = backend.save(PARTNER, form)
    assert status == 500
    assert body["error"] == ("partners/fr-mtfp.yml could not be written (Permission denied). Nothing was saved: make "
                             "the folder writable (or free some space), then save again.")
    status, body = backend.call("persistMedia", {"asset": asset("media/new.jpg", image())})
    assert status == 500 and body["error"].startswith("media/new.jpg could not be written (Permission denied).")
    assert backend.file(PARTNER) == (REPO / PARTNER).read_bytes()


def test_a_refused_save_keeps_an_image_that_a_save_accepted_meanwhile_names(project_copy):
    """Two saves sent the same new image: the second was told it was there and was accepted; the first, refused,
    takes back only what no record names (the race a hostile editor found, made deterministic)."""
    files = store.Store(project_copy)
    assert files.add_image("media/shared.jpg", image())
    assert files.add_image("media/alone.jpg", image("JPEG", "blue"))
    record = project_copy / PARTNER
    record.write_text(record.read_text(encoding="utf-8") + "# media/shared.jpg\n", encoding="utf-8")
    files.remove_images(["media/shared.jpg", "media/alone.jpg"])
    assert (project_copy / "media" / "shared.jpg").exists()
    assert not (project_copy / "media" / "alone.jpg").exists()
