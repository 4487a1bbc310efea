"""One verdict everywhere: the two schema validators agree, and whatever `validate` accepts, `build` builds.

Property-based, over the classes of hostile input rather than single examples:
any text in every text field, any date, any control character, any nesting
depth. A refused input is refused by `validate` and `build` with the same
located lines and leaves `site/` untouched; an accepted one builds, and every
file the build writes parses with an independent parser.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import feedparser
import icalendar
import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, Phase, event, example, given, settings
from hypothesis import strategies as st
from test_hostile import CASES, snapshot, write

from macros.common.collections import COLLECTIONS
from macros.model import dataset
from macros.reading import schemas
from macros.reading.load import MAX_DEPTH, MAX_FILE_BYTES, read
from macros.reading.problems import InvalidData

from conftest import BUILD_ENV, REPO, copy_project


HOSTILE_WORDS = ["<script>alert(1)</script>", "{{ 7 * 7 }}", "{% raw %}", "```", "[x](javascript:alert(1))",
                 "=1+1", "+1", "-1", "@SUM(A1)", "**bold**", "&amp;", "&#x3C;", "<!--", "]]>", "\\", '"', "'",
                 "\u202e", "\u200b", " ", "\t", "\n", "\r", "\x0b", "\x85", "\u2028", "\ufeff", "đ", "Đà Nẵng",
                 "e\u0301", "😀", "\U0001d11e", "<", ">", "&", "#", "---", "- ", ": ", "|", ">-", "%", "~", "null", "NO"]
MARKUP_WORDS = [word for word in HOSTILE_WORDS if word.isprintable()]  # what validate lets through, markup and all
any_texts = st.one_of(
    st.sampled_from(HOSTILE_WORDS),
    st.lists(st.sampled_from(HOSTILE_WORDS) | st.text(max_size=6), min_size=1, max_size=6).map("".join),
    st.text(min_size=1, max_size=30),
)
printable_texts = st.lists(st.sampled_from(MARKUP_WORDS) | st.text(st.characters(categories=["L", "M", "N", "P", "S"]),
                                                                   max_size=8), min_size=1, max_size=6).map("".join)
hostile_texts = printable_texts | printable_texts | any_texts  # about half of the builds get through validation
wild_dates = st.builds(
    lambda year, month, day, form: "-".join([f"{year:04d}", f"{month:02d}", f"{day:02d}"][:form]),
    st.integers(0, 9999) | st.integers(1940, 2110), st.integers(0, 13), st.integers(0, 32), st.integers(1, 3),
)
real_dates = st.builds(lambda day, form: day.isoformat()[:(4, 7, 10)[form]],
                       st.dates(datetime.date(1945, 1, 1), datetime.date(2025, 12, 31)), st.integers(0, 2))
dates = real_dates | real_dates | real_dates | wild_dates


def quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar that reads back exactly (escapes for what YAML may not hold raw)."""
    out = []
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif code < 0x20 or 0x7f <= code <= 0xa0 or 0xd800 <= code <= 0xdfff or char in "\u2028\u2029\ufeff" \
                or code in (0xfffe, 0xffff):
            out.append(f"\\u{code:04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def activity(text: str, start: str, source_date: str) -> str:
    t = quoted(text)
    return f"""\
id: zz-hostile
kind: meeting
title: {{vi: {t}, en: {t}}}
start: {quoted(start)}
places:
  - city: {{vi: {t}, en: {t}}}
    country: KR
partners: [zz-body]
leaders:
  - name: {t}
    role: {{vi: {t}, en: {t}}}
summary: {{vi: {t}, en: {t}}}
body: {{vi: {t}, en: {t}}}
sources:
  - publisher: {{vi: {t}, en: {t}}}
    title: {t}
    language: vi
    date: {quoted(source_date)}
    note: {{vi: {t}, en: {t}}}
"""


def partner(text: str) -> str:
    t = quoted(text)
    return f"""\
id: zz-body
name: {{vi: {t}, en: {t}}}
kind: government
country: KR
description: {{vi: {t}, en: {t}}}
areas: [{{vi: {t}, en: {t}}}]
sources:
  - publisher: {{vi: Bộ Nội vụ, en: Ministry of Home Affairs}}
    title: {t}
    language: vi
    date: "2024-01-09"
"""


def command(project: Path, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "macros", "--root", str(project), *arguments],
                          capture_output=True, text=True, env=BUILD_ENV, cwd=project)


