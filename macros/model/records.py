"""Typed records with their cross-links resolved and back-references computed.

Records state each link once (an activity names the plan items it served);
the reverse view (a plan item's evidence, a partner's activities) is computed
here, once per build, so the data never holds two copies that could disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from macros.common.collections import COLLECTIONS, PLAN_ELEMENTS, Relation
from macros.common.locale import PartialDate, Text, country_name
from macros.model.regions import region_of


PLAN_SECTIONS = ("objectives", "tasks", "priority_areas", "solutions")
PARTNER_KINDS = ("government", "international-organisation", "mechanism", "company")


@dataclass(frozen=True)
class Source:
    publisher: Text
    title: str | None
    language: str
    date: PartialDate
    url: str | None = None
    note: Text | None = None

    @property
    def identity(self) -> tuple:
        """What makes two citations one source: the same article, whatever each record notes about it."""
        return (self.publisher, self.title, self.language, self.date, self.url)


@dataclass(frozen=True)
class Person:
    name: str
    role: Text


@dataclass(frozen=True)
class Image:
    file: str  # below the project root, always inside media/
    alt: Text
    credit: Text | None = None


@dataclass(frozen=True)
class Place:
    country: str
    city: Text | None = None


@dataclass(frozen=True)
class Further:
    """A field its schema declares and no code of the model reads (macros/model/values.py reads it by its kind):
    its name in both languages, from the schema's title, and its value as the kind gives it."""

    label: Text
    kind: str  # text, texts, date, country, value (a string or number as written) or values (a list of them)
    value: Text | PartialDate | list | str | int | float | None  # None: the record leaves it out

    def parts(self, lang: str) -> list[Text | str]:
        """The value as what a page or a report writes in `lang`: texts (each in its language) and strings."""
        values = self.value if self.kind in ("texts", "values") else [self.value]
        if self.kind == "date":
            return [self.value.format(lang)]
        if self.kind == "country":
            return [country_name(self.value, lang)]
        return [value if isinstance(value, Text) else str(value) for value in values]


@dataclass(eq=False)
class Record:
    """Common to every record: its id, the file it came from, its sources, its further fields."""

    id: str
    file: str
    sources: list[Source]
    reviewed: PartialDate | None = None  # the day an editor last checked the record (its `en_reviewed` marker)
    changed: PartialDate | None = None   # the day its data last changed (git), else its newest stated date
    history: list = field(default_factory=list, repr=False)  # its changes (model.changes.Change), newest first; [] if unknown
    further: dict[str, Further] = field(default_factory=dict)  # by field name, in the schema's order

    collection = ""  # set by each subclass: its name in macros/common/collections.py
    GROUPED = ()  # fields of the data read into an attribute of another name (a plan's sections)

    def newest_date(self) -> PartialDate:
        """The newest date the record states about itself: its sources' and its review's."""
        dates = [source.date for source in self.sources] + ([self.reviewed] if self.reviewed else [])
        return max(dates, key=PartialDate.sort_key)

    @property
    def path(self) -> str:
        """URL path below the language root, e.g. `partners/kr-mois/`."""
        return f"{self.collection}/{self.id}/"


