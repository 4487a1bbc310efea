"""Tests of the whole check of a dataset (macros.model.dataset.load) and of `python -m macros validate`.

Each test writes a tiny, complete, valid dataset to its own tmp_path, breaks one
thing, and checks that the run fails with a problem naming the right file and
line and saying what is wrong and how to fix it.
"""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from macros.common import cores
from macros.common.locale import PartialDate
from macros.model import dataset
from macros.reading.problems import InvalidData, Problem


REPO = Path(__file__).resolve().parent.parent

PA = "partners/p-alpha.yml"
PB = "partners/p-beta.yml"
PROG = "plans/prog.yml"
PLAN = "plans/plan-2024.yml"
DEC = "decisions/qd-1.yml"
ACT = "activities/act-1.yml"

DELETE = object()  # as the value given to `change`: remove the field
PENDING_HINT = "add `en:` when the translation is ready"


def text(vi: str, en: str) -> dict:
    return {"vi": vi, "en": en}


def sources() -> list[dict]:
    return [{
        "publisher": text("Bộ Nội vụ", "Ministry of Home Affairs"),
        "title": "Năm 2024: Triển khai Đề án",
        "language": "vi",
        "date": "2024-01-09",
    }]


def valid_records() -> dict[str, dict]:
    """The smallest complete dataset: two partners, a programme and its annual plan, a decision, an activity."""
    return {
        PA: {
            "id": "p-alpha",
            "name": text("Bộ Nội vụ và An toàn Hàn Quốc", "Ministry of the Interior and Safety"),
            "kind": "government", "country": "KR", "sources": sources(),
        },
        PB: {
            "id": "p-beta", "name": text("Ban Thư ký ASEAN", "ASEAN Secretariat"),
            "kind": "international-organisation", "sources": sources(),
        },
        PROG: {
            "id": "prog", "kind": "programme", "title": text("Đề án", "Programme"),
            "period": {"start": "2022", "end": "2026"}, "summary": text("Tóm tắt", "Summary"),
            "general_objective": text("Mục tiêu chung", "General objective"), "scope": text("Phạm vi", "Scope"),
            "objectives": [{"id": "muc-tieu-1", "text": text("Mục tiêu 1", "Objective 1")}],
            "tasks": [{"id": "nhiem-vu-1", "text": text("Nhiệm vụ 1", "Task 1")}],
            "priority_areas": [{"id": "linh-vuc-1", "text": text("Lĩnh vực 1", "Area 1")}],
            "solutions": [{"id": "giai-phap-1", "text": text("Giải pháp 1", "Solution 1")}],
            "sources": sources(),
        },
        PLAN: {
            "id": "plan-2024", "kind": "annual-plan", "implements": "prog",
            "title": text("Kế hoạch 2024", "2024 Plan"),
            "period": {"start": "2024", "end": "2024"}, "summary": text("Tóm tắt", "Summary"),
            "task_groups": [{
                "id": "nhom-1", "text": text("Nhóm 1", "Group 1"),
                "items": [{
                    "id": "item-one", "text": text("Tham dự ACCSM 22", "Attending ACCSM 22"),
                    "status": "done", "status_as_of": "2024-08-08", "partners": ["p-alpha"],
                }],
            }],
            "sources": sources(),
        },
        DEC: {
            "id": "qd-1", "number": "9/QĐ-BNV", "type": "decision", "date_signed": "2024-01-09",
            "issuer": text("Bộ trưởng Bộ Nội vụ", "Minister of Home Affairs"),
            "signer": {"name": "Vũ Chiến Thắng", "role": text("Thứ trưởng", "Deputy Minister")},
            "title": text("Ban hành Kế hoạch năm 2024", "Issuing the 2024 Plan"),
            "summary": text("Tóm tắt", "Summary"),
            "action": "issues", "plan": "plan-2024", "sources": sources(),
        },
        ACT: {
            "id": "act-1", "kind": "delegation-abroad", "title": text("Đoàn ra", "Delegation"),
            "start": "2024-08-04", "end": "2024-08-08",
            "places": [{"city": text("Bandar Seri Begawan", "Bandar Seri Begawan"), "country": "BN"}],
            "partners": ["p-alpha", "p-beta"],
            "leaders": [{"name": "Vũ Chiến Thắng", "role": text("Thứ trưởng", "Deputy Minister")}],
            "plan_items": ["plan-2024/item-one"], "summary": text("Tóm tắt", "Summary"), "sources": sources(),
        },
    }


