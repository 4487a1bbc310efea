"""The browser editor's configuration (Decap CMS), generated from the JSON Schemas.

Every field, whether it is required, its allowed values, its form (ids, dates, codes) and its
label and help in both languages come from schemas/, as the validator and the field reference
read them: the form cannot disagree with the validator, and nobody keeps a second copy by hand.
`cms/config.yml` is this configuration as committed (a test regenerates it and fails on drift);
what the CMS is served (`served`) adds what only the data knows: the plan elements to pick from
and where the files are (GitHub in production, the local backend under `make edit`).
"""

from __future__ import annotations

import copy
import os
import re
from pathlib import Path

import yaml

from macros.common import PROJECT, messages
from macros.common.collections import COLLECTIONS, PLAN_ELEMENTS, SOURCE_LONG_TEXTS
from macros.common.interface import labels
from macros.reading import history, schemas
from macros.reading.fieldref import field as described

CONFIG = PROJECT / "cms" / "config.yml"
HEADER = ("# Generated from schemas/*.schema.json by `python -m macros cms-config`: do not edit by hand.\n"
          "# The site serves it at /admin/config.yml with the plan elements and the repository filled in.\n")
PENDING = "pending"
FORMATS = ("id", "date", "country", "url", "review")  # shared definitions whose help says how to write the value
GITHUB = {"name": "github", "repo": "", "branch": "main"}
REPOSITORY_VARIABLES = ("CMS_REPOSITORY", "GITHUB_REPOSITORY")  # the first set names the repository
# GitHub's OWNER/NAME: an owner of letters, digits and inner hyphens; a name of letters, digits, `.`, `_`, `-`,
# never `.` or `..`. Decap pastes it into API addresses, so nothing else may reach it.
REPOSITORY = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/(?!\.{1,2}\Z)[A-Za-z0-9._-]{1,100}")


class NoRepository(Exception):
    """The production editor has no GitHub repository to save into; the message says what to set."""


def configuration() -> dict:
    """The whole configuration, from the schemas alone."""
    return {
        "backend": dict(GITHUB),
        "publish_mode": "editorial_workflow",
        "locale": "vi",
        "media_folder": "media",
        "public_folder": "media",
        "collections": [_collection(name) for name in COLLECTIONS],
    }


def text() -> str:
    """The configuration as committed in cms/config.yml."""
    return HEADER + yaml.safe_dump(configuration(), allow_unicode=True, sort_keys=False, width=1000)


def served(elements: list[tuple[str, str]], backend: dict) -> str:
    """The configuration the CMS loads: the committed one, its element pickers listing `elements`
    ((ref, label) pairs) and its `backend` replaced; the editorial workflow (a pull request per
    change) is GitHub's: the local backend saves into the working tree."""
    config = copy.deepcopy(configuration())
    config["backend"] = backend
    if backend["name"] != GITHUB["name"]:
        config["publish_mode"] = "simple"
    options = [{"label": label, "value": ref} for ref, label in elements]
    for collection in config["collections"]:
        for widget in _walk(collection["fields"]):
            relation = COLLECTIONS[collection["name"]].relation(widget["name"])
            if relation and relation.target == PLAN_ELEMENTS:
                widget["options"] = options
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=1000)


def plan_elements(model) -> list[tuple[str, str]]:
    """(PLAN/ELEMENT, what a picker shows) for every element of every plan of the model."""
    return [(element.ref, f"{(plan.short_title or plan.title).vi} — {element.text.vi} ({element.ref})")
            for plan in model.plans.values() for element in plan.elements()]


def github_backend(root: Path) -> dict:
    """The production backend: the repository from CMS_REPOSITORY, GITHUB_REPOSITORY (set in GitHub
    Actions) or the checkout's `origin`; each change a pull request (publish_mode above).

    Raises NoRepository when there is none or a variable's value is not OWNER/NAME: an editor
    published without its repository would start and fail at every sign-in.
    """
    sign_in = os.environ.get("CMS_AUTH_URL")  # the OAuth provider's address, when not Netlify's (Decap's default)
    return {**GITHUB, "repo": _repository(root), **({"base_url": sign_in} if sign_in else {})}