@dataclass(eq=False)
class Agreement:
    id: str
    title: Text
    kind: str
    state: str
    state_as_of: PartialDate
    sources: list[Source]
    signed: PartialDate | None = None
    place: Text | None = None
    period: tuple[PartialDate, PartialDate | None] | None = None
    period_from_name: bool = False  # no source states the term: it is read from the agreement's name
    note: Text | None = None

    @property
    def anchor(self) -> str:
        """Its id on its partner's page: prefixed, so that no data id can take one of the page's own."""
        return f"agreement-{self.id}"

    @property
    def concluded(self) -> bool:
        """Signed, whether or not in force: what "agreements signed" counts."""
        return self.state in ("signed", "in-force", "expired")

    def of_year(self, year: int) -> bool:
        """Signed in `year`, within its stated term during `year`, or with a state a source reported in `year`.

        What an annual report counts as the year's agreements. Partial dates
        count for their whole month or year: signed "2022-03" was signed in
        2022, a term "2022"–"2025" covers 2022 to 2025; a term is not counted
        before the agreement was signed.
        """
        signed_in = self.signed is not None and self.signed.year == year
        in_term = (self.concluded and self.period is not None and self.period[0].first_day().year <= year
                   and (self.period[1] is None or self.period[1].last_day().year >= year)
                   and (self.signed is None or self.signed.year <= year))
        return signed_in or in_term or self.state_as_of.year == year

    def before(self, approved: PartialDate | None) -> bool:
        """Signed before the programme was approved: context, as earlier activities are. Without a signing date,
        the first report of it counts: erex's memorandum, reported signed on 9 January 2024, is of the programme."""
        known = self.signed or self.state_as_of
        return approved is not None and known.last_day() < approved.first_day()

    def term_ended(self, as_of: PartialDate) -> PartialDate | None:
        """The end of the stated term, if it passed before `as_of` while the state still says signed or in force.

        No source reports a renewal: the agreement's one status is then that its term ended, with the
        latest report beside it, never "in force" next to "ended".
        """
        end = self.period[1] if self.period else None
        if self.state in ("signed", "in-force") and end and end.last_day() < as_of.first_day() \
                and self.state_as_of.last_day() <= end.last_day():
            return end
        return None


@dataclass(eq=False)
class Partner(Record):
    name: Text = None
    kind: str = ""
    abbreviation: str | None = None
    country: str | None = None
    parent_id: str | None = None
    website: str | None = None
    description: Text | None = None
    image: Image | None = None
    areas: list[Text] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    # computed by Model.link
    parent: Partner | None = None
    children: list[Partner] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    plan_items: list[PlanElement] = field(default_factory=list)

    collection = "partners"

    @property
    def title(self) -> Text:
        return self.name

    @property
    def region(self) -> str:
        return region_of(self.country)

    @property
    def tie(self) -> str | None:
        """How the data shows the body cooperating, the way a reader would count it (TIES), or None: only named.

        A mechanism or organisation is multilateral; a body with an agreement or an activity of its own (one
        with no mechanism or organisation among its partners) is a bilateral partner; a body seen only at
        multilateral meetings (a deputy ambassador speaking at ACCSM+3) is a participant, not a partner.
        """
        if not (self.activities or self.agreements):
            return None
        if self.kind in MULTILATERAL_KINDS:
            return "multilateral"
        if self.agreements or any(not activity.multilateral for activity in self.activities):
            return "bilateral"
        return "participant"


@dataclass(eq=False)
class PlanElement:
    """An objective, task, area, solution or annual-plan item: something to point at."""

    HOLDERS = ("plan", "group")  # the attributes that lead up to what holds it (its plan, its task group)

    id: str
    text: Text
    section: str  # one of PLAN_SECTIONS, or "items"
    number: int
    plan: Plan = None
    group: TaskGroup | None = None
    status: str | None = None
    status_as_of: PartialDate | None = None
    due: PartialDate | None = None
    partner_ids: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)  # countries its text names, where it names no partner body
    # computed by Model.link
    partners: list[Partner] = field(default_factory=list)
    evidence: list[Activity] = field(default_factory=list)
    related: list[Activity] = field(default_factory=list)  # activities the editors classify under it

    @property
    def ref(self) -> str:
        return f"{self.plan.id}/{self.id}"

    @property
    def deadline(self) -> PartialDate:
        """When the item was to be carried out by: its due date, else the end of its plan's period."""
        return self.due or self.plan.period[1] or self.plan.period[0]

    def outcome(self, checked: PartialDate) -> str:
        """What the sources let a reader say of the item, as of the day the records were checked.

        Done and cancelled are what a source reported. Planned and in progress stay so while the item's
        deadline is ahead; once it has passed and the latest report predates it, the outcome is unknown:
        NO_LATER_REPORT ("no report since …"), never "not done".
        """
        if self.status in ("done", "cancelled"):
            return self.status
        overdue = self.deadline.last_day() < checked.first_day()
        if overdue and self.status_as_of.last_day() <= self.deadline.last_day():
            return NO_LATER_REPORT
        return self.status

    @property
    def anchor(self) -> str:
        """Its id on its plan's page: prefixed, so that no data id can take one of the page's own (`sources`…)."""
        return f"item-{self.id}"