def change(records: dict[str, dict], file: str, path: tuple, value) -> None:
    """Set the value at `path` in `records[file]`; DELETE removes it, an index one past the end appends."""
    *parents, last = path
    target = records[file]
    for part in parents:
        target = target[part]
    if value is DELETE:
        del target[last]
    elif isinstance(target, list) and last == len(target):
        target.append(value)
    else:
        target[last] = value


def write(root: Path, records: dict[str, dict]) -> None:
    for file, data in records.items():
        path = root / file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def load_problems(root: Path, records: dict[str, dict]) -> list[Problem]:
    """Write `records`, load them, and return the problems of the InvalidData that must be raised."""
    write(root, records)
    with pytest.raises(InvalidData) as raised:
        dataset.load(root)
    return raised.value.problems


def lines_of(root: Path, file: str, start: str) -> list[int]:
    """Numbers of the lines of the written `file` that begin with `start`."""
    lines = (root / file).read_text(encoding="utf-8").splitlines()
    return [number for number, line in enumerate(lines, start=1) if line.startswith(start)]


def line_of(root: Path, file: str, start: str) -> int:
    numbers = lines_of(root, file, start)
    assert len(numbers) == 1, f"{start!r} begins lines {numbers} of {file}"
    return numbers[0]


# --- a valid dataset ---------------------------------------------------------------------------

def test_valid_dataset_loads_and_links_back_references(tmp_path):
    records = valid_records()
    change(records, PA, ("parent",), "p-beta")
    write(tmp_path, records)
    data = dataset.load(tmp_path)
    model = data.model
    alpha, beta = model.partners["p-alpha"], model.partners["p-beta"]
    programme, annual, decision = model.plans["prog"], model.plans["plan-2024"], model.decisions["qd-1"]
    activity = model.activities["act-1"]
    item = model.element("plan-2024/item-one")
    assert data.pending == []
    assert alpha.activities == [activity] and beta.activities == [activity]
    assert activity.partners == [alpha, beta]
    assert activity.plan_items == [item] and item.evidence == [activity]
    assert item.partners == [alpha] and alpha.plan_items == [item] and beta.plan_items == []
    assert alpha.parent is beta and beta.children == [alpha]
    assert decision.plan is annual and annual.decisions == [decision]
    assert annual.implements is programme and programme.annual_plans == [annual]
    assert alpha.file == PA and activity.file == ACT
    assert "2 plans, 2 partners" in data.summary()
    assert data.summary().endswith("; 0 pending translations")


class CountedPool(cores.ProcessPoolExecutor):
    """The pool `map_on_cores` forks, counting the shares it sends to other processes."""

    shares = 0

    def submit(self, *arguments, **keywords):
        CountedPool.shares += 1
        return super().submit(*arguments, **keywords)


