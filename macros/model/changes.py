"""What changed in each record, and when, in words a reader understands: from the versions of its file.

Each commit that changed a record's file is compared, value by value, with the
version before it, walking the record's schema beside the data: a field is
named by its schema's title, an entry of a list by its kind and its name, an
enumerated value by the site's own word for it, a date as the pages write it.
"Status of plan item “…”: Planned → Done, per a source dated 8 August 2024";
"Summary: English text revised"; "Agreements: added “…”". A commit that leaves
the data as it was (comments, indentation, quoting) changes nothing a reader
sees, and is not listed.

Nothing here reads the clock or asks git: the versions come from
`reading.history`, and the words from templates/words.yml (`history`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby

from macros.common.collections import COLLECTIONS, DATA_SUFFIXES, PLAN_ELEMENTS, Collection
from macros.common.interface import labels, words
from macros.common.locale import LANGUAGES, PartialDate, Text, country_name
from macros.model.records import Model, Record
from macros.reading import schemas
from macros.reading.history import UNREADABLE, History

AS_OF = "_as_of"  # `status_as_of` dates the source of `status`: said with it, not apart
LABEL_FIELDS = ("title", "name", "text", "publisher")  # what names an entry of a list, the first it has
LABEL_LENGTH = 60  # an entry's name is cut to this many characters: a task's text is a paragraph
KINDS_OF_VALUE = {"id", "plain", "text", "texts", "url", "refs"}  # definitions whose title names no field
SHOWN_LENGTH = 80  # a plain value longer than this is said to have changed, not quoted


@dataclass(frozen=True)
class Difference:
    """One thing a commit changed in a record: what, where, from what to what; and how each language says it."""

    what: str            # added, removed, changed, revised (a text), reordered
    path: tuple          # where, as the data names it: field names, and entries' ids or positions
    before: object = None
    after: object = None
    said: dict[str, str] = field(default_factory=dict)  # language → the sentence


@dataclass(frozen=True)
class Change:
    """One commit's change to one record."""

    address: str          # `partners/kr-mois`: the record's address when the change was made
    record: Record | None = field(repr=False)  # the record today (its page), None when it is gone; its history
                                               # holds this change: not repeated in either's repr
    commit: str
    moment: str           # the committer's date, ISO 8601 with its offset
    kind: str             # created, edited, moved (here from another address), removed
    differences: tuple[Difference, ...] = ()
    moved_from: str | None = None
    opening: dict[str, str] = field(default_factory=dict)  # language → what happened to the record; {} for an edit

    @property
    def day(self) -> PartialDate:
        return PartialDate.parse(self.moment[:10])

    def said(self, lang: str) -> list[str]:
        """What the change did, in `lang`: what happened to the record, then each difference."""
        opening = [self.opening[lang]] if self.opening else []
        return opening + [difference.said[lang] for difference in self.differences]


def record_changes(history: History, model: Model, moved: dict[str, str]) -> list[Change]:
    """Every change of every record's data, newest first; each record's own are also put in its `history`."""
    said = _Words.read()
    comparisons = {name: _Comparison(collection, model, said) for name, collection in COLLECTIONS.items()}
    left: dict[str, object] = {}  # address → its data as the last readable version left it
    changes: list[Change] = []
    for commit, group in groupby(history.versions, key=lambda version: version.commit):
        # a broken version is skipped: the next readable one is compared with the last
        readable = [(address, version) for version in group for address in [_address(version.file)]
                    if address and version.data is not UNREADABLE]
        # removals first: a record moved in this commit is compared with what its old file held
        removed = {address: left.pop(address, None)
                   for address in dict.fromkeys(address for address, version in readable if version.data is None)}
        written = [(address, version) for address, version in readable if version.data is not None]
        written_to = {address for address, _ in written}
        for address in removed:
            if moved.get(address) not in written_to:  # a move is said once, at its new address
                changes.append(Change(address, _record(model, address), commit, readable[0][1].moment, "removed",
                                      opening=said.opening("removed")))
        for address, version in written:
            origin = next((old for old, new in moved.items() if new == address and old in removed), None)
            before = removed[origin] if origin else left.get(address)
            left[address] = version.data
            kind = "moved" if origin else "created" if before is None else "edited"
            differences = () if before is None else tuple(
                comparisons[address.partition("/")[0]].differences(before, version.data))
            if kind != "edited" or differences:  # an edit that changes no value (formatting, comments) is not one
                moved_from = f"/{origin}/" if origin else None
                changes.append(Change(address, _record(model, moved.get(address, address)), commit, version.moment,
                                      kind, differences, moved_from, said.opening(kind, moved_from)))
    changes.reverse()
    for change in changes:
        if change.record is not None:
            change.record.history.append(change)
    return changes