@dataclass(eq=False)
class TaskGroup:
    id: str
    text: Text
    number: int
    items: list[PlanElement]

    def progress(self, checked: PartialDate) -> Progress:
        return Progress.of(self.items, checked)

    @property
    def anchor(self) -> str:
        return f"group-{self.id}"


@dataclass(eq=False)
class Plan(Record):
    kind: str = ""
    title: Text = None
    short_title: Text | None = None
    period: tuple[PartialDate, PartialDate | None] = None
    summary: Text = None
    implements_id: str | None = None
    general_objective: Text | None = None
    scope: Text | None = None
    exclusions: list[Text] = field(default_factory=list)
    sections: dict[str, list[PlanElement]] = field(default_factory=dict)
    task_groups: list[TaskGroup] = field(default_factory=list)
    # computed by Model.link
    implements: Plan | None = None
    annual_plans: list[Plan] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)

    collection = "plans"
    GROUPED = PLAN_SECTIONS  # read into `sections`

    def elements(self) -> list[PlanElement]:
        """Every element another record may point at."""
        return [element for section in self.sections.values() for element in section] + self.items()

    def items(self) -> list[PlanElement]:
        return [item for group in self.task_groups for item in group.items]

    def progress(self, checked: PartialDate) -> Progress:
        return Progress.of(self.items(), checked)

    def status_date(self) -> PartialDate | None:
        """The newest date of the sources that report its items' statuses."""
        return max((item.status_as_of for item in self.items()), key=PartialDate.sort_key, default=None)

    def ended(self, as_of: PartialDate) -> PartialDate | None:
        """The last day of the plan's period, if the data reaches past it; else None (the period is current)."""
        end = self.period[1] or self.period[0]
        return end if end.last_day() < as_of.first_day() else None

    def years_without_annual_plan(self) -> list[int]:
        """The years of a programme's period for which the data holds no annual plan (the sources name none)."""
        end = self.period[1] or self.period[0]
        planned = {annual.period[0].year for annual in self.annual_plans}
        return [year for year in range(self.period[0].year, end.year + 1) if year not in planned]

    @property
    def approved(self) -> PartialDate | None:
        """The day the decision approving or issuing the plan was signed."""
        return min((decision.date_signed for decision in self.decisions), key=PartialDate.sort_key, default=None)


@dataclass(eq=False)
class Decision(Record):
    number: str = ""
    type: str = ""
    date_signed: PartialDate = None
    issuer: Text = None
    signer: Person = None
    title: Text = None
    summary: Text = None
    action: str | None = None
    plan_id: str | None = None
    legal_force: str | None = None
    legal_force_as_of: PartialDate | None = None
    legal_force_source: Text | None = None
    # computed by Model.link
    plan: Plan | None = None

    collection = "decisions"


@dataclass(eq=False)
class Activity(Record):
    kind: str = ""
    title: Text = None
    start: PartialDate = None
    end: PartialDate | None = None
    places: list[Place] = field(default_factory=list)
    partner_ids: list[str] = field(default_factory=list)
    leaders: list[Person] = field(default_factory=list)
    counterparts: list[Person] = field(default_factory=list)
    plan_item_refs: list[str] = field(default_factory=list)
    classified_refs: list[str] = field(default_factory=list)
    summary: Text = None
    image: Image | None = None
    body: Text | None = None
    # computed by Model.link
    partners: list[Partner] = field(default_factory=list)
    before_programme: bool = False  # started before the programme was approved: context, not one of its results
    plan_items: list[PlanElement] = field(default_factory=list)    # what its sources say it carried out
    classified_under: list[PlanElement] = field(default_factory=list)  # the editors' classification, not the sources'

    collection = "activities"

    def sort_key(self) -> tuple:
        return (self.start.sort_key(), self.id)

    @property
    def multilateral(self) -> bool:
        """Held within a mechanism or with an international organisation among its partners."""
        return any(partner.kind in MULTILATERAL_KINDS for partner in self.partners)