def test_files_read_on_two_cores_give_the_verdicts_and_model_of_one(tmp_path, monkeypatch):
    """A project large enough to be read on every core: the same problems, in the same order, as read alone."""
    records = valid_records()
    for number in range(cores.ALONE_BELOW):
        records[f"partners/p-{number:04}.yml"] = {**records[PA], "id": f"p-{number:04}"}
    records["partners/p-0100.yml"]["id"] = "p-0007"  # not its file name, and taken (in the first share)
    records["partners/p-0350.yml"]["id"] = "p-0009"  # the same, read by the other process
    records["partners/p-0300.yml"]["kind"] = "a kind no schema knows"
    change(records, ACT, ("partners", 1), "p-none")
    write(tmp_path, records)
    (tmp_path / "partners" / "p-0200.yml").write_text("id: [unclosed\n", encoding="utf-8")
    monkeypatch.setattr(cores, "cores", lambda: 2)
    monkeypatch.setattr(cores, "ProcessPoolExecutor", CountedPool)

    def report() -> str:
        with pytest.raises(InvalidData) as raised:
            dataset.load(tmp_path)
        return raised.value.report()

    shared = report()
    assert CountedPool.shares == 1
    monkeypatch.setattr(cores, "cores", lambda: 1)
    alone = report()
    assert CountedPool.shares == 1
    assert shared == alone
    for expected in ("partners/p-0100.yml:1:1: the id `p-0007` is already used", "partners/p-0200.yml:2:1: YAML syntax",
                     "partners/p-0300.yml:5:1: `kind`", "partners/p-0350.yml:1:1: the id `p-0009` is already used",
                     "activities/act-1.yml:15:3: `p-none` does not exist", "7 errors in the data"):
        assert expected in shared
    for file in ("partners/p-0100.yml", "partners/p-0350.yml", "partners/p-0300.yml", "partners/p-0200.yml"):
        (tmp_path / file).unlink()
    change(records, ACT, ("partners", 1), "p-beta")
    write(tmp_path, {ACT: records[ACT]})
    monkeypatch.setattr(cores, "cores", lambda: 2)
    model = dataset.load(tmp_path).model
    assert CountedPool.shares == 2
    assert list(model.partners) == sorted(model.partners) and len(model.partners) == cores.ALONE_BELOW - 2
    assert model.activities["act-1"].partners == [model.partners["p-alpha"], model.partners["p-beta"]]



def test_partial_dates_are_ordered_by_first_day_the_less_precise_first():
    written = ["2024-02", "2024-01-02", "2024", "2023-12-31", "2024-01-01", "2024-01"]
    ordered = sorted(PartialDate.parse(date) for date in written)
    assert [date.iso() for date in ordered] == ["2023-12-31", "2024", "2024-01", "2024-01-01", "2024-01-02", "2024-02"]
    year, day = PartialDate.parse("2024"), PartialDate.parse("2024-01-01")
    assert year != day and year < day and day > year and year <= PartialDate(2024) and not day < year


def test_annual_plans_starting_the_same_year_one_to_the_day_one_to_the_year(tmp_path):
    """Two plans of one programme starting in 2024, given as `2024-01-01` and `2024`: valid, the year first."""
    records = valid_records()
    to_the_day = copy.deepcopy(records[PLAN])
    to_the_day.update(id="plan-2024-b", period={"start": "2024-01-01", "end": "2024-12-31"})
    records["plans/plan-2024-b.yml"] = to_the_day  # read before plan-2024.yml: the order is the sort's
    write(tmp_path, records)
    result = run_cli("--root", str(tmp_path), "validate")
    assert result.returncode == 0, result.stderr
    assert result.stderr == "" and result.stdout.startswith("OK: 1 decision, 3 plans, ")
    assert [plan.id for plan in dataset.load(tmp_path).model.plans["prog"].annual_plans] == ["plan-2024", "plan-2024-b"]

@pytest.mark.parametrize(
    ("file", "path", "value"),
    [
        pytest.param(ACT, ("start",), "2024-02-29", id="leap-day"),
        pytest.param(ACT, ("start",), "2024-08", id="month-only"),
        pytest.param(ACT, ("end",), "2024-08-04", id="one-day-with-end"),
        pytest.param(ACT, ("end",), DELETE, id="one-day-without-end"),
        pytest.param(PROG, ("period", "end"), DELETE, id="open-period"),
        pytest.param(PB, ("country",), "VN", id="country-on-organisation"),
        pytest.param(PA, ("website",), "https://www.mois.go.kr/", id="website"),
    ],
)
def test_valid_variants_load(tmp_path, file, path, value):
    records = valid_records()
    change(records, file, path, value)
    write(tmp_path, records)
    assert dataset.load(tmp_path).pending == []


