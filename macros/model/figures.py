"""The key figures, each with exactly what it counts and how old it is.

One definition serves the home page, the partners page and the open data, so a
figure never means one thing in one place and another elsewhere:

- bilateral partners: one country's bodies with an agreement or an activity of
  their own (`Partner.tie`); multilateral mechanisms and organisations, and
  bodies seen only at multilateral meetings, are counted apart, and the others
  are named only in a plan or as a parent;
- countries: where the bilateral partners are based;
- agreements and activities by one rule: those since the programme was
  approved count, earlier ones are context (`Agreement.before`: an agreement
  without a signing date counts from its first report); agreements signed,
  in force or expired, those in negotiation apart, and one whose stated term
  has ended with no renewal reported said to be so;
- an annual plan's items by what the sources report of them (`Progress`): reported
  done, reported in progress, planned while their deadline is ahead, and with no
  report since a date once it has passed (unknown, never "not done"); the items
  are those the sources list, and the plan may hold more;
- for one year (the annual report): the activities that started in it (those
  before the programme's approval counted apart), their partners and those
  partners' countries, and the agreements of the year (`Agreement.of_year`:
  signed, within their stated term, or reported that year), those in
  negotiation counted apart.

Every date is the data's own, never the build's clock: the data's date
(`Model.as_of`, the newest date a source reports) and, for what has ended since,
the day editors last checked the records (`Model.checked_on`).
"""

from __future__ import annotations

from dataclasses import dataclass

from macros.common.locale import PartialDate
from macros.model.records import TIES, Model, Plan, Progress


@dataclass(frozen=True)
class PlanFigure:
    plan: Plan
    progress: Progress
    status_date: PartialDate | None
    ended: PartialDate | None  # the period's last day, when the records were checked after it

    def as_data(self) -> dict:
        """The figure as the open data publishes it: each part with the newest date of its reports."""
        return {
            "plan": self.plan.id, "items_counted": self.progress.total,
            "items": {outcome: {"count": count, "latest_report": since.iso()}
                      for outcome, count, since in self.progress.parts()},
            "latest_status_reported": self.status_date.iso() if self.status_date else None,
            "period_ended": self.ended.last_day().isoformat() if self.ended else None,
        }


@dataclass(frozen=True)
class KeyFigures:
    as_of: PartialDate
    checked: PartialDate
    bodies: int
    ties: dict[str, int]  # Partner.tie → bodies, for each of TIES
    countries: int
    signed: int           # since the programme was approved
    signed_undated: int   # of those, signed on a day no source gives: counted from their first report
    signed_before: int    # before it: context
    signed_term_ended: int
    negotiating: int
    agreements_as_of: PartialDate | None
    approved: PartialDate | None
    since_approval: int
    before_approval: int
    plan: PlanFigure | None

    def as_data(self) -> dict:
        """The figures as the open data publishes them, each beside its definition."""
        return {
            "as_of": self.as_of.iso(),
            "records_checked": self.checked.iso(),
            "partners_named": self.bodies,
            "bilateral_partners": self.ties["bilateral"],
            "multilateral_mechanisms_and_organisations": self.ties["multilateral"],
            "bodies_met_only_at_multilateral_meetings": self.ties["participant"],
            "countries_of_bilateral_partners": self.countries,
            "agreements_signed_since_programme_approval": self.signed,
            "agreements_signed_without_a_date_in_the_sources": self.signed_undated,
            "agreements_signed_before_programme_approval": self.signed_before,
            "agreements_signed_whose_stated_term_ended": self.signed_term_ended,
            "agreements_in_negotiation": self.negotiating,
            "programme_approved": self.approved.iso() if self.approved else None,
            "activities_since_programme_approval": self.since_approval,
            "activities_before_programme_approval": self.before_approval,
            "annual_plan": None if self.plan is None else self.plan.as_data(),
            "definitions": DEFINITIONS,
        }


@dataclass(frozen=True)
class YearFigures:
    year: int
    activities: int
    before_approval: int  # of those, the ones before the programme was approved: context
    partners: int         # bodies taking part in those activities
    countries: int        # where those bodies are based
    agreements: int       # signed, in force or expired, and of the year
    negotiating: int      # in negotiation, as reported that year
    plans: list[PlanFigure]  # the annual plans of the year


