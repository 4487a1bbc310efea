"""The data itself, for reuse: the whole dataset and each collection as JSON, CSV per language, the schemas.

Every file is made in memory from the checked dataset, so its size is known
when the open-data page is written, and nothing depends on the clock: the
version is a digest of the data files, the date is the newest date in the data.

CSV conventions (stated on the open-data page): UTF-8 with a byte-order mark so
that spreadsheet programs show Vietnamese correctly; one row per record; one
column per top-level field in schema order; a localised text gives the
language's text (the Vietnamese one, marked, while the English is pending);
list entries are joined with " | "; the fields of a nested entry with "; "; a
cell a spreadsheet would read as a formula starts with a single quote (OWASP).
"""

from __future__ import annotations

import csv
import io
import json
import operator
from dataclasses import dataclass
from functools import partial

from macros.common.collections import COLLECTIONS
from macros.common.interface import CHANGES_DATA
from macros.common.latest import Latest
from macros.common.locale import LANGUAGES
from macros.model.dataset import Dataset
from macros.model.figures import key_figures
from macros.model.records import Model
from macros.reading import schemas


FOLDER = "data"
PROGRESS = "plan-progress"  # data/plan-progress.json and its schema
CHANGES_SCHEMA = "changes.schema.json"  # the schema of CHANGES_DATA, data/changes.json
LICENCE = {"name": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
           "url": "https://creativecommons.org/licenses/by/4.0/"}
LIST_SEPARATOR, FIELD_SEPARATOR = " | ", "; "
PENDING_MARK = {"vi": "", "en": "[translation pending] "}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # OWASP "CSV injection": what makes a spreadsheet evaluate a cell


@dataclass(frozen=True)
class Download:
    """One file of the open data: where it goes, what it holds, its bytes."""

    path: str          # below the site root, e.g. "data/partners-en.csv"
    kind: str          # dataset, json, csv, schema
    collection: str    # "" for the whole dataset
    lang: str          # "" when the file holds both languages
    content: bytes

    @property
    def size(self) -> int:
        return len(self.content)


def downloads(data: Dataset) -> list[Download]:
    """Every open-data file, in the order the open-data page lists them.

    Made once per dataset: the build writes them and each language's open-data page lists their sizes.
    """
    return _DOWNLOADS.get(data, partial(_downloads, data))


_DOWNLOADS: Latest[list[Download]] = Latest(operator.is_)  # those of the latest dataset, as dataset.load keeps one


def _downloads(data: Dataset) -> list[Download]:
    files = [Download(f"{FOLDER}/dataset.json", "dataset", "", "", _json(_dataset(data)))]
    for name in COLLECTIONS:
        records = list(data.raw[name].values())
        files.append(Download(f"{FOLDER}/{name}.json", "json", name, "", _json(records)))
        files += [Download(f"{FOLDER}/{name}-{lang}.csv", "csv", name, lang, _csv(name, records, lang))
                  for lang in LANGUAGES]
    for name in COLLECTIONS:
        schema_file = schemas.SCHEMA_DIR / COLLECTIONS[name].schema_file
        files.append(Download(f"{FOLDER}/schemas/{schema_file.name}", "schema", name, "", schema_file.read_bytes()))
    common = schemas.SCHEMA_DIR / "common.schema.json"
    files.append(Download(f"{FOLDER}/schemas/{common.name}", "schema", "", "", common.read_bytes()))
    files.append(Download(f"{FOLDER}/{PROGRESS}.json", "progress", "", "", _json(plan_progress(data.model))))
    progress_schema = schemas.SCHEMA_DIR / f"{PROGRESS}.schema.json"
    files.append(Download(f"{FOLDER}/schemas/{progress_schema.name}", "progress-schema", "", "", progress_schema.read_bytes()))
    files.append(Download(CHANGES_DATA, "changes", "", "", _json(changes(data.model))))
    changes_schema = schemas.SCHEMA_DIR / CHANGES_SCHEMA
    files.append(Download(f"{FOLDER}/schemas/{CHANGES_SCHEMA}", "changes-schema", "", "", changes_schema.read_bytes()))
    return files


def changes(model: Model) -> dict:
    """Every change of every record, newest first, as its record page and the changes page say it, with the values
    before and after (`model.changes`); an empty list marked unknown when the site was built without history."""
    return {"history_known": model.changes is not None, "changes": [{
        "address": change.address,
        "record": f"{change.record.collection}/{change.record.id}" if change.record else None,
        "commit": change.commit,
        "date": change.moment,
        "kind": change.kind,
        **({"moved_from": change.moved_from} if change.moved_from else {}),
        "said": {lang: change.said(lang) for lang in LANGUAGES},
        "differences": [{"what": difference.what, "path": list(difference.path),
                         **{name: value for name, value in (("before", difference.before), ("after", difference.after))
                            if value is not None},
                         "said": difference.said} for difference in change.differences],
    } for change in model.changes or ()]}


def plan_progress(model: Model) -> dict:
    """Every annual plan's items with the outcome the site shows (`PlanElement.outcome`), so that a re-user
    computes the same figures: what a source reported, and where nothing was reported after a deadline."""
    checked = model.checked_on()
    plans = sorted((plan for plan in model.plans.values() if plan.task_groups), key=lambda plan: plan.period[0].sort_key())
    return {
        "as_of": model.as_of().iso(),
        "records_checked": checked.iso(),
        "plans": [{
            "plan": plan.id,
            "period_end": (plan.period[1] or plan.period[0]).iso(),
            "counts": plan.progress(checked).counts,
            "items": [{"id": item.id, "group": item.group.id, "status": item.status, "status_as_of": item.status_as_of.iso(),
                       **({"due": item.due.iso()} if item.due else {}), "deadline": item.deadline.iso(),
                       "outcome": item.outcome(checked)} for item in plan.items()],
        } for plan in plans],
    }


def _dataset(data: Dataset) -> dict:
    return {
        "version": data.version,
        "generated": data.model.as_of().iso(),
        "licence": LICENCE,
        "figures": key_figures(data.model).as_data(),
        "languages": list(LANGUAGES),
        **{name: list(data.raw[name].values()) for name in COLLECTIONS},
    }


def _json(value) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode("utf-8")


def _csv(collection: str, records: list[dict], lang: str) -> bytes:
    columns = list(schemas.raw(COLLECTIONS[collection].singular)["properties"])
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for record in records:
        writer.writerow([_inert(_cell(record.get(column), lang)) for column in columns])
    return "\ufeff".encode("utf-8") + out.getvalue().encode("utf-8")


def _inert(cell: str) -> str:
    """The cell as text a spreadsheet shows, never a formula it runs: a leading quote where one could start."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def _cell(value, lang: str) -> str:
    """One value as spreadsheet text (see the module's docstring for the conventions)."""
    if value is None:
        return ""
    if isinstance(value, dict) and "vi" in value:
        return value[lang] if lang in value else PENDING_MARK[lang] + value["vi"]
    if isinstance(value, list):
        return LIST_SEPARATOR.join(_cell(item, lang) for item in value)
    if isinstance(value, dict):
        return FIELD_SEPARATOR.join(f"{key}: {_cell(item, lang)}" for key, item in value.items())
    return str(value)