def _address(file: str) -> str | None:
    """`partners/kr-mois` for `partners/kr-mois.yml`; None for any other file of the data folders.

    Plain string work, not a path object's: it is asked for every file of every commit."""
    folder, _, name = file.partition("/")
    stem, dot, suffix = name.rpartition(".")
    if folder not in COLLECTIONS or "/" in name or not stem or f"{dot}{suffix}" not in DATA_SUFFIXES:
        return None
    return f"{folder}/{stem}"


def _record(model: Model, address: str) -> Record | None:
    """The record at `address` today, if there is one: a change made before a move is the moved record's (the
    callers follow redirects.yml), a removal only the address's."""
    collection, _, record_id = address.partition("/")
    return model.collection(collection).get(record_id)


@dataclass(frozen=True)
class _Words:
    """The catalogue's words for changes, read once for a whole history: a thousand commits say thousands of
    sentences, and `words` looks at the catalogue's file each time it is asked."""

    phrases: dict[str, dict[str, str]]  # language → key → sentence with {slots} (words.yml `history`)
    entries: dict[str, dict[str, str]]  # language → list field → what one entry is called (`history_entries`)
    catalogue: dict                     # every table, for the words of enumerated values
    tables: dict = field(default_factory=dict)  # allowed values → the table that names them, once found

    @classmethod
    def read(cls) -> "_Words":
        return cls({lang: words(lang, "history") for lang in LANGUAGES},
                   {lang: words(lang, "history_entries") for lang in LANGUAGES}, labels())

    def say(self, lang: str, key: str, **values) -> str:
        return self.phrases[lang][key].format(**values)

    def opening(self, kind: str, moved_from: str | None = None) -> dict[str, str]:
        """What happened to the record, in each language: created, moved (from where), removed; {} for an edit."""
        return {} if kind == "edited" else {lang: self.say(lang, kind, old=moved_from or "") for lang in LANGUAGES}

    def table(self, allowed: list) -> dict:
        """The words.yml table that names every allowed value and the fewest others (`item_status` for a task's
        status, not a table of outcomes that also names them); {} if none does."""
        key = tuple(map(str, allowed))
        if key not in self.tables:
            fitting = [table for table in self.catalogue.values()
                       if isinstance(table, dict) and set(key) <= table.keys()
                       and all(isinstance(table[name], dict) and set(LANGUAGES) <= table[name].keys() for name in key)]
            self.tables[key] = min(fitting, key=len, default={})
        return self.tables[key]


@dataclass(frozen=True)
class _Place:
    """Where a value is: the title of its field (`Status / Tình trạng`), and the entries of lists on the way."""

    path: tuple = ()
    title: str = ""
    entries: tuple = ()  # (the list's field name, the entry, the length of its path) for each list entry on the way

    def into(self, name: str, title: str) -> "_Place":
        return _Place(self.path + (name,), title, self.entries)

    def entry(self, position, field_name: str, entry) -> "_Place":
        return _Place(self.path + (position,), self.title, self.entries + ((field_name, entry, len(self.path) + 1),))


