"""The browser editor in real Chromium, against the local backend, on a copy of the project.

The forms are Decap CMS's, loaded from the project's own server; every test also checks that
nothing was requested from another host and that the page's policy blocked nothing. The
screenshots of the editors' guide are taken here: into tests/screenshots/cms/ on every run, and into
content/assets/cms/ (what the guide shows) only with `make guide-screenshots`, so that a test run
never changes the site's sources while other tests build them.
"""

from __future__ import annotations

import json
import os
import threading

import pytest
import yaml
from playwright.sync_api import expect

from conftest import REPO, mkdocs_build
from macros.editors import local_backend
from test_cms import changed_lines, validate, yamllint

pytestmark = pytest.mark.slow  # builds, servers or tools of its own (pyproject.toml's markers)

GUIDE_SCREENSHOTS = REPO / "content" / "assets" / "cms"  # shown by the editors' guide (guide/browser.md)
SCREENSHOTS = GUIDE_SCREENSHOTS if os.environ.get("GUIDE_SCREENSHOTS") == "update" else REPO / "tests" / "screenshots" / "cms"
NEW_ID = "2024-09-hoi-thao-thu-nghiem"
PARTNER = "partners/fr-mtfp.yml"
WATCH_POLICY = ("document.addEventListener('securitypolicyviolation',"
                " e => console.log('CSP-VIOLATION ' + e.violatedDirective + ' ' + e.blockedURI))")