def located_lines(output: str) -> list[str]:
    return sorted(line for line in output.splitlines() if line.startswith(tuple(COLLECTIONS)))


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory, built_site) -> Path:
    project = copy_project(tmp_path_factory.mktemp("agree") / "project")
    shutil.copytree(built_site, project / "site")
    return project


@settings(max_examples=16, deadline=None, database=None, phases=[Phase.explicit, Phase.generate],  # builds: no shrinking
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=hostile_texts, start=dates, source_date=dates)
@example(text="<script>alert(1)</script>", start="1945", source_date="2025")  # the newest date known to the year only
@example(text="Hội đàm\tvới «đối tác» 😀", start="2100-12-31", source_date="2024-02-29")
@example(text="\u2028|", start="1997", source_date="1949")  # a separator fonts map but no printer draws (found by CI)
def test_validate_and_build_agree_and_every_output_parses(hostile_project, text, start, source_date):
    write(hostile_project / "activities" / "zz-hostile.yml", activity(text, start, source_date))
    write(hostile_project / "partners" / "zz-body.yml", partner(text))
    before = snapshot(hostile_project / "site")
    validated, built = command(hostile_project, "validate"), command(hostile_project, "build")
    assert "Traceback" not in validated.stderr + built.stderr
    assert validated.returncode == built.returncode, (validated.stderr, built.stderr[-2000:])
    event("refused" if validated.returncode else "accepted and built")
    if validated.returncode:
        assert located_lines(validated.stderr) and located_lines(validated.stderr) == located_lines(built.stderr)
        assert snapshot(hostile_project / "site") == before
        return
    outputs_parse(hostile_project / "site", unicodedata.normalize("NFC", text))


def outputs_parse(site: Path, text: str) -> None:
    """Every file of the build reads with an independent parser, and the text comes back as text."""
    words = " ".join(text.split())
    for lang, root in (("vi", site), ("en", site / "en")):
        page = BeautifulSoup((root / "activities/zz-hostile/index.html").read_text(encoding="utf-8"), "html.parser")
        assert " ".join(page.h1.get_text().split()) == words
        for kind in ("rss", "atom"):
            feed = feedparser.parse((root / f"activities.{kind}.xml").read_bytes())
            assert not feed.bozo, (lang, kind, feed.get("bozo_exception"))
        calendar = icalendar.Calendar.from_ical((root / "activities.ics").read_bytes())
        assert any(str(event["UID"]).startswith(f"activity-zz-hostile-{lang}@") for event in calendar.walk("VEVENT"))
    data = json.loads((site / "data" / "dataset.json").read_text(encoding="utf-8"))
    assert any(record["id"] == "zz-hostile" for record in data["activities"])
    for name in COLLECTIONS:
        for lang in ("vi", "en"):
            rows = list(csv.reader(io.StringIO((site / "data" / f"{name}-{lang}.csv").read_text(encoding="utf-8-sig"))))
            assert len({len(row) for row in rows}) == 1
    for sitemap in site.rglob("sitemap.xml"):
        from xml.etree import ElementTree
        ElementTree.fromstring(sitemap.read_bytes())


# --- the two schema validators ----------------------------------------------------------------------------------

REAL = {name: [read(path, REPO)[0].data for path in paths] for name, paths in dataset.data_files(REPO).items()}


def verdicts(collection: str, data) -> tuple[bool, bool]:
    """(jsonschema-rs says valid, jsonschema finds no error) for one record."""
    name = COLLECTIONS[collection].singular
    return schemas._quick(name).is_valid(data), not any(schemas.validator(name).iter_errors(data))


