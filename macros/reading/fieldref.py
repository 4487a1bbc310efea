"""The field reference, read from the JSON Schemas: what each field of each collection means.

The open-data page and the editors' guide print it in both languages, so the
documentation of a field is written once, in its schema, next to its rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from macros.common.collections import COLLECTIONS
from macros.reading import schemas


COMMON = "common"
_TYPES = {"string": "text", "object": "mapping", "array": "list", "integer": "integer", "boolean": "true/false"}


@dataclass(frozen=True)
class Field:
    name: str
    required: bool
    title: str
    description: str
    kind: str  # what the value is: a shared definition's name (`text`, `date`…), a type, or the allowed values


def reference(lang: str) -> list[tuple[str, list[Field]]]:
    """(collection, its top-level fields) for every collection, then the shared definitions."""
    sections = [(name, _fields(schemas.raw(COLLECTIONS[name].singular), lang)) for name in COLLECTIONS]
    sections.append((COMMON, [field(name, schema, False, lang) for name, schema in schemas.definitions().items()]))
    return sections


def _fields(schema: dict, lang: str) -> list[Field]:
    required = set(schema.get("required", []))
    return [field(name, sub, name in required, lang) for name, sub in schema.get("properties", {}).items()]


def field(name: str, schema: dict, required: bool, lang: str) -> Field:
    """A field; what its own schema leaves unsaid comes from the shared definition it refers to."""
    shared = schemas.definitions().get(schema.get("$ref", "").rsplit("/", 1)[-1], {})
    title = schema.get("title") or shared.get("title", "")
    description = schema.get("description") or shared.get("description", "")
    return Field(name, required, schemas.in_language(title, lang), schemas.in_language(description, lang), _kind(schema))


def _kind(schema: dict) -> str:
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "enum" in schema:
        return " | ".join(str(value) for value in schema["enum"])
    if schema.get("type") == "array" and "$ref" in schema.get("items", {}):
        return "list of " + schema["items"]["$ref"].rsplit("/", 1)[-1]
    return _TYPES.get(schema.get("type", ""), schema.get("type", ""))
