"""Check each document against its collection's JSON Schema, in the editor's words.

The schemas in `schemas/` are the single statement of the structure rules: the
editors' IDE, check-jsonschema and this module all read the same files. This
module only translates jsonschema's errors into located, actionable problems.
"""

from __future__ import annotations

import difflib
import json
from functools import cache

import jsonschema
import jsonschema_rs
import referencing
import referencing.jsonschema
import regress

from macros.common import PROJECT
from macros.common.messages import language, text
from macros.reading.load import Document, describe
from macros.reading.problems import Problem


SCHEMA_DIR = PROJECT / "schemas"

_TYPES = {"null": type(None), "boolean": bool, "integer": int, "number": float,  # bool before int: True is an int
          "string": str, "array": list, "object": dict}


def _type_name(value) -> str:
    for name, kind in _TYPES.items():
        if isinstance(value, kind):
            return text(f"type_{name}")
    return type(value).__name__


@cache
def _registry() -> referencing.Registry:
    resources = [
        (path.name, referencing.Resource.from_contents(
            json.loads(path.read_text(encoding="utf-8")),
            default_specification=referencing.jsonschema.DRAFT202012,
        ))
        for path in sorted(SCHEMA_DIR.glob("*.schema.json"))
    ]
    return referencing.Registry().with_resources(resources)


def definitions() -> dict:
    """The shared definitions (`text`, `date`, `source`…) of common.schema.json."""
    return _registry()["common.schema.json"].contents["$defs"]


def raw(schema_name: str) -> dict:
    """`<schema_name>.schema.json` as written, `$ref`s and all (for documentation)."""
    return _registry()[f"{schema_name}.schema.json"].contents


@cache
def _ecma(pattern: str) -> regress.Regex:
    return regress.Regex(pattern)


