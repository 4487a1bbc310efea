"""Macros that hand-written pages call: directories, timelines, registers, key figures.

mkdocs-macros calls `define_env` once per build. Pages opt in to macros with
`render_macros: true` in their front matter; every macro renders one template
from `templates/lists/` with the data, so data never becomes template source.
"""

from __future__ import annotations

from itertools import groupby
from pathlib import Path

from macros import dataset
from macros.model import Model
from macros.render import PageContext, render


def define_env(env) -> None:
    """Register the list macros with mkdocs-macros."""

    root = Path(env.conf["config_file_path"]).parent

    def model() -> Model:
        return dataset.load(root).model

    def context() -> PageContext:
        page = env.page
        return PageContext(page.file.locale, page.url)

    def show(template: str, **values) -> str:
        return render(f"lists/{template}.html.j2", context(), **values)

    @env.macro
    def partner_directory() -> str:
        """Partners grouped by kind, each with its country, agreements and activities."""
        kinds = ["government", "international-organisation", "mechanism", "company"]
        partners = model().partners.values()
        groups = [(kind, sorted((p for p in partners if p.kind == kind),
                                key=lambda p: (p.country or "", p.id))) for kind in kinds]
        return show("partners", groups=[(kind, members) for kind, members in groups if members])

    @env.macro
    def activity_timeline() -> str:
        """Every activity, grouped by year, newest first."""
        activities = model().activities_newest_first()
        years = [(year, list(items)) for year, items in groupby(activities, key=lambda a: a.start.year)]
        return show("activities", years=years)

    @env.macro
    def decision_register() -> str:
        """The decisions as a table, newest first."""
        decisions = sorted(model().decisions.values(), key=lambda d: d.date_signed.sort_key(), reverse=True)
        return show("decisions", decisions=decisions)

    @env.macro
    def plan_list() -> str:
        """The programme and its annual plans, with their progress."""
        plans = sorted(model().plans.values(), key=lambda p: (p.kind != "programme", p.period[0].sort_key()))
        return show("plans", plans=plans)

    @env.macro
    def key_figures() -> str:
        """Counts computed from the data for the home page."""
        data = model()
        countries = {p.country for p in data.partners.values() if p.country}
        agreements = sum(len(p.agreements) for p in data.partners.values())
        return show("figures", partners=len(data.partners), countries=len(countries), agreements=agreements,
                    activities=len(data.activities))

    @env.macro
    def latest_activities(count: int = 3) -> str:
        """The `count` most recent activities."""
        return show("latest", activities=model().activities_newest_first()[:count])
