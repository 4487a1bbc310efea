"""What the annual report of one year says, computed from the linked model.

The report states no fact of its own: the programme, the year's annual plan
with every item's status and evidence, the activities that started in the year,
the agreements of the year (`Agreement.of_year`), the key figures of
`macros/model/figures.py` and the charts of `macros/model/charts.py`. Each statement points
to the sources of the record it comes from; the sources are numbered in the
order the report first cites them, and the appendix lists exactly those.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from macros.common.locale import PartialDate
from macros.model import charts
from macros.model.charts import Bar
from macros.model.figures import KeyFigures, YearFigures, key_figures, year_figures
from macros.model.records import Activity, Agreement, Model, Partner, Plan, PlanElement, Source


@dataclass(frozen=True)
class YearReport:
    year: int
    as_of: PartialDate
    checked: PartialDate  # the day editors last checked the records: what has ended is judged against it
    programme: Plan | None
    plans: list[Plan]                           # the annual plans of the year (usually one, or none)
    activities: list[Activity]                  # started in the year, oldest first
    agreements: list[tuple[Partner, Agreement]]  # of the year and signed (or in force, or expired)
    negotiations: list[tuple[Partner, Agreement]]  # of the year and in negotiation
    figures: KeyFigures                         # the whole programme's, as the home page states them
    year_figures: YearFigures
    per_year: list[Bar]
    per_region: list[Bar]                       # the year's activities
    sources: list[Source]                       # every source cited, in the order first cited

    def refs(self, sources: list[Source]) -> list[int]:
        """The numbers of `sources` in the appendix, in order."""
        return sorted({self._numbers[source.identity] for source in sources})

    @cached_property
    def _numbers(self) -> dict[tuple, int]:
        """Each source's number in the appendix, by its identity: asked for by every statement."""
        return {source.identity: number for number, source in enumerate(self.sources, start=1)}


def status_sources(item: PlanElement) -> list[Source]:
    """The plan's sources that report the item's status: those dated on its `status_as_of`, at their precision.

    A source dated "2024-08" reports a status as of 8 August 2024; if no source's
    date matches, every source of the plan is cited rather than none.
    """
    sources = item.plan.sources
    day = item.status_as_of.first_day()
    dated = [source for source in sources if source.date.first_day() <= day <= source.date.last_day()]
    return dated or list(sources)


def year_report(model: Model, year: int) -> YearReport:
    """Everything the report of `year` shows, in the order it shows it."""
    plans = model.annual_plans(year)
    programme = _programme(model, plans, year)
    activities = sorted((activity for activity in model.activities.values() if activity.start.year == year),
                        key=Activity.sort_key)
    of_year = [(partner, agreement) for partner in model.partners.values() for agreement in partner.agreements
               if agreement.of_year(year)]
    of_year.sort(key=lambda pair: ((pair[1].signed or pair[1].state_as_of).sort_key(), pair[1].id))
    agreements = [pair for pair in of_year if pair[1].concluded]
    negotiations = [pair for pair in of_year if pair[1].state == "in-negotiation"]
    cited = []
    if programme:
        cited += _with_decisions(programme)
    for plan in plans:
        cited += _with_decisions(plan)
    for activity in activities:
        cited += activity.sources
    for _, agreement in agreements + negotiations:
        cited += agreement.sources
    return YearReport(
        year=year, as_of=model.as_of(), checked=model.checked_on(), programme=programme, plans=plans, activities=activities,
        agreements=agreements, negotiations=negotiations, figures=key_figures(model),
        year_figures=year_figures(model, year), per_year=charts.activities_per_year(model),
        per_region=charts.activities_per_region(model, year), sources=_each_once(cited),
    )


def _programme(model: Model, plans: list[Plan], year: int) -> Plan | None:
    """The programme the year's plan carries out, else the one whose period includes the year, else the first."""
    implemented = [plan.implements for plan in plans if plan.implements]
    if implemented:
        return implemented[0]
    programmes = sorted((plan for plan in model.plans.values() if plan.kind == "programme"),
                        key=lambda plan: plan.period[0].sort_key())
    covering = [plan for plan in programmes
                if plan.period[0].year <= year <= (plan.period[1] or plan.period[0]).year]
    return (covering or programmes or [None])[0]


def _with_decisions(plan: Plan) -> list[Source]:
    """A plan's sources, then those of the decisions that approve or issue it: what its section cites."""
    return list(plan.sources) + [source for decision in plan.decisions for source in decision.sources]


def _each_once(cited: list[Source]) -> list[Source]:
    """The sources in the order first cited, each article once however many records cite it (and note it)."""
    first: dict[tuple, Source] = {}
    for source in cited:
        first.setdefault(source.identity, source)
    return list(first.values())
