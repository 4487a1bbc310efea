"""Turn one schema-valid document into its typed record, checking its values.

The schema has already checked shapes and types; what is left for this module
is what a schema cannot say well: a calendar date that exists, an end after its
start, a country code that ISO 3166-1 knows, an id equal to its file name, and
the texts whose English translation is still pending.

A top-level field that a schema adds and no reader here reads is read by its kind alone (`further_fields`):
a plain field needs no code (docs/adding-a-field.md).
"""

from __future__ import annotations

import dataclasses
import datetime
from functools import cache, partial
from pathlib import Path, PurePosixPath

import pycountry

from macros.common.collections import COLLECTIONS, ID
from macros.common.locale import PartialDate, Text
from macros.common.messages import text
from macros.model.records import (PLAN_SECTIONS, RECORDS, Activity, Agreement, Decision, Further, Image, Partner,
                                  Person, Place, Plan, PlanElement, Record, Source, TaskGroup)
from macros.reading import images, schemas
from macros.reading.images import MEDIA_FOLDER
from macros.reading.load import Document, Path_, describe
from macros.reading.problems import Problem


FIRST_YEAR = 1945  # the ministry was founded in 1945: nothing it records happened earlier
LAST_YEAR = 2100   # plans look a few years ahead; a later year is a typo (and beyond what file formats date)
# dates that report what already happened: a source's, a signature's, an "as of"; they cannot lie in the future
REPORTED_DATES = {"date", "date_signed", "signed", "status_as_of", "state_as_of", "legal_force_as_of", "en_reviewed"}
# ids whose page address another page already has: the collection's list, the activities' year pages
RESERVED_IDS = {"*": {"index"}, "activities": {"years"}}
REVIEW_FIELD = "en_reviewed"  # "DATE FINGERPRINT", written by `python -m macros reviewed` (macros/editors/translation.py)


def _latest_report() -> tuple[int, int, int]:
    """Tomorrow in UTC: the latest day anyone anywhere can date a report today.

    The only use of the clock in the project: it can refuse a date, never
    write one, so a file once accepted stays accepted and pages never change.
    """
    tomorrow = datetime.datetime.now(datetime.timezone.utc).date() + datetime.timedelta(days=1)
    return (tomorrow.year, tomorrow.month, tomorrow.day)


class _Reader:
    """Reads values out of one document, collecting located problems on the way."""

    def __init__(self, document: Document, root: Path):
        self.document, self.root = document, root
        self.problems: list[Problem] = []

    def get(self, path: Path_):
        value = self.document.data
        for part in path:
            value = value[part]
        return value

    def optional(self, path: Path_, convert):
        parent, key = self.get(path[:-1]), path[-1]
        return convert(path) if key in parent else None

    def text(self, path: Path_) -> Text:
        value = Text.from_data(self.get(path))
        if value.en is None:
            self.problems.append(self.document.problem(
                path, text("pending", field=describe(path)), text("pending_hint"), pending=True,
            ))
        return value

    def texts(self, path: Path_) -> list[Text]:
        return [self.text(path + (index,)) for index in range(len(self.get(path)))]

    def date(self, path: Path_, raw: str | None = None) -> PartialDate | None:
        """The date at `path` (or `raw`, read there), or None and a problem if no such day exists or it is out of range."""
        raw = raw if raw is not None else self.get(path)
        try:
            date = PartialDate.parse(raw)
        except ValueError:
            self.problems.append(self.document.problem(
                path, text("no_such_date", field=describe(path), date=raw), text("no_such_date_hint"),
            ))
            return None
        if not FIRST_YEAR <= date.year <= LAST_YEAR:
            self.problems.append(self.document.problem(
                path, text("date_out_of_range", field=describe(path), date=raw, first=FIRST_YEAR, last=LAST_YEAR),
                text("date_out_of_range_hint"),
            ))
            return None
        if path[-1] in REPORTED_DATES and date.sort_key() > _latest_report():
            self.problems.append(self.document.problem(
                path, text("date_in_future", field=describe(path), date=raw), text("date_in_future_hint"),
            ))
            return None
        return date

    def period(self, path: Path_) -> tuple[PartialDate, PartialDate | None]:
        start = self.date(path + ("start",))
        end = self.optional(path + ("end",), self.date)
        self.ordered(path + ("end",), start, end)
        return start, end

    def ordered(self, path: Path_, start: PartialDate | None, end: PartialDate | None) -> None:
        """An end that finishes before the start begins; `2024-03` as the end of `2024-03-05` contains it."""
        if start and end and end.last_day() < start.first_day():
            self.problems.append(self.document.problem(
                path, text("end_before_start", end=end.iso(), start=start.iso()), text("end_before_start_hint"),
            ))

    def country(self, path: Path_) -> str:
        code = self.get(path)
        if pycountry.countries.get(alpha_2=code) is None:
            self.problems.append(self.document.problem(
                path, text("unknown_country", code=code), text("unknown_country_hint"),
            ))
        return code

    def countries(self, path: Path_) -> list[str]:
        return [self.country(path + (index,)) for index in range(len(self.get(path)))] if self._has(path) else []

    def image(self, path: Path_) -> Image:
        """An image that is what its name says, inside media/ (the schema already refused `../`)."""
        file = self.get(path + ("file",))
        found = images.problem(self.root, file)
        if found:
            key, values = found
            self.problems.append(self.document.problem(
                path + ("file",), text(key, file=file, folder=MEDIA_FOLDER, **values),
                text(f"{key}_hint", folder=MEDIA_FOLDER, **values),
            ))
        return Image(file, self.text(path + ("alt",)), self.optional(path + ("credit",), self.text))

    def person(self, path: Path_) -> Person:
        return Person(self.get(path + ("name",)), self.text(path + ("role",)))

    def people(self, path: Path_) -> list[Person]:
        return [self.person(path + (index,)) for index in range(len(self.get(path)))] if self._has(path) else []

    def sources(self, path: Path_ = ("sources",)) -> list[Source]:
        return [self._source(path + (index,)) for index in range(len(self.get(path)))]

    def _source(self, path: Path_) -> Source:
        data = self.get(path)
        return Source(
            publisher=self.text(path + ("publisher",)),
            title=data.get("title"),
            language=data["language"],
            date=self.date(path + ("date",)),
            url=data.get("url"),
            note=self.optional(path + ("note",), self.text),
        )

    def plain(self, kind: str, path: Path_):
        """The value at `path` read by its kind alone (see `plain_kind`)."""
        if kind in ("value", "values"):
            return self.get(path)
        return getattr(self, kind)(path)

    def _has(self, path: Path_) -> bool:
        return path[-1] in self.get(path[:-1])