def _ecma_pattern(validator, pattern: str, instance, schema):
    """`pattern` as JSON Schema defines it, in ECMA-262's dialect.

    jsonschema uses Python's `re.search`, whose `$` also matches before a final
    newline, so `"2025-01-15\\n"` would pass `^…$` there and fail in jsonschema-rs
    and in editors' IDEs. With an ECMA-262 engine (regress, by jsonschema's
    author) every validator gives the same verdict.
    """
    if validator.is_type(instance, "string") and not _ecma(pattern).find(instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


def _unique_items(validator, unique: bool, instance, schema):
    """`uniqueItems` in one pass: jsonschema compares every pair of items it cannot sort, which a list of
    thousands of mappings turns into minutes. Equality is JSON Schema's: 1 and 1.0 are equal, true and 1 are not."""
    if unique and validator.is_type(instance, "array"):
        keys = [_canonical(item) for item in instance]
        if len(set(keys)) < len(keys):
            yield jsonschema.ValidationError(f"{instance!r} has non-unique elements")


def _canonical(value):
    if isinstance(value, bool) or value is None:
        return ("literal", value)
    if isinstance(value, (int, float)):
        return ("number", int(value) if isinstance(value, float) and value.is_integer() else value)
    if isinstance(value, str):
        return ("string", value)
    if isinstance(value, list):
        return ("array", tuple(_canonical(item) for item in value))
    return ("object", tuple(sorted((key, _canonical(item)) for key, item in value.items())))


_Validator = jsonschema.validators.extend(jsonschema.Draft202012Validator,
                                          {"pattern": _ecma_pattern, "uniqueItems": _unique_items})


@cache
def validator(schema_name: str) -> jsonschema.Draft202012Validator:
    """The validator for `<schema_name>.schema.json`, with every `$ref` replaced by its target.

    Resolving references again for every value of every record was half of the
    validation time; the schemas have no recursive reference, so inlining is exact.
    """
    return _Validator(_inline(raw(schema_name), f"{schema_name}.schema.json"))


def _inline(node, document: str):
    if isinstance(node, list):
        return [_inline(item, document) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" not in node:
        return {key: _inline(value, document) for key, value in node.items() if key != "$schema"}
    target_document, _, pointer = node["$ref"].partition("#")
    target_document = target_document or document
    target = _registry()[target_document].contents
    for part in filter(None, pointer.split("/")):
        target = target[part]
    siblings = {key: _inline(value, document) for key, value in node.items() if key != "$ref"}
    return {**_inline(target, target_document), **siblings}


@cache
def _quick(schema_name: str) -> jsonschema_rs.Validator:
    """The same schema in jsonschema-rs: fifty times quicker to say whether a record is valid."""
    return jsonschema_rs.validator_for(validator(schema_name).schema)


def check(document: Document, schema_name: str) -> list[Problem]:
    """Every structural problem of `document`, located and explained.

    Nearly every record is valid: jsonschema-rs confirms it quickly, and only a
    record it refuses goes through jsonschema, whose errors say where and why.
    """
    if _quick(schema_name).is_valid(document.data):
        return []
    problems: set[Problem] = set()
    for error in validator(schema_name).iter_errors(document.data):
        if error.validator == "additionalProperties":
            problems.update(_unknown_fields(document, error))
        elif error.validator == "oneOf" and not isinstance(error.instance, dict):
            continue  # the "type" error at the same place says it better
        else:
            problems.add(_explain(document, error))
    return sorted(problems)


def _explain(document: Document, error: jsonschema.ValidationError) -> Problem:
    path = tuple(error.absolute_path)
    field = describe(path)
    keyword, value = error.validator, error.instance
    if keyword == "required":
        missing = error.message.split("'")[1]
        message = text("required_in", name=missing, field=field) if path else text("required", name=missing)
        return document.problem(path, message,
                                text("required_hint", name=missing, title=_described(error.schema, missing)).rstrip())
    if keyword == "type":
        expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        wanted = text("or").join(text(f"type_{kind}") for kind in expected)
        word = document.plain_words.get(path)
        hint = _hint(error)
        if word and "string" in expected:
            hint = "; ".join(filter(None, [text("quote_hint", word=word), hint]))
        return document.problem(path, text("wrong_type", field=field, expected=wanted, actual=_type_name(value)), hint)
    if keyword == "enum":
        choices = ", ".join(str(choice) for choice in error.validator_value)
        return document.problem(path, text("not_allowed_value", field=field, value=value),
                                text("allowed_values_hint", choices=choices))
    if keyword == "const":
        return document.problem(path, text("not_constant", field=field, value=value),
                                text("not_constant_hint", expected=error.validator_value))
    if keyword == "pattern":
        return document.problem(path, text("pattern", field=field, value=value), _hint(error))
    if keyword in {"minLength", "minItems"}:
        return document.problem(path, text("empty", field=field), _hint(error) or text("empty_hint"))
    if keyword in {"maxLength", "maxItems"}:
        return document.problem(path, text("too_long", field=field), text("too_long_hint"))
    if keyword == "uniqueItems":
        return document.problem(path, text("repeated", field=field), text("repeated_hint"))
    if keyword == "oneOf":  # only localised texts use oneOf
        return _localised_text(document, path, field, value)
    if keyword == "not":
        return document.problem(path, text("wrong_kind_fields", field=field), text("wrong_kind_fields_hint"))
    if keyword == "dependentRequired":
        needed, given = error.message.split("'")[1::2]  # "'action' is a dependency of 'plan'"
        return document.problem(path, text("dependency", field=field, needed=needed, given=given),
                                text("dependency_hint"))
    return document.problem(path, text("schema_other", field=field, detail=error.message), _hint(error))


def _localised_text(document: Document, path, field: str, value: dict) -> Problem:
    if "en" in value and "translation" in value:
        return document.problem(path, text("english_and_pending", field=field), text("english_and_pending_hint"))
    return document.problem(path, text("no_english", field=field), text("no_english_hint"))


def _unknown_fields(document: Document, error: jsonschema.ValidationError) -> list[Problem]:
    path = tuple(error.absolute_path)
    known = list(error.schema.get("properties", {}))
    problems = []
    for key in (key for key in error.instance if key not in known):
        near = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        hint = text("did_you_mean", name=near[0]) if near else text("allowed_fields_hint", names=", ".join(known))
        problems.append(document.problem(path + (key,), text("unknown_field", name=key), hint))
    return problems


def _hint(error: jsonschema.ValidationError) -> str:
    """The schema's own description of the field, in the run's language, as the fix."""
    return _in_language(error.schema.get("description", ""))


def _described(schema: dict, field: str) -> str:
    sub = schema.get("properties", {}).get(field, {})
    title = _in_language(sub.get("title", ""))
    return f"({title})" if title else ""


def _in_language(bilingual: str) -> str:
    return in_language(bilingual, language())


def in_language(bilingual: str, lang: str) -> str:
    """The `lang` part of a schema title or description, written `English / Tiếng Việt`."""
    english, separator, vietnamese = bilingual.partition(" / ")
    if lang == "en":
        return english.strip()
    if separator and english.count("(") == english.count(")"):
        return vietnamese.strip()
    return bilingual.strip()  # a list of values glossed in Vietnamese, `mou (bản ghi nhớ), …`, serves both
