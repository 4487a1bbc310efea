"""What the form sends, written as the record's file in the house style, changing only what changed.

Decap CMS writes YAML its own way: it drops comments, reorders keys, quotes and wraps as its library
likes. So the local backend never writes what the form sends: it reads it as data, then applies it to
the file on disk, loaded round-trip (ruamel.yaml), value by value. A value that did not change keeps
its node (its quotes, its folded block, its comment), so opening and saving a record gives the same
bytes, and changing one field changes that field's lines only. New keys go where the form's field
order (the schema's) puts them; new texts are NFC, long ones as folded blocks, paragraphs as literal
blocks, and anything YAML 1.1 would misread (a date, `yes`, `12:30`) in double quotes.
"""

from __future__ import annotations

import io
import re
import unicodedata

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import (DoubleQuotedScalarString, FoldedScalarString, LiteralScalarString,
                                      ScalarString)

from macros.common import messages
from macros.reading.load import MAX_DEPTH

LONG = 80  # characters: a longer text is written as a folded block, one paragraph per line
MACHINE_FIELDS = ("en_reviewed",)  # written by commands (`macros reviewed`), not by the form: kept as they are
_EMPTY = ("", None, [], {})
_DATE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")  # dates are quoted in every data file, "2024-05" too


class Unwritable(ValueError):
    """The form sent something that cannot become a record's file (not a mapping, not YAML)."""


def saved(sent: str, existing: str | None, fields: list[dict]) -> str:
    """The file's new text: the data of `sent` (the form's YAML) applied to `existing` (the file's
    text, None for a new record); `fields` is the collection's form configuration, in schema order."""
    return written(record(sent, fields), existing, fields)


def record(text: str, fields: list[dict]) -> dict:
    """The record a YAML text holds (the form's, or a file's), as the form means it: see `_pruned`."""
    data = _pruned(_read_sent(text), fields)
    if not isinstance(data, dict) or not data:
        raise Unwritable(messages.text("editor_no_record"))
    return data


def written(data: dict, existing: str | None, fields: list[dict]) -> str:
    """The file's new text: `data` (a `record`) applied to `existing`, the file's text (None: a new record)."""
    data = dict(data)
    document = _loaded(existing) if existing else None
    if not isinstance(document, CommentedMap):
        document = CommentedMap()
        document.yaml_set_start_comment(_title_comment(data))
    for name in MACHINE_FIELDS:
        if name in document:
            data[name] = _plain(document[name])
    _merge_mapping(document, data, fields)
    out = io.StringIO()
    _round_trip().dump(document, out)
    text = out.getvalue()
    if yaml.safe_load(text) != data:  # what the validator (PyYAML, YAML 1.1) will read is what the form meant
        raise Unwritable(messages.text("editor_meaning_changed"))
    return text


def _loaded(existing: str):
    """The file's text loaded round-trip (comments, quotes and order kept)."""
    try:
        _refuse_aliases(existing)
        return _round_trip().load(existing)
    except (YAMLError, RecursionError) as error:
        raise Unwritable(messages.text("editor_not_yaml", error=_first_line(error))) from None


def _round_trip() -> YAML:
    """The house style: two spaces, lists indented under their key, no line wrapping."""
    handler = YAML()
    handler.indent(mapping=2, sequence=4, offset=2)
    handler.width = 1_000_000
    handler.preserve_quotes = True
    return handler


def _read_sent(sent: str):
    """The form's YAML as plain data, read as Decap writes it (YAML 1.2: `yes` is a word), with a
    date kept as the text it is (`2022-02-30` included: the validator names what is wrong with it)."""
    reader = YAML(typ="safe", pure=True)
    reader.constructor.add_constructor("tag:yaml.org,2002:timestamp",
                                       lambda constructor, node: constructor.construct_scalar(node))
    try:
        _refuse_aliases(sent)
        data = reader.load(sent)
    except (YAMLError, RecursionError) as error:
        raise Unwritable(messages.text("editor_not_yaml", error=_first_line(error))) from None
    if _depth(data) > MAX_DEPTH:
        raise Unwritable(messages.text("too_deep", limit=MAX_DEPTH))
    return data


def _refuse_aliases(yaml_text: str) -> None:
    """Unwritable if the text refers to an anchor: nine aliases of nine aliases… expand to billions of values
    when loaded. The parser's events are read without loading anything; the validator refuses anchors too."""
    for event in YAML(typ="safe", pure=True).parse(yaml_text):
        if isinstance(event, AliasEvent):
            raise Unwritable(f'{messages.text("alias")} — {messages.text("alias_hint")}')