class Editor:
    """The editor page and what it did: requests to other hosts, policy violations."""

    def __init__(self, page, address: str):
        self.page, self.address = page, address
        self.outside: list[str] = []
        self.violations: list[str] = []
        self.sent: list[str] = []  # the YAML Decap sent in each save, before the backend's normalising
        page.on("request", self._saved)
        page.on("request", lambda request: None if request.url.startswith(address) else self.outside.append(request.url))
        page.on("console", lambda message: message.text.startswith("CSP-VIOLATION") and self.violations.append(message.text))

    def _saved(self, request) -> None:
        if request.url.endswith("/api/v1") and request.method == "POST":
            body = json.loads(request.post_data)
            if body["action"] == "persistEntry":
                self.sent += [data_file["raw"] for data_file in body["params"]["dataFiles"]]

    def open(self, route: str) -> None:
        self.page.goto(f"{self.address}/admin/#/{route}")
        identifier = self.page.locator('[id^="id-field-"]').first
        if "/entries/" in route:
            expect(identifier).to_have_value(route.rsplit("/", 1)[-1])
        identifier.wait_for()

    def field(self, name: str, scope=None):
        """The first field named `name` (Decap gives each control the id `<name>-field-<n>`)."""
        return (scope or self.page).locator(f'[id^="{name}-field-"]').first

    def choose(self, name: str, text: str, scope=None) -> None:
        """Pick the option matching `text` in a select or a picker."""
        box = self.field(name, scope)
        box.click()
        box.fill(text)
        self.page.get_by_role("option").filter(has_text=text).first.wait_for()
        box.press("Enter")

    def expand(self, summary: str) -> None:
        """Open the collapsed list item whose summary is `summary` (its top bar's first button)."""
        item = self.page.locator('[class*="-ListItem-"]').filter(has=self.page.get_by_text(summary, exact=True)).first
        item.locator("button").first.click()

    def publish(self) -> None:
        self.page.get_by_role("button", name="Công bố", exact=True).click()
        self.page.get_by_text("Công bố ngay", exact=True).click()

    def notice(self) -> str:
        """The text of the notification Decap shows after saving."""
        toast = self.page.locator(".Toastify__toast").last
        toast.wait_for(state="visible")
        self.page.wait_for_timeout(400)  # its sliding in, for the screenshots
        return toast.inner_text()

    def shoot(self, name: str) -> None:
        """Save the picture `name`; the guide's own is replaced at once, so a build reading content/ never misses it."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        partial = SCREENSHOTS / f".{name}.png.partial"
        partial.write_bytes(self.page.screenshot())
        os.replace(partial, SCREENSHOTS / f"{name}.png")


@pytest.fixture
def editor(project_copy, browser):
    server = local_backend.server(project_copy)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    address = f"http://127.0.0.1:{server.server_address[1]}"
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.add_init_script(WATCH_POLICY)
    page.set_default_timeout(30_000)
    editing = Editor(page, address)
    page.goto(f"{address}/admin/")
    page.get_by_role("button", name="Đăng nhập").click()  # the local backend's sign-in is a button
    page.get_by_text("Hoạt động · Activity").first.wait_for()
    yield editing, project_copy
    context.close()
    server.shutdown()
    server.server_close()
    assert editing.outside == [], f"requests to other hosts: {editing.outside}"
    assert editing.violations == [], f"the /admin/ policy blocked: {editing.violations}"


def test_a_new_activity_made_in_the_form_is_a_valid_clean_file_and_a_page_in_both_languages(editor, tmp_path):
    editing, project = editor
    editing.open("collections/activities/new")
    editing.field("id").fill(NEW_ID)
    editing.choose("kind", "workshop")
    title = editing.field("title")
    editing.field("vi", title).fill("Hội thảo thử nghiệm về hợp tác công vụ")
    editing.choose("translation", "English pending", title)
    editing.field("start").fill("2024-09")
    editing.page.get_by_role("button", name="Add địa điểm · places").click()
    editing.field("country", editing.field("places")).fill("FR")
    editing.choose("partners", "Bộ Chuyển đổi và Công vụ")
    editing.choose("plan_items", "tham-du-accsm-22")
    summary = editing.field("summary")
    editing.field("vi", summary).fill("Hai bên trao đổi kinh nghiệm về hiện đại hóa nền hành chính.")
    editing.field("en", summary).fill("The two sides shared experience of administrative modernisation.")
    editing.page.get_by_role("button", name="Add nguồn · sources").click()
    source = editing.field("sources")
    publisher = editing.field("publisher", source)
    editing.field("vi", publisher).fill("Bộ Nội vụ")
    editing.field("en", publisher).fill("Ministry of Home Affairs")
    editing.choose("language", "vi", source)
    editing.field("date", source).fill("2024-09-05")
    title.scroll_into_view_if_needed()
    editing.shoot("new-activity")
    editing.publish()
    assert "Mục đã được lưu" in editing.notice()
    path = project / "activities" / f"{NEW_ID}.yml"

    saved = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert saved["partners"] == ["fr-mtfp"] and saved["plan_items"] == ["ke-hoach-2024/tham-du-accsm-22"]
    assert saved["title"] == {"vi": "Hội thảo thử nghiệm về hợp tác công vụ", "translation": "pending"}
    assert saved["start"] == "2024-09" and saved["places"] == [{"country": "FR"}]
    assert path.read_text(encoding="utf-8").startswith("# Hội thảo thử nghiệm về hợp tác công vụ\nid: " + NEW_ID)
    assert validate(project).returncode == 0
    assert yamllint(path).stdout == ""
    site = tmp_path / "site"
    built = mkdocs_build(project, site)
    assert built.returncode == 0, built.stderr
    vietnamese = (site / "activities" / NEW_ID / "index.html").read_text(encoding="utf-8")
    english = (site / "en" / "activities" / NEW_ID / "index.html").read_text(encoding="utf-8")
    assert "Hội thảo thử nghiệm về hợp tác công vụ" in vietnamese
    assert "The two sides shared experience of administrative modernisation." in english
    assert "fr-mtfp" in english and "tham-du-accsm-22" in english


def test_the_form_checks_dates_and_required_fields_before_saving(editor):
    editing, project = editor
    editing.open("collections/activities/new")
    editing.field("id").fill("2024-09-sai")
    editing.field("start").fill("05/09/2024")
    editing.publish()
    editing.page.get_by_text("Bắt đầu: không đúng định dạng.").first.wait_for()
    assert editing.page.get_by_text("Start: does not have the expected form.").count() >= 1
    editing.field("start").scroll_into_view_if_needed()
    editing.shoot("form-errors")
    assert not (project / "activities" / "2024-09-sai.yml").exists()


def test_what_only_the_validator_can_check_is_refused_with_its_located_problem(editor):
    editing, project = editor
    before = (project / PARTNER).read_text(encoding="utf-8")
    editing.open("collections/partners/entries/fr-mtfp")
    editing.expand("thoa-thuan-cong-vu-hien-dai-hoa-hanh-chinh")
    editing.field("state_as_of").fill("2022-02-30")
    editing.publish()
    notice = editing.notice()
    assert "partners/fr-mtfp.yml:" in notice and "2022-02-30" in notice, notice
    editing.shoot("validator-error")
    assert (project / PARTNER).read_text(encoding="utf-8") == before


def test_an_existing_partner_saved_unchanged_is_byte_for_byte_the_same(editor):
    editing, project = editor
    before = (project / PARTNER).read_text(encoding="utf-8")
    editing.open("collections/partners/entries/fr-mtfp")
    abbreviation = editing.field("abbreviation")
    abbreviation.fill("x")  # Decap saves only a changed entry: change a field, then undo it
    abbreviation.fill("")
    editing.publish()
    editing.notice()
    assert (project / PARTNER).read_text(encoding="utf-8") == before
    (sent,) = editing.sent
    assert sent != before and not sent.startswith("#"), "Decap drops the comment and rewrites the file its own way"
    assert yaml.safe_load(sent)["name"] == yaml.safe_load(before)["name"]


def test_changing_one_agreements_state_changes_one_line(editor):
    editing, project = editor
    before = (project / PARTNER).read_text(encoding="utf-8")
    editing.open("collections/partners/entries/fr-mtfp")
    editing.expand("thoa-thuan-cong-vu-hien-dai-hoa-hanh-chinh")
    editing.choose("state", "expired")
    editing.field("state").scroll_into_view_if_needed()
    editing.shoot("agreement-state")
    editing.publish()
    editing.notice()
    after = (project / PARTNER).read_text(encoding="utf-8")
    assert changed_lines(before, after) == ["-    state: in-force", "+    state: expired"]
    assert validate(project).returncode == 0


@pytest.mark.parametrize("path", ["plans/ke-hoach-2024.yml", "plans/de-an-2022-2026.yml",
                                  "decisions/quyet-dinh-896-2022.yml", "activities/2024-08-accsm-22-brunei.yml"])
def test_every_kind_of_record_comes_back_from_the_form_byte_for_byte(editor, path):
    """The biggest records of each kind, task groups and items included, through Decap's own YAML."""
    editing, project = editor
    before = (project / path).read_text(encoding="utf-8")
    collection, record = path.removesuffix(".yml").split("/")
    editing.open(f"collections/{collection}/entries/{record}")
    title = editing.field("vi", editing.field("title"))
    title.press("End")
    title.type(" ")  # a trailing space: a change for Decap, nothing for the file (texts are trimmed)
    editing.publish()
    assert "Mục đã được lưu" in editing.notice()
    assert (project / path).read_text(encoding="utf-8") == before


def test_a_change_made_on_disk_while_the_form_was_open_is_merged_or_the_conflict_shown(editor):
    """A text editor (or a second tab) changed the record after the form opened it: no change is lost."""
    editing, project = editor
    path = project / PARTNER
    editing.open("collections/partners/entries/fr-mtfp")
    editing.expand("thoa-thuan-cong-vu-hien-dai-hoa-hanh-chinh")
    on_disk = path.read_text(encoding="utf-8").replace("Ministry of Transformation", "Ministry for Transformation")
    path.write_text(on_disk, encoding="utf-8")
    editing.choose("state", "expired")
    editing.publish()
    assert "Mục đã được lưu" in editing.notice()
    assert changed_lines(on_disk, path.read_text(encoding="utf-8")) == ["-    state: in-force", "+    state: expired"]
    path.write_text(path.read_text(encoding="utf-8").replace("state: expired", "state: signed"), encoding="utf-8")
    saved = path.read_text(encoding="utf-8")
    editing.choose("state", "in-negotiation")
    editing.publish()
    notice = editing.notice()
    assert "partners/fr-mtfp.yml" in notice and "`agreements[1].state`" in notice, notice
    editing.shoot("conflict")
    assert path.read_text(encoding="utf-8") == saved