def _repository(root: Path) -> str:
    for variable in REPOSITORY_VARIABLES:
        value = os.environ.get(variable)
        if value and not REPOSITORY.fullmatch(value):
            raise NoRepository(messages.text("bad_repository", variable=variable, repo=value))
        if value:
            return value
    found = _origin(root)
    if not found:
        raise NoRepository(messages.text("no_repository"))
    return found


def _origin(root: Path) -> str:
    """The project checkout's own `origin` on GitHub, if it has one (a copy, or a machine without git, has none)."""
    found = history.git(root, "remote", "get-url", "origin") if (root / ".git").exists() else None
    match = found and re.fullmatch(r"(?:https://(?:[^@/]+@)?github\.com/|(?:ssh://)?git@github\.com[:/])(.+?)(?:\.git)?/?",
                                   found.stdout.strip())
    return match.group(1) if match and REPOSITORY.fullmatch(match.group(1)) else ""


def _walk(fields: list[dict]):
    """Every field, nested ones included."""
    for widget in fields:
        yield widget
        yield from _walk(widget.get("fields", []))
        if "field" in widget:
            yield from _walk([widget["field"]])


def _collection(name: str) -> dict:
    schema = schemas.raw(COLLECTIONS[name].singular)
    title = COLLECTIONS[name].title_field
    return {
        "name": name,
        "label": _bilingual(schema["title"]),
        "label_singular": _bilingual(schema["title"]),
        "description": _bilingual(schema["description"], " — "),
        "folder": name,
        "extension": "yml",
        "format": "yml",
        "create": True,
        "delete": False,
        "editor": {"preview": False},  # the live preview is the site itself (`make edit` serves it)
        "identifier_field": "id",
        "slug": "{{fields.id}}",
        "summary": f"{{{{{title}.vi}}}} ({{{{id}}}})",
        "fields": _fields(schema, schema, name),
    }


def _fields(schema: dict, document: dict, collection: str) -> list[dict]:
    required = set(schema.get("required", []))
    return [_field(key, sub, key in required, document, collection)
            for key, sub in schema.get("properties", {}).items() if key != "en_reviewed"]


def _field(name: str, schema: dict, required: bool, document: dict, collection: str) -> dict:
    """One form field: its widget from the shape of its schema, its words from the schema's."""
    english, vietnamese = (described(name, schema, required, lang) for lang in ("en", "vi"))
    # without a title of its own, a field is named by its shared definition only if it is one (`date`,
    # `sources`): the period's `start` is not "Date", a person's `name` is not "Plain text"
    titled = "title" in schema or _ref_name(schema) in ("", name)
    titles = (vietnamese.title, english.title) if titled else (name, name)
    widget = {"name": name, "label": _pair(*titles), "required": required}
    if "description" in schema or _ref_name(schema) in FORMATS:  # a text's or a source's general help would repeat
        widget["hint"] = _pair(vietnamese.description, english.description, " — ")
    resolved, document = _resolve(schema, document)
    widget.update(_widget(name, resolved, _ref_name(schema), document, collection, titles))
    if not required and widget["widget"] == "object":
        _optional(widget["fields"])
    return widget


def _optional(fields: list[dict]) -> None:
    """Decap checks an optional object's required fields even when it is left empty: inside one,
    nothing is required in the form; the validator still reports a half-filled one, located."""
    for widget in fields:
        widget["required"] = False
        if widget.get("widget") == "object":
            _optional(widget["fields"])


def _widget(name: str, schema: dict, kind: str, document: dict, collection: str, titles: tuple) -> dict:
    if kind == "text":
        return _localised(name, collection)
    if kind == "texts":
        return {"widget": "list", "summary": "{{fields.vi}}", "fields": _localised(name, collection)["fields"], "min": 1}
    # A field naming other records (the schemas say only "an id"; macros/common/collections.py says which):
    # a picker of that collection's records by name; a plan element (`PLAN/ELEMENT`) is a choice among the
    # elements of every plan, which Decap's relation widget cannot offer (it cannot prefix a nested id).
    relation = COLLECTIONS[collection].relation(name)
    if relation and relation.target == PLAN_ELEMENTS:
        return {"widget": "select", "multiple": True, "options": []}
    if relation and kind in ("id", "refs"):
        return _picker(relation.target, multiple=kind == "refs")
    if "enum" in schema:
        return {"widget": "select", "options": list(schema["enum"])}
    if schema.get("type") == "object":
        return {"widget": "object", "collapsed": False, "fields": _fields(schema, document, collection)}
    if schema.get("type") == "array":
        return _list(name, schema, document, collection, titles)
    if "pattern" in schema and name != "file":
        return {"widget": "string", "pattern": [schema["pattern"], _mismatch(titles, kind, schema)]}
    if name == "file":
        return {"widget": "image", "choose_url": False}
    return {"widget": "string"}