def read_record(collection: str, document: Document, root: Path) -> tuple[Record, list[Problem]]:
    """The typed record of `document` (a file below `root`) and the problems found in its values."""
    reader = _Reader(document, root)
    data = document.data
    stem = PurePosixPath(document.file).stem
    if data["id"] in RESERVED_IDS["*"] | RESERVED_IDS.get(collection, set()):
        reader.problems.append(document.problem(("id",), text("id_reserved", id=data["id"], collection=collection),
                                                text("id_reserved_hint")))
    if data["id"] != stem:
        hint = "id_not_file_name_hint" if ID.fullmatch(stem) else "file_name_not_id_hint"  # `my file` is no id
        reader.problems.append(document.problem(
            ("id",), text("id_not_file_name", id=data["id"], stem=stem), text(hint, id=data["id"], stem=stem),
        ))
    record = _READERS[collection](reader, data)
    record.further = {name: Further(label, kind, reader.optional((name,), partial(reader.plain, kind)))
                      for name, (label, kind) in further_fields(collection).items() if kind}
    if REVIEW_FIELD in data:
        record.reviewed = reader.date((REVIEW_FIELD,), data[REVIEW_FIELD].partition(" ")[0])
    return record, reader.problems


@cache
def further_fields(collection: str) -> dict[str, tuple[Text, str | None]]:
    """(name in both languages, kind) of each top-level field of the collection's schema that no reader below
    reads, nor a relation (macros/common/collections.py): a plain field, read by its kind alone.

    A field of a kind that is not plain (a list of objects, a person, an image) needs code of its own: its kind
    is None, and `unreadable_fields` stops the validation, so that the site never leaves a field out.
    """
    read = {field.name for field in dataclasses.fields(RECORDS[collection])} | set(RECORDS[collection].GROUPED)
    read |= {relation.field for relation in COLLECTIONS[collection].relations} | {REVIEW_FIELD}
    schema = schemas.raw(COLLECTIONS[collection].singular)
    further = {}
    for name, field_schema in schema["properties"].items():
        if name not in read:
            title = field_schema.get("title", name)
            further[name] = (Text(schemas.in_language(title, "vi"), schemas.in_language(title, "en")),
                             plain_kind(field_schema))
    return further


def unreadable_fields() -> list[Problem]:
    """A problem for each field of the schemas that neither code nor its kind reads, located in its schema."""
    return [Problem(f"schemas/{collection.schema_file}", None, None, text("field_not_plain", field=name),
                    text("field_not_plain_hint"))
            for collection in COLLECTIONS.values()
            for name, (_, kind) in further_fields(collection.name).items() if kind is None]


def plain_kind(schema: dict) -> str | None:
    """How a field of this schema is read without code of its own: `text`, `texts`, `date`, `country`, `value` (a
    string or a number, as written) or `values` (a list of them); None if it cannot be (true or false would need
    words of the interface)."""
    shared = schema.get("$ref", "").rsplit("/", 1)[-1]
    if shared in _PLAIN_DEFINITIONS:
        return _PLAIN_DEFINITIONS[shared]
    if schema.get("type") in ("string", "integer", "number") and not shared:
        return "value"
    if schema.get("type") == "array" and plain_kind(schema.get("items", {})) == "value":
        return "values"
    return None