MULTILATERAL_KINDS = ("mechanism", "international-organisation")  # partner kinds that are not one country's body
TIES = ("bilateral", "multilateral", "participant")  # Partner.tie, in the order the figures give them
NO_LATER_REPORT = "no-later-report"  # an item's outcome once its deadline passed with no report after it
OUTCOMES = ("done", "in-progress", "suspended", "planned", NO_LATER_REPORT)  # in the order a progress figure shows them


@dataclass(frozen=True)
class Progress:
    """A plan's (or a task group's) items by what the sources report of them, as of the records' check.

    Never a bare share: an item nobody reported on after its deadline is counted as unknown
    (NO_LATER_REPORT, with the date of its latest report), not as not done. Cancelled items leave the count.
    """

    counts: dict[str, int]              # outcome → items, for every outcome of OUTCOMES
    since: dict[str, PartialDate]       # outcome → the newest report date among its items (those it has)
    total: int

    @classmethod
    def of(cls, items: list[PlanElement], checked: PartialDate) -> Progress:
        outcomes: dict[str, list[PlanElement]] = {outcome: [] for outcome in OUTCOMES}
        for item in items:  # each item's outcome once; a cancelled one belongs to no part
            outcomes.get(item.outcome(checked), []).append(item)
        return cls(counts={outcome: len(found) for outcome, found in outcomes.items()},
                   since={outcome: max((item.status_as_of for item in found), key=PartialDate.sort_key)
                          for outcome, found in outcomes.items() if found},
                   total=sum(map(len, outcomes.values())))

    @property
    def done(self) -> int:
        return self.counts["done"]

    def parts(self) -> list[tuple[str, int, PartialDate]]:
        """(outcome, items, newest report date) for each outcome that has items, in OUTCOMES' order."""
        return [(outcome, self.counts[outcome], self.since[outcome]) for outcome in OUTCOMES if self.counts[outcome]]


RECORDS: dict[str, type[Record]] = {kind.collection: kind for kind in (Decision, Plan, Partner, Activity)}


