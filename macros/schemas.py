"""Check each document against its collection's JSON Schema, in the editor's words.

The schemas in `schemas/` are the single statement of the structure rules: the
editors' IDE, check-jsonschema and this module all read the same files. This
module only translates jsonschema's errors into located, actionable problems.
"""

from __future__ import annotations

import difflib
import json
from functools import cache
from pathlib import Path

import jsonschema
import referencing
import referencing.jsonschema

from macros.load import Document, describe
from macros.problems import Problem

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"

_TYPE_NAMES = {
    "string": "a text",
    "object": "a mapping (fields with `name: value`)",
    "array": "a list (lines starting with `- `)",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "nothing",
}


def _type_name(value) -> str:
    for name, kind in (("null", type(None)), ("boolean", bool), ("integer", int), ("number", float),
                       ("string", str), ("array", list), ("object", dict)):
        if isinstance(value, kind):
            return _TYPE_NAMES[name]
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


@cache
def validator(schema_name: str) -> jsonschema.Draft202012Validator:
    """The compiled validator for `<schema_name>.schema.json`."""
    schema = _registry()[f"{schema_name}.schema.json"].contents
    return jsonschema.Draft202012Validator(schema, registry=_registry())


def check(document: Document, schema_name: str) -> list[Problem]:
    """Every structural problem of `document`, located and explained."""
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
        where = f" in {field}" if field != "the record" else ""
        return document.problem(path, f"the required field `{missing}` is missing{where}",
                                f"add `{missing}:` {_described(error.schema, missing)}".rstrip())
    if keyword == "type":
        expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        wanted = " or ".join(_TYPE_NAMES.get(kind, kind) for kind in expected)
        return document.problem(path, f"{field} must be {wanted}, not {_type_name(value)}", _hint(error))
    if keyword == "enum":
        choices = ", ".join(str(choice) for choice in error.validator_value)
        return document.problem(path, f"{field}: `{value}` is not an allowed value", f"use one of: {choices}")
    if keyword == "const":
        return document.problem(path, f"{field}: `{value}` is not allowed", f"write `{error.validator_value}`")
    if keyword == "pattern":
        return document.problem(path, f"{field}: `{value}` does not have the expected form", _hint(error))
    if keyword in {"minLength", "minItems"}:
        return document.problem(path, f"{field} is empty", _hint(error) or "fill it in or remove the field")
    if keyword in {"maxLength", "maxItems"}:
        return document.problem(path, f"{field} is too long", "shorten it")
    if keyword == "uniqueItems":
        return document.problem(path, f"{field} lists the same value twice", "remove the repeated entry")
    if keyword == "oneOf":  # only localised texts use oneOf
        return _localised_text(document, path, field, value)
    if keyword == "not":
        return document.problem(path, f"{field} has fields that do not belong to this kind of record",
                                "a programme has objectives, tasks, areas and solutions; an annual plan has "
                                "`implements` and `task_groups`")
    if keyword == "dependentRequired":
        return document.problem(path, f"{field}: {error.message}", "give `plan` and `action` together")
    return document.problem(path, f"{field}: {error.message}", _hint(error))


def _localised_text(document: Document, path, field: str, value: dict) -> Problem:
    if "en" in value and "translation" in value:
        return document.problem(path, f"{field} has both `en` and `translation: pending`",
                                "remove `translation: pending` now that the English text is there")
    return document.problem(path, f"{field} has no English text",
                            "add `en:` with the English translation, or `translation: pending` if it is not ready")


def _unknown_fields(document: Document, error: jsonschema.ValidationError) -> list[Problem]:
    path = tuple(error.absolute_path)
    known = list(error.schema.get("properties", {}))
    problems = []
    for key in (key for key in error.instance if key not in known):
        near = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        hint = f"did you mean `{near[0]}`?" if near else f"allowed fields here: {', '.join(known)}"
        problems.append(document.problem(path + (key,), f"unknown field `{key}`", hint))
    return problems


def _hint(error: jsonschema.ValidationError) -> str:
    """The schema's own description of the field, English part, as the fix."""
    return _english(error.schema.get("description", ""))


def _described(schema: dict, field: str) -> str:
    sub = schema.get("properties", {}).get(field, {})
    title = _english(sub.get("title", ""))
    return f"({title})" if title else ""


def _english(bilingual: str) -> str:
    """Schema titles and descriptions are written `English / Tiếng Việt`."""
    return bilingual.split(" / ")[0].strip()