# --- one mistake, one located problem ----------------------------------------------------------

SCHEMA_CASES = [
    pytest.param(ACT, ("summary",), DELETE, "id: act-1",
                 "the required field `summary` is missing", "add `summary:` (Summary)",
                 id="missing-required-field"),
    pytest.param(DEC, ("signer", "role"), DELETE, "signer:",
                 "the required field `role` is missing in `signer`", "add `role:`",
                 id="missing-nested-field"),
    pytest.param(PA, ("country",), DELETE, "id: p-alpha",
                 "the required field `country` is missing", "add `country:`",
                 id="missing-country-of-government"),
    pytest.param(PA, ("websit",), "https://www.mois.go.kr/", "websit:",
                 "unknown field `websit`", "did you mean `website`?",
                 id="unknown-field-near-miss"),
    pytest.param(PA, ("telephone",), "+82 2 2100 3000", "telephone:",
                 "unknown field `telephone`",
                 "allowed fields here: id, name, abbreviation, kind, country, parent, website, description, image, "
                 "areas, agreements, sources",
                 id="unknown-field-far"),
    pytest.param(ACT, ("title", "eng"), "Delegation", "  eng:",
                 "unknown field `eng`", "did you mean `en`?",
                 id="unknown-field-in-text"),
    pytest.param(ACT, ("kind",), "visit", "kind:",
                 "`kind`: `visit` is not an allowed value",
                 "use one of: delegation-abroad, visit-received, meeting, talks, signing, training, workshop",
                 id="enum"),
    pytest.param(PLAN, ("task_groups", 0, "items", 0, "status"), "finished", "    status: finished",
                 "`task_groups[1].items[1].status`: `finished` is not an allowed value",
                 "use one of: planned, in-progress, done, cancelled, suspended",
                 id="nested-enum"),
    pytest.param(DEC, ("number",), ["9", "QĐ-BNV"], "number:",
                 "`number` must be a text, not a list (lines starting with `- `)",
                 "The document's number as printed, e.g. 896/QĐ-BNV.",  # the field's own help comes first
                 id="list-instead-of-text"),
    pytest.param(ACT, ("title",), ["Đoàn ra", "Delegation"], "title:",
                 "`title` must be a mapping (fields with `name: value`), not a list (lines starting with `- `)",
                 "A text in Vietnamese (vi, required) and English (en)",
                 id="list-instead-of-localised-text"),
    pytest.param(ACT, ("start",), 2024, "start:",
                 "`start` must be a text, not a whole number", "YYYY-MM-DD",
                 id="number-instead-of-date"),
    pytest.param(ACT, ("start",), "04/08/2024", "start:",
                 "`start`: `04/08/2024` does not have the expected form", "YYYY-MM-DD",
                 id="date-in-wrong-form"),
    pytest.param(ACT, ("title",), {"en": "Delegation"}, "title:",
                 "the required field `vi` is missing in `title`", "add `vi:` (Vietnamese)",
                 id="text-without-vi"),
    pytest.param(ACT, ("title",), {"vi": "Đoàn ra"}, "title:",
                 "`title` has no English text",
                 "add `en:` with the English translation, or `translation: pending` if it is not ready",
                 id="text-without-en-or-pending"),
    pytest.param(ACT, ("leaders", 0, "role"), {"vi": "Thứ trưởng"}, "  role:",
                 "`leaders[1].role` has no English text",
                 "add `en:` with the English translation, or `translation: pending` if it is not ready",
                 id="nested-text-without-en-or-pending"),
    pytest.param(ACT, ("title", "translation"), "pending", "title:",
                 "`title` has both `en` and `translation: pending`",
                 "remove `translation: pending` now that the English text is there",
                 id="text-with-en-and-pending"),
]