_PLAIN_DEFINITIONS = {"text": "text", "texts": "texts", "date": "date", "country": "country", "id": "value",
                      "plain": "value", "url": "value", "refs": "values"}


def _decision(reader: _Reader, data: dict) -> Decision:
    return Decision(
        id=data["id"], file=reader.document.file, sources=reader.sources(),
        number=data["number"], type=data["type"], date_signed=reader.date(("date_signed",)),
        issuer=reader.text(("issuer",)), signer=reader.person(("signer",)),
        title=reader.text(("title",)), summary=reader.text(("summary",)),
        action=data.get("action"), plan_id=data.get("plan"), legal_force=data.get("legal_force"),
        legal_force_as_of=reader.optional(("legal_force_as_of",), reader.date),
        legal_force_source=reader.optional(("legal_force_source",), reader.text),
    )


def _plan(reader: _Reader, data: dict) -> Plan:
    plan = Plan(
        id=data["id"], file=reader.document.file, sources=reader.sources(),
        kind=data["kind"], title=reader.text(("title",)),
        short_title=reader.optional(("short_title",), reader.text),
        period=reader.period(("period",)), summary=reader.text(("summary",)),
        implements_id=data.get("implements"),
        general_objective=reader.optional(("general_objective",), reader.text),
        scope=reader.optional(("scope",), reader.text),
        exclusions=reader.texts(("exclusions",)) if "exclusions" in data else [],
    )
    for section in PLAN_SECTIONS:
        plan.sections[section] = [
            PlanElement(element["id"], reader.text((section, index, "text")), section, index + 1, plan)
            for index, element in enumerate(data.get(section, []))
        ]
    for number, group in enumerate(data.get("task_groups", []), start=1):
        path = ("task_groups", number - 1)
        task_group = TaskGroup(group["id"], reader.text(path + ("text",)), number, [])
        for index, item in enumerate(group["items"]):
            item_path = path + ("items", index)
            task_group.items.append(PlanElement(
                item["id"], reader.text(item_path + ("text",)), "items", index + 1, plan, task_group,
                status=item["status"], status_as_of=reader.date(item_path + ("status_as_of",)),
                due=reader.optional(item_path + ("due",), reader.date),
                partner_ids=item.get("partners", []),
                countries=reader.countries(item_path + ("countries",)),
            ))
        plan.task_groups.append(task_group)
    return plan


def _partner(reader: _Reader, data: dict) -> Partner:
    return Partner(
        id=data["id"], file=reader.document.file, sources=reader.sources(),
        name=reader.text(("name",)), kind=data["kind"], abbreviation=data.get("abbreviation"),
        country=reader.optional(("country",), reader.country), parent_id=data.get("parent"),
        website=data.get("website"), description=reader.optional(("description",), reader.text),
        image=reader.optional(("image",), reader.image),
        areas=reader.texts(("areas",)) if "areas" in data else [],
        agreements=[_agreement(reader, ("agreements", index)) for index in range(len(data.get("agreements", [])))],
    )


def _agreement(reader: _Reader, path: Path_) -> Agreement:
    data = reader.get(path)
    return Agreement(
        id=data["id"], title=reader.text(path + ("title",)), kind=data["kind"], state=data["state"],
        state_as_of=reader.date(path + ("state_as_of",)), sources=reader.sources(path + ("sources",)),
        signed=reader.optional(path + ("signed",), reader.date),
        place=reader.optional(path + ("place",), reader.text),
        period=reader.optional(path + ("period",), reader.period),
        period_from_name=data.get("period_from_name", False),
        note=reader.optional(path + ("note",), reader.text),
    )


def _activity(reader: _Reader, data: dict) -> Activity:
    start = reader.date(("start",))
    end = reader.optional(("end",), reader.date)
    reader.ordered(("end",), start, end)
    places = [
        Place(reader.country(("places", index, "country")), reader.optional(("places", index, "city"), reader.text))
        for index in range(len(data["places"]))
    ]
    return Activity(
        id=data["id"], file=reader.document.file, sources=reader.sources(),
        kind=data["kind"], title=reader.text(("title",)), start=start, end=end, places=places,
        partner_ids=data["partners"], leaders=reader.people(("leaders",)),
        counterparts=reader.people(("counterparts",)), plan_item_refs=data.get("plan_items", []),
        classified_refs=data.get("classified_under", []),
        summary=reader.text(("summary",)), image=reader.optional(("image",), reader.image),
        body=reader.optional(("body",), reader.text),
    )


_READERS = {"decisions": _decision, "plans": _plan, "partners": _partner, "activities": _activity}
