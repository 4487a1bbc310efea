"""The collections, each declared once: its folder, its schema, the field that names its records, its long texts
and the fields that refer to other records.

Everything that knows a collection reads it here: reading and checking the files, linking the records both ways,
the record pages, the open data, the field reference, the CMS configuration and the `new` command. A record's
class names its collection (`Activity.collection`), so the model's types need no table of their own.

The relations are declared here rather than in the JSON Schemas (as an `x-` keyword): the schemas are published
as open data, byte for byte, and what a relation is linked to in the model (`link`, `back`) is not the data's
business. The CMS configuration, generated from both, is where editors' tools see them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DATA_SUFFIXES = (".yml", ".yaml")  # a record's file in its collection's folder: `ID.yml` (or `.yaml`)
ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # a record's id, as the schema states it; always with fullmatch
PLAN_ELEMENTS = "plan elements"  # what a `PLAN/ELEMENT` reference names: an objective, a task… of a plan
SOURCE_LONG_TEXTS = ("note",)  # a source's note, in every collection: a paragraph, not a line


@dataclass(frozen=True)
class Relation:
    """A field whose values are ids of records of another collection (or `PLAN/ELEMENT` references)."""

    path: tuple[str, ...]  # where the ids are in a record's data (its names are the record's attributes up to the
                           # field, too); `*` stands for each entry of a list
    target: str            # the collection named, or PLAN_ELEMENTS
    ids: str               # the attribute that holds the ids as read, on the record or entry that names them
    link: str              # the attribute that holds the records named there, once linked
    back: str              # the attribute that lists, on each record named, what names it

    @property
    def many(self) -> bool:
        """Whether the field is a list of ids (`partners: [a, b]`), not one (`parent: a`)."""
        return self.path[-1] == "*"

    @property
    def field(self) -> str:
        """The field's own name, as editors and the CMS see it (`partners` of a task, `parent`)."""
        return self.path[-2] if self.many else self.path[-1]

    @property
    def holder(self) -> tuple[str, ...]:
        """The path to what holds the field: `()` for the record, `("task_groups", "*", "items", "*")` for a task."""
        return self.path[:-2] if self.many else self.path[:-1]


@dataclass(frozen=True)
class Collection:
    name: str                     # its folder, its addresses (`/activities/ID/`) and its open-data files
    singular: str                 # its schema (`activity.schema.json`), its page template, the `new` command's kind
    title_field: str              # the localised text that names a record: lists, pickers, summaries
    long_texts: tuple[str, ...]   # texts written as paragraphs (a text box in the editor), besides SOURCE_LONG_TEXTS
    relations: tuple[Relation, ...] = ()

    @property
    def schema_file(self) -> str:
        return f"{self.singular}.schema.json"

    @property
    def page_template(self) -> str:
        return f"records/{self.singular}.html.j2"

    def relation(self, field: str) -> Relation | None:
        """The relation of the field called `field`, at whatever depth of the record, if it is one."""
        return next((relation for relation in self.relations if relation.field == field), None)


COLLECTIONS = {collection.name: collection for collection in (
    Collection("decisions", "decision", "title", ("summary",), (
        Relation(("plan",), "plans", ids="plan_id", link="plan", back="decisions"),
    )),
    Collection("plans", "plan", "title", ("summary", "general_objective", "scope"), (
        Relation(("implements",), "plans", ids="implements_id", link="implements", back="annual_plans"),
        Relation(("task_groups", "*", "items", "*", "partners", "*"), "partners", ids="partner_ids", link="partners",
                 back="plan_items"),
    )),
    Collection("partners", "partner", "name", ("description", "note"), (
        Relation(("parent",), "partners", ids="parent_id", link="parent", back="children"),
    )),
    Collection("activities", "activity", "title", ("summary", "body"), (
        Relation(("partners", "*"), "partners", ids="partner_ids", link="partners", back="activities"),
        Relation(("plan_items", "*"), PLAN_ELEMENTS, ids="plan_item_refs", link="plan_items", back="evidence"),
        Relation(("classified_under", "*"), PLAN_ELEMENTS, ids="classified_refs", link="classified_under",
                 back="related"),
    )),
)}
KINDS = {collection.singular: collection.name for collection in COLLECTIONS.values()}  # activity → activities


def relations() -> list[tuple[Collection, Relation]]:
    """Every relation of every collection, with the collection whose records hold it."""
    return [(collection, relation) for collection in COLLECTIONS.values() for relation in collection.relations]
