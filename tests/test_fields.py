"""Adding a field (docs/adding-a-field.md), done as the walk-through says, in a copy of the fixture project.

A plain field (here a localised text, `audience`, added to the activities) takes its schema and one line of
its record template: it is then on the record page in both languages, in the open data (JSON and CSV), in the
editor's configuration and in the annual reports. A field no code can read stops the validation, located in
its schema, and a field left out of its template is named by `unplaced_fields`.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from pypdf import PdfReader

from macros.common.collections import COLLECTIONS

from conftest import BUILD_ENV, FIXTURE, REPO, copy_project, mkdocs_build


FIELD = "audience"
TITLE = "Audience / Đối tượng tham dự"
VALUE = {"vi": "Lãnh đạo và công chức ngành nội vụ", "en": "Leaders and civil servants of the home affairs sector"}
ACTIVITY = "2024-08-accsm-22-brunei"  # in the fixture; the 2024 report lists it
TEMPLATE_LINE = "{{ c.further(record.further.%s) }}"


def add_to_schema(project: Path, singular: str, name: str, definition: dict) -> None:
    """Step 1: the field in the collection's schema, after the fields already there (before `sources`)."""
    path = project / "schemas" / f"{singular}.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    properties = list(schema["properties"].items())
    at = [key for key, _ in properties].index("sources")
    schema["properties"] = dict(properties[:at] + [(name, definition)] + properties[at:])
    path.write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def add_to_template(project: Path, singular: str, name: str) -> None:
    """Step 2: one line in the record template, as the last term of its facts."""
    path = project / "templates" / "records" / f"{singular}.html.j2"
    template = path.read_text(encoding="utf-8")
    path.write_text(template.replace("</dl>", TEMPLATE_LINE % name + "\n</dl>", 1), encoding="utf-8")


def macros_command(project: Path, *arguments: str) -> subprocess.CompletedProcess:
    """`python -m macros` run from the copy, so that its code (and its `cms/`) is the copy's."""
    return subprocess.run([sys.executable, "-m", "macros", "--root", str(project), *arguments], cwd=project,
                          env=BUILD_ENV, capture_output=True, text=True)


def unplaced_fields(project: Path) -> list[str]:
    """`collection.field` for each further field of the project's schemas that its record template does not show."""
    found = subprocess.run([sys.executable, "-c", "from macros.common.collections import COLLECTIONS\n"
                            "from macros.model.values import further_fields\n"
                            "for name in COLLECTIONS:\n    print(name, *further_fields(name))"],
                           cwd=project, capture_output=True, text=True, check=True).stdout
    unplaced = []
    for line in found.splitlines():
        collection, *fields = line.split()
        template = (project / "templates" / COLLECTIONS[collection].page_template).read_text(encoding="utf-8")
        unplaced += [f"{collection}.{name}" for name in fields
                     if not re.search(r"c\.further\(record\.further\.%s\)" % name, template)]
    return unplaced


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """The fixture project after the walk-through's two steps, a value in one activity, the CMS configuration
    written again and the site built."""
    project = copy_project(tmp_path_factory.mktemp("field") / "project", data=FIXTURE)
    add_to_schema(project, "activity", FIELD, {"$ref": "common.schema.json#/$defs/text", "title": TITLE})
    add_to_template(project, "activity", FIELD)
    record = project / "activities" / f"{ACTIVITY}.yml"
    record.write_text(record.read_text(encoding="utf-8") + yaml.safe_dump({FIELD: VALUE}, allow_unicode=True),
                      encoding="utf-8")
    (project / "cms").mkdir()
    written = macros_command(project, "cms-config")
    assert written.returncode == 0, written.stderr
    built = mkdocs_build(project, project / "site")
    assert built.returncode == 0, built.stderr
    return project


def test_the_real_schemas_have_no_field_their_templates_leave_out():
    assert unplaced_fields(REPO) == []


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_field_is_on_the_record_page_in_each_language(project, lang):
    root = "" if lang == "vi" else "en/"
    page = BeautifulSoup((project / "site" / root / "activities" / ACTIVITY / "index.html").read_text("utf-8"),
                         "html.parser")
    facts = {term.get_text(strip=True): term.find_next_sibling("dd").get_text(strip=True)
             for term in page.select("dl.facts dt")}
    label = TITLE.split(" / ")[1 if lang == "vi" else 0]
    assert facts[label] == VALUE[lang]


def test_the_field_is_in_the_open_data(project):
    data = project / "site" / "data"
    records = json.loads((data / "activities.json").read_text("utf-8"))
    assert next(record for record in records if record["id"] == ACTIVITY)[FIELD] == VALUE
    for lang in ("vi", "en"):
        assert VALUE[lang] in (data / f"activities-{lang}.csv").read_text("utf-8-sig")
        assert FIELD in (data / f"activities-{lang}.csv").read_text("utf-8-sig").splitlines()[0].split(",")


def test_the_field_is_in_the_editors_configuration(project):
    config = yaml.safe_load((project / "cms" / "config.yml").read_text("utf-8"))
    activities = next(collection for collection in config["collections"] if collection["name"] == "activities")
    field = next(field for field in activities["fields"] if field["name"] == FIELD)
    assert field["label"] == "Đối tượng tham dự · Audience"
    assert [widget["name"] for widget in field["fields"]] == ["vi", "en", "translation"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_field_is_in_the_annual_report(project, lang):
    root = "" if lang == "vi" else "en/"
    text = " ".join(page.extract_text() for page in PdfReader(project / "site" / root / "reports" / "2024.pdf").pages)
    label = TITLE.split(" / ")[1 if lang == "vi" else 0]
    assert f"{label}: {VALUE[lang]}" in " ".join(text.split())


def test_a_field_its_template_leaves_out_is_named(tmp_path):
    project = copy_project(tmp_path / "project", data=FIXTURE)
    add_to_schema(project, "partner", "motto", {"$ref": "common.schema.json#/$defs/text", "title": "Motto / Khẩu hiệu"})
    assert unplaced_fields(project) == ["partners.motto"]


def test_a_field_no_code_can_read_stops_the_validation_located_in_its_schema(tmp_path):
    project = copy_project(tmp_path / "project", data=FIXTURE)
    add_to_schema(project, "activity", "venue", {"$ref": "common.schema.json#/$defs/person", "title": "Venue / Nơi"})
    checked = macros_command(project, "validate")
    assert (checked.returncode, checked.stdout) == (1, "")
    assert "schemas/activity.schema.json: the field `venue` is of a kind the site cannot show without code of its " \
           "own" in checked.stderr
    assert "Traceback" not in checked.stderr