@dataclass
class Model:
    """Every record by collection and id, linked both ways."""

    decisions: dict[str, Decision] = field(default_factory=dict)
    plans: dict[str, Plan] = field(default_factory=dict)
    partners: dict[str, Partner] = field(default_factory=dict)
    activities: dict[str, Activity] = field(default_factory=dict)
    changes: list | None = None  # every record's changes, newest first (model.changes); None: no history to tell

    def collection(self, name: str) -> dict[str, Record]:
        return getattr(self, name)

    def records(self) -> list[Record]:
        return [record for name in COLLECTIONS for record in self.collection(name).values()]

    def element(self, ref: str) -> PlanElement | None:
        plan_id, _, element_id = ref.partition("/")
        plan = self.plans.get(plan_id)
        if plan is None:
            return None
        return next((element for element in plan.elements() if element.id == element_id), None)

    def as_of(self) -> PartialDate:
        """The data's date, the one every page, feed, download and report gives: the newest date a source
        reports (a source's own date, or the date a status, state or legal force is reported as of).

        Never the clock, and never the day editors checked the records (`checked_on`): a review stamp
        says nothing new about the world.
        """
        dates = [source.date for record in self.records() for source in record.sources]
        dates += [item.status_as_of for plan in self.plans.values() for item in plan.items()]
        dates += [agreement.state_as_of for partner in self.partners.values() for agreement in partner.agreements]
        dates += [decision.legal_force_as_of for decision in self.decisions.values() if decision.legal_force_as_of]
        return max(dates, key=PartialDate.sort_key)

    def checked_on(self) -> PartialDate:
        """The day editors last checked the records against the sources (their review stamps), else the data's date.

        Whether a plan's period, a task's due date or an agreement's term has passed is judged against
        this day: by then the sources had reported nothing later, which is what the pages then say.
        """
        reviews = [record.reviewed for record in self.records() if record.reviewed]
        return max([self.as_of(), *reviews], key=PartialDate.sort_key)

    def programme_approved(self) -> PartialDate | None:
        """The day the programme was approved: before it, activities are context, not its results."""
        approved = [plan.approved for plan in self.plans.values() if plan.kind == "programme" and plan.approved]
        return min(approved, key=PartialDate.sort_key, default=None)

    def images(self) -> list[Image]:
        return [record.image for record in self.records() if getattr(record, "image", None)]

    def current_plan(self) -> Plan | None:
        """The annual plan of the latest year: the one whose progress the home page shows."""
        annual = [plan for plan in self.plans.values() if plan.kind == "annual-plan"]
        return max(annual, key=lambda plan: plan.period[0].sort_key(), default=None)

    def annual_plans(self, year: int) -> list[Plan]:
        """The annual plans whose period starts in `year`."""
        return [plan for plan in self.plans.values() if plan.kind == "annual-plan" and plan.period[0].year == year]

    def report_years(self) -> list[int]:
        """Every year with an annual plan or an activity: the years that have an annual report."""
        years = {activity.start.year for activity in self.activities.values()}
        years |= {plan.period[0].year for plan in self.plans.values() if plan.kind == "annual-plan"}
        return sorted(years)

    def countries(self) -> list[str]:
        return sorted({partner.country for partner in self.partners.values() if partner.country})

    def activities_newest_first(self) -> list[Activity]:
        return sorted(self.activities.values(), key=Activity.sort_key, reverse=True)

    def link(self) -> None:
        """Resolve every relation of macros/common/collections.py (each id already checked to exist) and compute
        the reverse views; then what the links decide (an activity before the programme).

        Activities are linked newest first, so that a partner or a plan element lists its latest activity first.
        """
        for collection in COLLECTIONS.values():
            records = self._linking_order(collection.name)
            for relation in collection.relations:
                for holder, _ in (found for record in records for found in entries(record, relation.holder)):
                    targets = [self.target(relation.target, one) for one in named_ids(holder, relation)]
                    setattr(holder, relation.link, targets if relation.many else next(iter(targets), None))
                    for target in targets:
                        getattr(target, relation.back).append(holder)
        approved = self.programme_approved()
        for activity in self.activities.values():
            activity.before_programme = approved is not None and activity.start.last_day() < approved.first_day()
        for plan in self.plans.values():
            plan.annual_plans.sort(key=lambda annual: annual.period[0])

    def _linking_order(self, name: str) -> list[Record]:
        return self.activities_newest_first() if name == "activities" else list(self.collection(name).values())

    def target(self, collection: str, name: str) -> Record | PlanElement | None:
        """The record `name` of `collection`, or the plan element `PLAN/ELEMENT` it names; None if there is none."""
        return self.element(name) if collection == PLAN_ELEMENTS else self.collection(collection).get(name)


def named_ids(holder, relation: Relation) -> list[str]:
    """The ids `relation` names on `holder` (the record, or its entry the relation is held by), as read."""
    named = getattr(holder, relation.ids)  # a list of ids; or one id, or None
    return named if relation.many else [named] if named else []


def entries(record: Record, path: tuple[str, ...]) -> list[tuple[object, tuple]]:
    """What `path` leads to in a record (`*`: each entry of a list), each with its path in the record's data: `()`
    gives the record itself, `("task_groups", "*", "items", "*")` each task with `("task_groups", 0, "items", 2)`."""
    found = [(record, ())]
    for part in path:
        if part == "*":
            found = [(entry, where + (index,)) for holder, where in found for index, entry in enumerate(holder)]
        else:
            found = [(getattr(holder, part), where + (part,)) for holder, where in found]
    return found
