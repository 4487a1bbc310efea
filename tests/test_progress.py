"""A plan's progress as the sources report it (records.PlanElement.outcome, records.Progress): a task nobody
reported on after its deadline is unknown, never "not done"; the open data carries the same outcome, valid
against its published JSON Schema (checked with the jsonschema validator)."""

from __future__ import annotations

import dataclasses
import json

import jsonschema
import pytest

from conftest import REPO
from macros.common.locale import PartialDate
from macros.files import opendata
from macros.model import dataset

MODEL = dataset.load(REPO).model
PLAN = MODEL.plans["ke-hoach-2024"]
MIC = MODEL.element("ke-hoach-2024/ke-hoach-mou-mic-nhat-ban")  # planned as of 9 January 2024, due 2025
KOREA = MODEL.element("ke-hoach-2024/ky-mou-bo-noi-vu-an-toan-han-quoc")  # planned, no due date: the plan's end


def day(text: str) -> PartialDate:
    return PartialDate.parse(text)


@pytest.mark.parametrize("item, checked, outcome", [
    (KOREA, "2024-08-08", "planned"),           # the plan's period is still running
    (KOREA, "2024-12-31", "planned"),           # its last day
    (KOREA, "2025-01-01", "no-later-report"),   # over, and the latest report (9 January 2024) predates its end
    (MIC, "2025-06-30", "planned"),             # due 2025: its own deadline, not the plan's
    (MIC, "2026-01-01", "no-later-report"),
], ids=["plan-running", "plan-last-day", "plan-over", "due-ahead", "due-passed"])
def test_an_item_is_planned_until_its_deadline_then_unknown(item, checked, outcome):
    assert item.outcome(day(checked)) == outcome


def test_a_report_after_the_deadline_is_what_the_item_shows():
    late = dataclasses.replace(KOREA, status="in-progress", status_as_of=day("2025-03"))
    assert late.outcome(day("2026-11-24")) == "in-progress"
    done = dataclasses.replace(KOREA, status="done", status_as_of=day("2024-01-09"))
    assert done.outcome(day("2030-01-01")) == "done"


def test_the_plans_figure_counts_parts_with_their_dates_and_leaves_cancelled_items_out():
    progress = PLAN.progress(MODEL.checked_on())
    assert [(outcome, count, since.iso()) for outcome, count, since in progress.parts()] == [
        ("done", 1, "2024-08-08"), ("no-later-report", 7, "2024-01-09")]
    assert progress.total == len(PLAN.items()) == 8
    cancelled = [dataclasses.replace(item, status="cancelled") if item is KOREA else item for item in PLAN.items()]
    assert type(progress).of(cancelled, MODEL.checked_on()).total == 7


def test_the_open_data_gives_each_items_outcome_valid_against_its_schema():
    files = {file.path: file for file in opendata.downloads(dataset.load(REPO))}
    data = json.loads(files["data/plan-progress.json"].content)
    schema = json.loads(files["data/schemas/plan-progress.schema.json"].content)
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(data)
    (plan,) = data["plans"]
    assert plan["counts"] == PLAN.progress(MODEL.checked_on()).counts
    assert {item["id"]: item["outcome"] for item in plan["items"]} == {
        item.id: item.outcome(MODEL.checked_on()) for item in PLAN.items()}
    assert (data["as_of"], data["records_checked"]) == (MODEL.as_of().iso(), MODEL.checked_on().iso())
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate({**data, "plans": [{**plan, "counts": {"not-done": 7}}]})


def test_the_data_date_is_the_newest_date_a_source_reports_not_a_review_stamp():
    assert MODEL.as_of().iso() == "2024-08-08"  # the ACCSM 22 task reported done; the NAPA source of August 2024
    assert MODEL.checked_on().iso() == max(record.reviewed.iso() for record in MODEL.records() if record.reviewed)


@pytest.mark.parametrize("root, gaps", [("", "các năm sau của Đề án (2022–2026): 2022, 2023, 2025, 2026;"),
                                        ("en/", "these years of the programme (2022–2026): 2022, 2023, 2025, 2026;")])
def test_the_plans_list_names_the_programme_years_without_an_annual_plan(built_site, root, gaps):
    programme = MODEL.plans["de-an-2022-2026"]
    assert programme.years_without_annual_plan() == [2022, 2023, 2025, 2026]  # only the 2024 Plan is in the sources
    assert gaps in " ".join((built_site / root / "plans" / "index.html").read_text(encoding="utf-8").split())