DEFINITIONS = {
    "bilateral_partners": "one country's bodies with an agreement, or an activity with no multilateral mechanism or "
                          "international organisation among its partners",
    "multilateral_mechanisms_and_organisations": "mechanisms and international organisations with a recorded activity "
                                                 "or agreement",
    "bodies_met_only_at_multilateral_meetings": "one country's bodies whose only recorded activities are multilateral",
    "countries_of_bilateral_partners": "countries where the bilateral partners are based",
    "agreements_signed_since_programme_approval": "agreements signed, in force or expired, signed on or after the day "
                                                  "the programme was approved (without a signing date in the sources: "
                                                  "first reported on or after it); those in negotiation are counted "
                                                  "apart, earlier ones are context, as earlier activities are",
    "activities_since_programme_approval": "activities that started on or after the day the programme was approved",
    "annual_plan": "the latest annual plan's items that the sources list (the plan may hold more), cancelled ones "
                   "aside, by outcome: done or in-progress as a source reported; planned while the item's deadline "
                   "(its due date, else the end of the plan's period) is after records_checked; no-later-report once "
                   "the deadline passed before records_checked with no report after it (unknown, not 'not done'); "
                   "each with the newest date its items' status was reported",
    "as_of": "the data's date: the newest date a source reports (a source's date, or the date a status, state or "
             "legal force is reported as of)",
    "records_checked": "the day editors last checked the records against the sources; whether a deadline or a term "
                       "has passed is judged against it",
    "year_agreements": "agreements signed in the year, within their stated term during it, or whose state a source "
                       "reported in it",
}


def key_figures(model: Model) -> KeyFigures:
    as_of, checked = model.as_of(), model.checked_on()
    agreements = [agreement for partner in model.partners.values() for agreement in partner.agreements]
    approved = model.programme_approved()
    concluded = [agreement for agreement in agreements if agreement.concluded]
    signed = [agreement for agreement in concluded if not agreement.before(approved)]
    bilateral = [partner for partner in model.partners.values() if partner.tie == "bilateral"]
    since = [activity for activity in model.activities.values() if not activity.before_programme]
    return KeyFigures(
        as_of=as_of,
        checked=checked,
        bodies=len(model.partners),
        ties={tie: sum(partner.tie == tie for partner in model.partners.values()) for tie in TIES},
        countries=len({partner.country for partner in bilateral if partner.country}),
        signed=len(signed),
        signed_undated=sum(agreement.signed is None for agreement in signed),
        signed_before=len(concluded) - len(signed),
        signed_term_ended=sum(1 for agreement in concluded if agreement.term_ended(checked)),
        negotiating=sum(1 for agreement in agreements if agreement.state == "in-negotiation"),
        agreements_as_of=max((agreement.state_as_of for agreement in agreements), key=PartialDate.sort_key,
                             default=None),
        approved=approved,
        since_approval=len(since),
        before_approval=len(model.activities) - len(since),
        plan=_plan_figure(model.current_plan(), checked),
    )


def year_figures(model: Model, year: int) -> YearFigures:
    """The figures of one year, for its annual report: each counts exactly what the report lists."""
    activities = [activity for activity in model.activities.values() if activity.start.year == year]
    partners = {partner.id: partner for activity in activities for partner in activity.partners}
    agreements = [agreement for partner in model.partners.values() for agreement in partner.agreements
                  if agreement.of_year(year)]
    return YearFigures(
        year=year,
        activities=len(activities),
        before_approval=sum(activity.before_programme for activity in activities),
        partners=len(partners),
        countries=len({partner.country for partner in partners.values() if partner.country}),
        agreements=sum(agreement.concluded for agreement in agreements),
        negotiating=sum(agreement.state == "in-negotiation" for agreement in agreements),
        plans=[_plan_figure(plan, model.checked_on()) for plan in model.annual_plans(year)],
    )


def _plan_figure(plan: Plan | None, checked: PartialDate) -> PlanFigure | None:
    if plan is None:
        return None
    return PlanFigure(plan, plan.progress(checked), plan.status_date(), plan.ended(checked))