VALUE_CASES = [
    pytest.param(ACT, ("start",), "2024-02-31", "start:",
                 "`start`: 2024-02-31 is not a date that exists", "check the day and the month",
                 id="impossible-date"),
    pytest.param(ACT, ("end",), "2024-08-32", "end:",
                 "`end`: 2024-08-32 is not a date that exists", "check the day and the month",
                 id="impossible-end-date"),
    pytest.param(PLAN, ("task_groups", 0, "items", 0, "status_as_of"), "2023-02-29", "    status_as_of:",
                 "`task_groups[1].items[1].status_as_of`: 2023-02-29 is not a date that exists",
                 "check the day and the month",
                 id="impossible-nested-date"),
    pytest.param(ACT, ("start",), "2024-13", "start:",
                 "`start`: 2024-13 is not a date that exists", "check the day and the month",
                 id="impossible-month"),
    pytest.param(ACT, ("end",), "2024-08-01", "end:",
                 "the end (2024-08-01) is before the start (2024-08-04)", "swap or correct the two dates",
                 id="end-before-start"),
    pytest.param(PROG, ("period", "end"), "2021", "  end:",
                 "the end (2021) is before the start (2022)", "swap or correct the two dates",
                 id="period-end-before-start"),
    pytest.param(PA, ("country",), "XX", "country:",
                 "`XX` is not an ISO 3166-1 country code", "use the two-letter code, e.g. VN, KR, JP, FR",
                 id="unknown-country"),
    pytest.param(ACT, ("places", 0, "country"), "XX", "  country:",
                 "`XX` is not an ISO 3166-1 country code", "use the two-letter code, e.g. VN, KR, JP, FR",
                 id="unknown-country-of-place"),
    pytest.param(ACT, ("id",), "act-2", "id:",
                 "the id `act-2` differs from the file name `act-1.yml`",
                 "write `id: act-1`, or rename the file to `act-2.yml` (ids are permanent)",
                 id="id-not-file-name"),
]

REFERENCE_CASES = [
    pytest.param(ACT, ("partners", 0), "p-alpah", "- p-alpah",
                 "`p-alpah` does not exist in partners/", "did you mean `p-alpha`?",
                 id="partner-near-miss"),
    pytest.param(ACT, ("partners", 1), "zz-unknown", "- zz-unknown",
                 "`zz-unknown` does not exist in partners/", "create partners/zz-unknown.yml or correct the id",
                 id="partner-unknown"),
    pytest.param(PLAN, ("task_groups", 0, "items", 0, "partners", 0), "p-gamma", "    - p-gamma",
                 "`p-gamma` does not exist in partners/", "create partners/p-gamma.yml or correct the id",
                 id="plan-item-partner"),
    pytest.param(PA, ("parent",), "p-betta", "parent:",
                 "`p-betta` does not exist in partners/", "did you mean `p-beta`?",
                 id="parent"),
    pytest.param(DEC, ("plan",), "plan-2042", "plan:",
                 "`plan-2042` does not exist in plans/", "did you mean `plan-2024`?",
                 id="decision-plan"),
    pytest.param(PLAN, ("implements",), "plan-2024", "implements:",
                 "`plan-2024` is not a programme", "an annual plan implements a plan of kind `programme`",
                 id="implements-annual-plan"),
    pytest.param(ACT, ("plan_items", 0), "plan-2024/item-onee", "- plan-2024/item-onee",
                 "no plan element `plan-2024/item-onee` exists", "did you mean `plan-2024/item-one`?",
                 id="plan-element-near-miss"),
    pytest.param(PA, ("parent",), "p-alpha", "parent:",
                 "the parent organisations form a cycle: p-alpha → p-alpha",
                 "one of these partners must not name a parent",
                 id="own-parent"),
]