class _Comparison:
    """Compares two versions of one record's data, with its collection's schema in hand."""

    def __init__(self, collection: Collection, model: Model, said: _Words):
        self.collection, self.model, self.said = collection, model, said
        self.own = schemas.raw(collection.singular)

    def differences(self, before: object, after: object) -> list[Difference]:
        return list(self._compare(before, after, self.own, _Place()))

    def _compare(self, before, after, schema: dict, place: _Place):
        if before == after:
            return
        schema, kind = self.resolved(schema)
        if kind == "text" and isinstance(before, dict) and isinstance(after, dict):
            yield self._difference("revised", place, schema, before, after)
        elif isinstance(before, dict) and isinstance(after, dict) and "properties" in schema:
            yield from self._fields(before, after, schema, place)
        elif isinstance(before, list) and isinstance(after, list):
            yield from self._entries(before, after, schema, place)
        else:
            yield self._difference("changed", place, schema, before, after)

    def _fields(self, before: dict, after: dict, schema: dict, place: _Place):
        properties = schema["properties"]
        for name in [*properties, *sorted({*before, *after} - properties.keys(), key=str)]:
            if place.path == () and name == "id":
                continue  # a record's id is its file's name: a new one is a move, which is said as one
            old, new = before.get(name), after.get(name)
            state = name.removesuffix(AS_OF) if isinstance(name, str) and name.endswith(AS_OF) else None
            if old == new or state in properties and before.get(state) != after.get(state):
                continue  # an `_as_of` is said with its state, when the state changed
            sub = properties.get(name, {})
            inner = place.into(name, self.title(sub))
            if old is None or new is None or f"{name}{AS_OF}" not in after:
                yield from self._compare(old, new, sub, inner)
            else:
                yield self._difference("changed", inner, self.resolved(sub)[0], old, new, as_of=after[f"{name}{AS_OF}"])

    def _entries(self, before: list, after: list, schema: dict, place: _Place):
        """A list: entries matched by id (or by value), the rest paired in order; what is left was added or removed."""
        item = schema.get("items", {})
        field_name = next((step for step in reversed(place.path) if isinstance(step, str)), "")
        keyed = all(isinstance(entry, dict) and isinstance(entry.get("id"), str) for entry in before + after)
        key = (lambda entry: entry["id"]) if keyed else repr
        olds, news = {key(entry): entry for entry in before}, {key(entry): entry for entry in after}
        gone = [entry for entry in before if key(entry) not in news]
        came = [entry for entry in after if key(entry) not in olds]
        pairs = [(olds[name], news[name], name) for name in news if name in olds and olds[name] != news[name]]
        if not keyed and len(gone) == len(came) and all(isinstance(entry, dict) for entry in gone + came):
            pairs += [(old, new, after.index(new)) for old, new in zip(gone, came)]  # entries without id edited
            gone, came = [], []
        found = [difference for old, new, position in pairs
                 for difference in self._compare(old, new, item, place.entry(position, field_name, new))]
        found += [self._difference("added", place, schema, None, entry) for entry in came]
        found += [self._difference("removed", place, schema, entry, None) for entry in gone]
        yield from found or [self._difference("reordered", place, schema, before, after)]

    def resolved(self, schema: dict) -> tuple[dict, str]:
        """The schema with its `$ref`s followed (its own keys kept), and the name of the last definition met.

        A `#/$defs/…` is the collection's own definition, or else one of common.schema.json's, where its own
        definitions refer to each other so.
        """
        kind = ""
        while isinstance(schema.get("$ref"), str):
            kind = schema["$ref"].rsplit("/", 1)[-1]
            local = schema["$ref"].startswith("#") and kind in self.own.get("$defs", {})
            shared = self.own["$defs"] if local else schemas.definitions()
            schema = {**shared.get(kind, {}), **{key: value for key, value in schema.items() if key != "$ref"}}
        return schema, kind

    def title(self, schema: dict) -> str:
        """A field's name: its own title, or its definition's if that names a field rather than a kind of value."""
        resolved, kind = self.resolved(schema)
        return schema.get("title") or ("" if kind in KINDS_OF_VALUE else resolved.get("title", ""))

    def _difference(self, what: str, place: _Place, schema: dict, before, after, as_of: object = None) -> Difference:
        said = {lang: _Sentence(self, lang, place).say(what, schema, before, after, as_of) for lang in LANGUAGES}
        return Difference(what, place.path, before, after, said)