def _depth(value) -> int:
    """How many mappings and lists are nested in `value` (a record nests six at most; see load.MAX_DEPTH)."""
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    return 0


def _first_line(error: Exception) -> str:
    """ruamel's messages run over several lines, with advice about its own settings: the first says what."""
    lines = [line for line in str(error).splitlines() if line.strip()]
    mark = getattr(error, "problem_mark", None)
    where = f" ({mark.line + 1}:{mark.column + 1})" if mark else ""
    return (lines[0] if lines else type(error).__name__) + where


def _pruned(value, fields: list[dict] | None):
    """`value` without the empty values the form leaves for untouched optional fields; texts in NFC;
    numbers typed into text fields (a year) as text."""
    if isinstance(value, dict):
        by_name = {field["name"]: field for field in fields or []}
        kept = {}
        for key, item in value.items():
            field = by_name.get(key, {})
            item = _pruned(item, _subfields(field))
            if item not in _EMPTY:
                kept[str(key)] = item
        return kept
    if isinstance(value, list):
        return [item for item in (_pruned(item, fields) for item in value) if item not in _EMPTY]
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value).strip() if "\n" not in value else _paragraphs(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)  # every scalar of the schemas is text: "2024" typed as a year
    return value


def _paragraphs(value: str) -> str:
    lines = [line.rstrip() for line in unicodedata.normalize("NFC", value).strip().split("\n")]
    return "\n".join(lines) + "\n"


def _subfields(field: dict) -> list[dict] | None:
    """The fields of an object, or of a list's items."""
    if "fields" in field:
        return field["fields"]
    if "field" in field:
        return _subfields(field["field"])
    return None


def _merge(old, new, fields: list[dict] | None):
    """The node to write for `new`: `old` itself when it means the same."""
    if old is not None and _plain(old) == new:
        return old
    if isinstance(new, dict):
        target = old if isinstance(old, CommentedMap) else CommentedMap()
        _merge_mapping(target, new, fields or [])
        return target
    if isinstance(new, list):
        target = old if isinstance(old, CommentedSeq) else CommentedSeq()
        for index, item in enumerate(new):
            if index < len(target):
                target[index] = _merge(target[index], item, fields)
            else:
                target.append(_merge(None, item, fields))
        del target[len(new):]
        return target
    if isinstance(new, str):
        return _styled(new, old)
    return new


def _merge_mapping(target: CommentedMap, new: dict, fields: list[dict]) -> None:
    """Apply `new` to `target` in place: its keys keep their places, new ones follow the form's order."""
    by_name = {field["name"]: field for field in fields}
    for key in [key for key in target if key not in new]:
        del target[key]
    order = [field["name"] for field in fields] + [key for key in new if key not in by_name]
    for key in sorted(new, key=lambda name: order.index(name) if name in order else len(order)):
        subfields = _subfields(by_name.get(key, {}))
        if key in target:
            merged = _merge(target[key], new[key], subfields)
            if merged is not target[key]:
                target[key] = merged
            continue
        target.insert(_position(target, key, order), key, _merge(None, new[key], subfields))


def _position(target: CommentedMap, key: str, order: list[str]) -> int:
    """Right after the nearest key before `key` in the form's order that the mapping has."""
    before = order[:order.index(key)] if key in order else order
    present = [index for index, name in enumerate(target) if name in before]
    return present[-1] + 1 if present else 0


def _styled(value: str, old) -> ScalarString | str:
    """A changed text written as the house writes it; a folded or literal block stays one."""
    if "\n" in value:
        return LiteralScalarString(value)
    if isinstance(old, (FoldedScalarString, LiteralScalarString)) or len(value) > LONG:
        return FoldedScalarString(value)
    if _DATE.fullmatch(value) or _misread(value):
        return DoubleQuotedScalarString(value)
    return value


def _misread(value: str) -> bool:
    """True when YAML 1.1 (the validator's PyYAML) would not read the bare word back as this text."""
    try:
        return yaml.safe_load(f"key: {value}") != {"key": value}
    except yaml.YAMLError:
        return True


def _plain(node):
    """A round-trip node as plain data, to compare with what the form sent."""
    if isinstance(node, dict):
        return {str(key): _plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_plain(item) for item in node]
    if isinstance(node, ScalarString):
        return str(node)
    return node


def _title_comment(data: dict) -> str:
    """A new file's first line names the record in both languages, as every data file does."""
    title = data.get("name") or data.get("title") or {}
    names = [title.get("vi", ""), title.get("en", "")] if isinstance(title, dict) else [str(title)]
    return " — ".join(name for name in names if name) or str(data.get("id", ""))