@pytest.mark.parametrize(
    ("file", "path", "value", "line_start", "message", "hint"),
    SCHEMA_CASES + VALUE_CASES + REFERENCE_CASES,
)
def test_one_mistake_is_one_located_problem(tmp_path, file, path, value, line_start, message, hint):
    records = valid_records()
    change(records, file, path, value)
    problems = load_problems(tmp_path, records)
    assert [(problem.file, problem.line, problem.message) for problem in problems] == [
        (file, line_of(tmp_path, file, line_start), message),
    ]
    assert hint in problems[0].hint
    assert not problems[0].pending


def test_plan_element_far_from_any_known_still_gets_a_hint(tmp_path):
    """Every problem says how to fix it, even when no known element is close to the wrong one."""
    records = valid_records()
    change(records, ACT, ("plan_items", 0), "xyz/abc")
    problems = load_problems(tmp_path, records)
    assert [(problem.file, problem.line, problem.message) for problem in problems] == [
        (ACT, line_of(tmp_path, ACT, "- xyz/abc"), "no plan element `xyz/abc` exists"),
    ]
    assert problems[0].hint != ""


def test_every_unknown_field_is_reported(tmp_path):
    """Two misspelt fields in one record give two problems, not one per run."""
    records = valid_records()
    change(records, ACT, ("bdy",), text("Nội dung", "Body"))
    change(records, ACT, ("abstract",), "x")
    problems = load_problems(tmp_path, records)
    assert [(problem.line, problem.message) for problem in problems] == [
        (line_of(tmp_path, ACT, "bdy:"), "unknown field `bdy`"),
        (line_of(tmp_path, ACT, "abstract:"), "unknown field `abstract`"),
    ]


def test_parent_cycle_is_reported_at_each_member(tmp_path):
    records = valid_records()
    change(records, PA, ("parent",), "p-beta")
    change(records, PB, ("parent",), "p-alpha")
    problems = load_problems(tmp_path, records)
    assert [(problem.file, problem.line, problem.message) for problem in problems] == [
        (PA, line_of(tmp_path, PA, "parent:"), "the parent organisations form a cycle: p-alpha → p-beta → p-alpha"),
        (PB, line_of(tmp_path, PB, "parent:"), "the parent organisations form a cycle: p-beta → p-alpha → p-beta"),
    ]
    assert {problem.hint for problem in problems} == {"one of these partners must not name a parent"}


@pytest.mark.parametrize(
    ("file", "section", "duplicate_id", "line_start"),
    [
        pytest.param(PLAN, ("task_groups", 0, "items"), "item-one", "  - id: item-one", id="two-items"),
        pytest.param(PROG, ("tasks",), "muc-tieu-1", "- id: muc-tieu-1", id="task-and-objective"),
    ],
)
def test_duplicate_id_inside_a_plan(tmp_path, file, section, duplicate_id, line_start):
    records = valid_records()
    elements = records[file]
    for part in section:
        elements = elements[part]
    element = copy.deepcopy(elements[0])
    element["id"] = duplicate_id
    elements.append(element)
    problems = load_problems(tmp_path, records)
    assert problems == [Problem(
        file, lines_of(tmp_path, file, line_start)[1], line_start.index("id:") + 1,
        f"the id `{duplicate_id}` is used twice in this plan",
        "give each objective, task, area, solution and item its own id",
    )]


def test_same_id_in_two_files(tmp_path):
    write(tmp_path, valid_records())
    (tmp_path / "partners/p-alpha.yaml").write_bytes((tmp_path / PA).read_bytes())
    with pytest.raises(InvalidData) as raised:
        dataset.load(tmp_path)
    assert raised.value.problems == [Problem(
        "partners/p-alpha.yaml", 1, 1, "the id `p-alpha` is already used by partners/p-alpha.yml", "ids must be unique",
    )]