def _list(name: str, schema: dict, document: dict, collection: str, titles: tuple) -> dict:
    items, document = _resolve(schema["items"], document)
    widget = {"widget": "list"}
    if schema.get("minItems"):
        widget["min"] = schema["minItems"]
    if items.get("type") == "object":
        fields = _fields(items, document, collection)
        first = fields[0]["name"]
        widget["summary"] = "{{fields.%s}}" % (f"{first}.vi" if fields[0].get("widget") == "object" else first)
        return {**widget, "collapsed": True, "fields": fields}
    item = _widget(name, items, _ref_name(schema["items"]), document, collection, titles)
    return {**widget, "field": {"name": name, "label": _pair(*titles), **item}}


def _localised(name: str, collection: str) -> dict:
    """A localised text: the Vietnamese and the English side by side (admin.css), and
    "English pending" as an explicit choice that stands for the English (`translation: pending`)."""
    box = "text" if name in COLLECTIONS[collection].long_texts + SOURCE_LONG_TEXTS else "string"
    definition = schemas.definitions()["text"]["properties"]
    return {"widget": "object", "collapsed": False, "fields": [
        {"name": "vi", "label": _bilingual(definition["vi"]["title"]), "widget": box, "required": True},
        {"name": "en", "label": _bilingual(definition["en"]["title"]), "widget": box, "required": False},
        {"name": "translation", "label": _bilingual(definition["translation"]["title"]), "widget": "select",
         "required": False, "hint": _bilingual(definition["translation"]["description"], " — "),
         "options": [{"label": _pair(**labels()["pending_choice"]), "value": PENDING}]},
    ]}


def _picker(collection: str, multiple: bool) -> dict:
    """The existing records of `collection` by name, never a typed id."""
    title = COLLECTIONS[collection].title_field
    return {"widget": "relation", "collection": collection, "value_field": "id", "multiple": multiple,
            "search_fields": [f"{title}.vi", f"{title}.en", "id"],
            "display_fields": [f"{{{{{title}.vi}}}} ({{{{id}}}})"], "options_length": 200}


def _mismatch(titles: tuple, kind: str, schema: dict) -> str:
    """The form's message for a value of the wrong form: the validator's words ("does not have the
    expected form") and the help of the format (a date's, an id's…) in both languages."""
    help = schemas.definitions()[kind]["description"] if kind in FORMATS else schema.get("description", "")
    vietnamese, english = titles
    return (f"{vietnamese}: không đúng định dạng. {schemas.in_language(help, 'vi')} / "
            f"{english}: does not have the expected form. {schemas.in_language(help, 'en')}").replace(".  ", ". ")


def _resolve(schema: dict, document: dict) -> tuple[dict, dict]:
    """`schema` with its `$ref` followed, into the document's own $defs or common.schema.json's,
    and the document its own `$ref`s are then relative to."""
    ref = schema.get("$ref")
    if not ref:
        return schema, document
    if not ref.startswith("#"):
        document = schemas.raw("common")
    target, document = _resolve(document["$defs"][ref.rsplit("/", 1)[-1]], document)
    return {**target, **{key: value for key, value in schema.items() if key != "$ref"}}, document


def _ref_name(schema: dict) -> str:
    return schema.get("$ref", "").rsplit("/", 1)[-1]


def _bilingual(words: str, separator: str = " · ") -> str:
    return _pair(schemas.in_language(words, "vi"), schemas.in_language(words, "en"), separator)


def _pair(vi: str, en: str, separator: str = " · ") -> str:
    """Vietnamese first, then the English when it says something else."""
    vietnamese, english = vi.strip(), en.strip()
    if not english or english == vietnamese:
        return vietnamese
    if not vietnamese:
        return english
    return f"{vietnamese}{separator}{english}"