class _Sentence:
    """One difference, said in one language."""

    def __init__(self, comparison: _Comparison, lang: str, place: _Place):
        self.comparison, self.lang, self.place = comparison, lang, place

    def say(self, what: str, schema: dict, before, after, as_of) -> str:
        subject = self.subject()
        if what == "revised":
            return self.phrase("revised_" + _revised(before, after), field=subject)
        if what in ("added", "removed"):
            entry = after if what == "added" else before
            return self.phrase("added" if what == "added" else "removed_entry", field=subject,
                               entry=self.value(entry, schema.get("items", {})) or "")
        if what == "reordered" or self.place.path[-1:] == ("en_reviewed",):
            return self.phrase("reviewed" if what != "reordered" else what, field=subject)
        old, new = self.value(before, schema), self.value(after, schema)
        if before is None or after is None:
            return self.phrase("set" if before is None else "unset", field=subject, value=new or old or "")
        if old is None or new is None:
            return self.phrase("changed", field=subject)
        if as_of is not None:
            return self.phrase("changed_as_of", field=subject, old=old, new=new, as_of=self.date(as_of))
        return self.phrase("changed_value", field=subject, old=old, new=new)

    def phrase(self, key: str, **values) -> str:
        return self.comparison.said.say(self.lang, key, **values)

    def subject(self) -> str:
        """The field's name, and the entry it belongs to: `Status of plan item “…”`, `Areas “…”`."""
        name = schemas.in_language(self.place.title, self.lang)
        if not self.place.entries:
            return name or (str(self.place.path[-1]) if self.place.path else self.phrase("record"))
        field_name, entry, depth = self.place.entries[-1]
        kind = self.comparison.said.entries[self.lang].get(field_name, "")
        named = f"{kind} {self.label(entry)}".strip()
        if depth == len(self.place.path) or not name:  # the entry itself (a text of a list), or its main text
            return f"{name} {self.label(entry)}".strip() if name else named[:1].upper() + named[1:]
        return self.phrase("of", field=name, entry=named)

    def label(self, entry) -> str:
        """What names an entry: its title, name or text (cut short), quoted."""
        if isinstance(entry, dict) and not ({"vi", "en"} & entry.keys()):
            entry = next((entry[name] for name in LABEL_FIELDS if entry.get(name)), None)
        return self.quoted(entry) if isinstance(entry, (str, dict)) else ""

    def value(self, value, schema: dict) -> str | None:
        """A value as a page writes it; None for a long one, which is not quoted."""
        schema, kind = self.comparison.resolved(schema)
        if value is None:
            return None
        if isinstance(value, dict):
            return self.label(value)
        if isinstance(value, list):
            return ", ".join(filter(None, (self.value(entry, schema.get("items", {})) for entry in value)))
        if kind == "date":
            return self.date(value)
        if isinstance(value, bool):
            return self.phrase("yes" if value else "no")
        if kind == "country" and isinstance(value, str):
            return country_name(value, self.lang)
        if isinstance(value, str) and "enum" in schema:
            return self.enumerated(value, schema["enum"])
        named = self.record_named(value) if isinstance(value, str) else None
        text = named or str(value)
        return text if len(text) <= SHOWN_LENGTH else None

    def quoted(self, value) -> str:
        if isinstance(value, dict):
            value = Text(str(value.get("vi", "")), value.get("en")).get(self.lang)
        text = " ".join(str(value).split())
        return "“" + (text if len(text) <= LABEL_LENGTH else text[:LABEL_LENGTH].rsplit(" ", 1)[0] + "…") + "”"

    def date(self, value) -> str:
        try:
            return PartialDate.parse(str(value)).format(self.lang)
        except ValueError:
            return str(value)

    def enumerated(self, value: str, allowed: list) -> str:
        """The site's word for an enumerated value, where words.yml has a table of them."""
        table = self.comparison.said.table(allowed)
        return table[value][self.lang] if value in table else value

    def record_named(self, value: str) -> str | None:
        """The name of the record (or plan element) an id refers to, where the field is a relation."""
        field_name = next((step for step in reversed(self.place.path) if isinstance(step, str)), "")
        relation = self.comparison.collection.relation(field_name)
        if relation is None:
            return None
        model = self.comparison.model
        if relation.target == PLAN_ELEMENTS:
            element = model.element(value)
            return self.quoted(element.text.get(self.lang)) if element else None
        record = model.collection(relation.target).get(value)
        return self.quoted(record.title.get(self.lang)) if record else None


def _revised(before: dict, after: dict) -> str:
    """Which language's text a revision changed: `vi`, `en`, `en_added` (a pending translation written), `both`."""
    if before.get("en") is None and after.get("en") is not None and before.get("vi") == after.get("vi"):
        return "en_added"
    changed = [lang for lang in LANGUAGES if before.get(lang) != after.get(lang)]
    return changed[0] if len(changed) == 1 else "both"