def test_copied_file_is_reported_for_both_its_name_and_its_id(tmp_path):
    records = valid_records()
    records["partners/p-copy.yml"] = copy.deepcopy(records[PA])
    problems = load_problems(tmp_path, records)
    assert [(problem.file, problem.line, problem.message) for problem in problems] == [
        ("partners/p-copy.yml", 1, "the id `p-alpha` differs from the file name `p-copy.yml`"),
        ("partners/p-copy.yml", 1, "the id `p-alpha` is already used by partners/p-alpha.yml"),
    ]


@pytest.mark.parametrize(
    "content",
    [
        pytest.param("id: p-beta\nkind: mechanism\n", id="schema-error"),
        pytest.param("id: p-beta\nname: &n\n  vi: x\n", id="yaml-error"),
        pytest.param("", id="empty"),
        pytest.param("- p-beta\n", id="not-a-mapping"),
    ],
)
def test_reference_to_a_broken_file_is_not_reported_again(tmp_path, content):
    """A partner whose file is broken is reported there, not again at every reference to it."""
    write(tmp_path, valid_records())
    (tmp_path / PB).write_text(content, encoding="utf-8")
    with pytest.raises(InvalidData) as raised:
        dataset.load(tmp_path)
    assert {problem.file for problem in raised.value.problems} == {PB}


# --- translations pending ----------------------------------------------------------------------

def test_pending_translation_is_valid_and_counted(tmp_path):
    records = valid_records()
    change(records, ACT, ("title",), {"vi": "Đoàn ra", "translation": "pending"})
    change(records, ACT, ("places", 0, "city"), {"vi": "Bandar Seri Begawan", "translation": "pending"})
    write(tmp_path, records)
    data = dataset.load(tmp_path)
    assert sorted(data.pending) == [
        Problem(ACT, line_of(tmp_path, ACT, "title:"), 1, "English translation pending for `title`",
                PENDING_HINT, pending=True),
        Problem(ACT, line_of(tmp_path, ACT, "- city:"), 3, "English translation pending for `places[1].city`",
                PENDING_HINT, pending=True),
    ]
    title = data.model.activities["act-1"].title
    assert title.en is None and title.get("en") == "Đoàn ra"
    assert data.summary().endswith("; 2 pending translations")


def test_pending_translation_is_never_an_error(tmp_path):
    """Next to a real error, a pending translation is still not among the problems that fail the run."""
    records = valid_records()
    change(records, ACT, ("title",), {"vi": "Đoàn ra", "translation": "pending"})
    change(records, PA, ("country",), "XX")
    problems = load_problems(tmp_path, records)
    assert [(problem.file, problem.message, problem.pending) for problem in problems] == [
        (PA, "`XX` is not an ISO 3166-1 country code", False),
    ]


# --- every problem of a run at once ------------------------------------------------------------

def test_several_errors_in_several_files_are_reported_together(tmp_path):
    records = valid_records()
    change(records, PA, ("country",), "XX")
    change(records, ACT, ("kind",), "visit")
    change(records, DEC, ("summary",), DELETE)
    change(records, PLAN, ("task_groups", 0, "items", 0, "status_as_of"), "2024-02-30")
    change(records, PB, ("name",), {"vi": "Ban Thư ký ASEAN", "translation": "pending"})  # not an error
    write(tmp_path, records)
    with pytest.raises(InvalidData) as raised:
        dataset.load(tmp_path)
    assert [(problem.file, problem.line, problem.message) for problem in raised.value.problems] == [
        (ACT, line_of(tmp_path, ACT, "kind:"), "`kind`: `visit` is not an allowed value"),
        (DEC, 1, "the required field `summary` is missing"),
        (PA, line_of(tmp_path, PA, "country:"), "`XX` is not an ISO 3166-1 country code"),
        (PLAN, line_of(tmp_path, PLAN, "    status_as_of:"),
         "`task_groups[1].items[1].status_as_of`: 2024-02-30 is not a date that exists"),
    ]
    report = raised.value.report().splitlines()
    kind_line = line_of(tmp_path, ACT, "kind:")
    assert report[0].startswith(f"{ACT}:{kind_line}:1: `kind`: `visit` is not an allowed value — use one of: ")
    assert report[-1] == "4 errors in the data: nothing was built."


