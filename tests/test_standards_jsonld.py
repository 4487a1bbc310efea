"""Every JSON-LD block uses only what schema.org defines on its type, and dates valid ISO 8601.

schema-dts is schema.org's vocabulary as TypeScript types: each block of the built site is
written as `const b: WithContext<Event> = {…}` (the type its @type names) and TypeScript checks
them all (`tsc --noEmit --strict`). An unknown property or type, or a value of the wrong kind,
fails with the page named. (TypeScript reports the first unknown property of each object.)
"""

from __future__ import annotations

import datetime
import json
import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from checkers import NODE_MODULES, SCHEMA_DTS, TSC, installed

from macros.model import dataset

from conftest import REPO

pytestmark = pytest.mark.slow  # builds, servers or tools of its own (pyproject.toml's markers)


MODEL = dataset.load(REPO).model
TS_ERROR = re.compile(r"^checked\.ts\((?P<line>\d+),(?P<column>\d+)\): (?P<message>.*)$", re.MULTILINE)
ISO_DATE = re.compile(r"\A(?P<year>\d{4})(-(?P<month>\d\d)(-(?P<day>\d\d)(T\d\d:\d\d(:\d\d(\.\d+)?)?"
                      r"(Z|[+-]\d\d:\d\d)?)?)?)?\Z")
# schema.org properties whose values are a Date or DateTime (or, for temporalCoverage, an ISO 8601 interval).
DATE_PROPERTIES = {"startDate", "endDate", "legislationDate", "datePublished", "dateModified", "dateCreated",
                   "foundingDate", "dissolutionDate", "temporalCoverage"}


def json_ld_blocks(site: Path) -> list[tuple[str, dict]]:
    """(page, block) for every JSON-LD script of the built site."""
    blocks = []
    for page in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for script in soup.select('script[type="application/ld+json"]'):
            blocks.append((page.relative_to(site).as_posix(), json.loads(script.string)))
    return blocks


def typescript(blocks: list[tuple[str, dict]]) -> tuple[str, dict[int, str]]:
    """The TypeScript source that types each block by its @type, and the page of each of its lines."""
    lines, pages = ['import type * as schema from "schema-dts";'], {}
    for number, (page, block) in enumerate(blocks):
        pages[len(lines) + 1] = page
        lines.append(f"export const block{number}: schema.WithContext<schema.{block.get('@type', 'Thing')}> = "
                     f"{json.dumps(block, ensure_ascii=False)};")
    return "\n".join(lines) + "\n", pages


def test_json_ld_uses_only_what_schema_org_defines(built_site, tmp_path):
    installed(SCHEMA_DTS)
    source, pages = typescript(json_ld_blocks(built_site))
    assert pages, "no JSON-LD block was found"
    (tmp_path / "checked.ts").write_text(source, encoding="utf-8")
    (tmp_path / "node_modules").symlink_to(NODE_MODULES)  # where TypeScript looks for schema-dts
    result = subprocess.run([str(installed(TSC)), "--noEmit", "--strict", "checked.ts"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=300)
    errors = [f"{pages.get(int(error['line']), 'checked.ts')} (column {error['column']}): {error['message']}"
              for error in TS_ERROR.finditer(result.stdout)]
    assert result.returncode == 0 and not errors, \
        f"{len(errors)} error(s) in {len(pages)} JSON-LD blocks:\n" + "\n".join(errors or [result.stdout + result.stderr])


def dates_in(value, path: str = ""):
    """(property path, text) of every date property in a JSON-LD value."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in DATE_PROPERTIES:
                yield f"{path}{key}", item
            else:
                yield from dates_in(item, f"{path}{key}.")
    elif isinstance(value, list):
        for item in value:
            yield from dates_in(item, path)


def date_problem(text) -> str | None:
    """Why `text` is not an ISO 8601 date (year, month, day or date-time), or None."""
    match = ISO_DATE.match(text) if isinstance(text, str) else None
    if not match:
        return "not ISO 8601"
    try:
        datetime.date(int(match["year"]), int(match["month"] or 1), int(match["day"] or 1))
    except ValueError:
        return "no such day"
    return None


def test_json_ld_dates_are_iso_8601_at_the_precision_the_data_has(built_site):
    problems = []
    for page, block in json_ld_blocks(built_site):
        for name, text in dates_in(block):
            parts = text.split("/") if name.endswith("temporalCoverage") else [text]
            problems += [f"{page}: {name} {text!r}: {date_problem(part)}" for part in parts if date_problem(part)]
        if block.get("@type") == "Event":  # a schema.org Date is a day: a date known to the month is left out
            activity = MODEL.activities[Path(page).parent.name]
            for name, date in (("startDate", activity.start), ("endDate", activity.end or activity.start)):
                expected = date.iso() if date.precision == "day" else None
                if block.get(name) != expected:
                    problems.append(f"{page}: {name} {block.get(name)!r}, not {expected!r} ({date.precision})")
    assert not problems, "\n".join(problems)
