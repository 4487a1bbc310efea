"""The figures behind the charts, computed once from the linked model.

Templates draw the bars; this module only counts, so every number on the site
comes from the data and none is typed in.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from macros.common.locale import PartialDate
from macros.model.records import Model, Plan, Progress, TaskGroup
from macros.model.regions import REGIONS


@dataclass(frozen=True)
class Bar:
    key: str     # a year or a region id
    value: int
    link: str | None = None  # path below the language root
    label: str = ""  # the key as the page's language says it, set by the page


def activities_per_year(model: Model) -> list[Bar]:
    """Every year from the first to the last activity, empty years included."""
    counts = Counter(activity.start.year for activity in model.activities.values())
    if not counts:
        return []
    return [Bar(str(year), counts[year], f"activities/#year-{year}") for year in range(min(counts), max(counts) + 1)]


def activities_per_region(model: Model, year: int | None = None) -> list[Bar]:
    """Activities with a partner of each region (an activity counts once per region), of one year if given."""
    counts = Counter(region for activity in model.activities.values() if year is None or activity.start.year == year
                     for region in {partner.region for partner in activity.partners})
    return [Bar(region, counts[region], f"partners/#region-{region}") for region in REGIONS if counts[region]]


@dataclass(frozen=True)
class GroupProgress:
    """One task group's row of the plan's chart: its items by outcome, never a bare share."""

    group: TaskGroup
    progress: Progress
    link: str


def group_progress(plan: Plan, checked: PartialDate) -> list[GroupProgress]:
    """Each task group's items by what the sources report of them, as of the records' check."""
    return [GroupProgress(group, group.progress(checked), f"{plan.path}#{group.anchor}") for group in plan.task_groups]