def test_an_edited_file_is_checked_again(tmp_path):
    """The cache never hides an edit made after a successful load."""
    write(tmp_path, valid_records())
    first = dataset.load(tmp_path)
    assert dataset.load(tmp_path) is first
    path = tmp_path / PA
    path.write_text(path.read_text(encoding="utf-8").replace("country: KR", "country: XX") + "# edited\n",
                    encoding="utf-8")
    with pytest.raises(InvalidData) as raised:
        dataset.load(tmp_path)
    assert [problem.message for problem in raised.value.problems] == ["`XX` is not an ISO 3166-1 country code"]


# --- how problems read -------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("problem", "expected"),
    [
        (Problem("p.yml", 3, 7, "what is wrong", "how to fix it"), "p.yml:3:7: what is wrong — how to fix it"),
        (Problem("p.yml", 3, None, "what is wrong", "how to fix it"), "p.yml:3: what is wrong — how to fix it"),
        (Problem("p.yml", None, None, "what is wrong", "how to fix it"), "p.yml: what is wrong — how to fix it"),
        (Problem("p.yml", 3, 7, "what is wrong"), "p.yml:3:7: what is wrong"),
    ],
)
def test_problem_reads_file_line_column_message_hint(problem, expected):
    assert str(problem) == expected


def test_report_sorts_problems_and_counts_them():
    problems = [Problem("b.yml", 1, 1, "x"), Problem("a.yml", 9, 1, "y"), Problem("a.yml", 2, 5, "z", "fix")]
    assert InvalidData(problems).report() == (
        "a.yml:2:5: z — fix\na.yml:9:1: y\nb.yml:1:1: x\n3 errors in the data: nothing was built."
    )
    assert InvalidData(problems[:1]).report() == "b.yml:1:1: x\n1 error in the data: nothing was built."


# --- the command line --------------------------------------------------------------------------

def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "macros", *args], cwd=REPO, capture_output=True, text=True, timeout=300,
    )


def test_cli_validates_the_real_data():
    result = run_cli("validate")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].startswith("OK: ")
    assert result.stderr == ""


def test_cli_reports_located_problems_and_exits_1(tmp_path):
    """`validate` on broken data: every problem on stderr, one per line, then the count; no traceback."""
    records = valid_records()
    change(records, PA, ("country",), "XX")
    change(records, ACT, ("partners", 0), "p-alpah")
    write(tmp_path, records)
    result = run_cli("--root", str(tmp_path), "validate")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{ACT}:{line_of(tmp_path, ACT, '- p-alpah')}:3: `p-alpah` does not exist in partners/ — "
        "did you mean `p-alpha`?",
        f"{PA}:{line_of(tmp_path, PA, 'country:')}:1: `XX` is not an ISO 3166-1 country code — "
        "use the two-letter code, e.g. VN, KR, JP, FR",
        "2 errors in the data: nothing was built.",
    ]


def test_cli_lists_pending_translations_and_exits_0(tmp_path):
    records = valid_records()
    change(records, PB, ("name",), {"vi": "Ban Thư ký ASEAN", "translation": "pending"})
    write(tmp_path, records)
    result = run_cli("--root", str(tmp_path), "validate")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    name_line = line_of(tmp_path, PB, "name:")
    assert lines[0] == f"{PB}:{name_line}:1: English translation pending for `name` — {PENDING_HINT}"
    assert lines[1].startswith("OK: ") and "; 1 pending translation (" in lines[1]