def test_both_schema_validators_agree_on_every_hostile_case(tmp_path):
    """Every case of the hostile suite that reaches the schemas gets the same verdict from both validators."""
    compared = []
    for case in CASES:
        root = tmp_path / case.name
        write(root / case.file, case.content)
        if case.prepare:
            case.prepare(root)
        collection = case.file.split("/")[0]
        if collection not in COLLECTIONS or not (root / case.file).is_file():
            continue
        document, _ = read(root / case.file, root)
        if document is not None and isinstance(document.data, dict):
            compared.append((case.name, *verdicts(collection, document.data)))
    assert [name for name, quick, careful in compared if quick != careful] == []
    assert {"url-final-newline", "date-final-newline", "javascript-url"} <= {name for name, *_ in compared}


def leaves(value, path=()):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from leaves(item, path + (index,))
    else:
        yield path


def replaced(value, path, new):
    if not path:
        return new
    copy = list(value) if isinstance(value, list) else dict(value)
    copy[path[0]] = replaced(value[path[0]], path[1:], new)
    return copy


@st.composite
def mutated_records(draw):
    collection = draw(st.sampled_from(list(COLLECTIONS)))
    record = draw(st.sampled_from(REAL[collection]))
    path = draw(st.sampled_from(list(leaves(record))))
    new = draw(st.one_of(
        st.text(max_size=20),
        st.sampled_from(["2024-01-15\n", "https://example.org/\n", "\nKR", "KR\n", "kr-mois\n", "2024-13",
                         "media/x.jpg\n", "mailto:x@y\n", "", " ", "ke-hoach-2024/x\n"]),
        st.integers(), st.booleans(), st.none(),
    ))
    return collection, replaced(record, path, new)


@settings(max_examples=400, deadline=None)
@given(mutated_records())
def test_both_schema_validators_agree_on_any_value_in_any_field(mutation):
    collection, record = mutation
    quick, careful = verdicts(collection, record)
    assert quick == careful


# --- classes of input the loader must answer, whatever their size ----------------------------------------

@settings(max_examples=60, deadline=None)
@given(st.characters(codec=None, categories=["Cc"], exclude_characters="\t\n"))
def test_any_escaped_control_character_is_refused_where_it_is(tmp_path_factory, character):
    root = tmp_path_factory.mktemp("control")
    write(root / "partners/zz.yml", f"id: zz\nname:\n  vi: {quoted('a' + character + 'b')}\n")
    document, problems = read(root / "partners/zz.yml", root)
    assert document is None
    assert [(p.line, p.column) for p in problems] == [(3, 7)]
    assert f"U+{ord(character):04X}" in problems[0].message


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 100_000), st.sampled_from([("[", "]"), ("{a: ", "}"), ("- ", "")]))
def test_any_nesting_depth_is_read_or_refused_located(tmp_path_factory, levels, brackets):
    root = tmp_path_factory.mktemp("depth")
    opening, closing = brackets
    layout = "\n  " if opening == "- " else " "
    content = "id: zz\nareas:" + layout + opening * levels + "x" + closing * levels + "\n"
    write(root / "partners/zz.yml", content)
    document, problems = read(root / "partners/zz.yml", root)
    if len(content.encode()) > MAX_FILE_BYTES:
        assert document is None and "over the limit" in problems[0].message
    elif levels + 1 > MAX_DEPTH:  # the record itself is the first level
        assert document is None and "nested more than" in problems[0].message and problems[0].line is not None
    else:
        assert all(problem.line is not None for problem in problems)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(dates)
def test_any_date_loads_or_is_refused_located(tmp_path_factory, date):
    root = tmp_path_factory.mktemp("dates")
    for name in COLLECTIONS:
        shutil.copytree(REPO / name, root / name)
    write(root / "activities/zz-date.yml", activity("Ngày", date, date).replace("zz-body", "kr-mois"))
    try:
        data = dataset.load(root)
    except InvalidData as invalid:
        assert all(problem.line for problem in invalid.problems if problem.file == "activities/zz-date.yml")
        return
    assert 1945 <= data.model.activities["zz-date"].start.year <= 2100
