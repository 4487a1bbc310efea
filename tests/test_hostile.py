"""Hostile input: every bad file gets a located error from `validate` and `build`, and the site stays as it was.

Each case writes one file (or two) into a copy of the project whose `site/` was built
from the good data, then runs the two commands an editor and CI run.
"""

from __future__ import annotations

import base64
import io
import os
import shutil
import struct
import subprocess
import sys
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PIL import Image

from conftest import BUILD_ENV, FIXTURE, REPO, copy_project, free_port, serving

pytestmark = pytest.mark.slow  # builds, servers or tools of its own (pyproject.toml's markers)


GOOD = """\
id: xx-test
name:
  vi: Cơ quan thử nghiệm
  en: Test agency
kind: government
country: KR
sources:
  - publisher:
      vi: Bộ Nội vụ
      en: Ministry of Home Affairs
    language: vi
    date: "2024-01-09"
"""
FILE = "partners/xx-test.yml"


def good(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new, 1)


ACTIVITY = """\
id: xx-visit
kind: meeting
title:
  vi: Buổi làm việc thử nghiệm
  en: Test meeting
start: "2024-03-05"
places:
  - country: KR
partners: [kr-mois]
summary:
  vi: Tóm tắt thử nghiệm.
  en: Test summary.
sources:
  - publisher:
      vi: Bộ Nội vụ
      en: Ministry of Home Affairs
    language: vi
    date: "2024-03-06"
"""
VISIT = "activities/xx-visit.yml"


def visit(old: str, new: str) -> str:
    assert old in ACTIVITY
    return ACTIVITY.replace(old, new, 1)


def nested(levels: int, opening: str = "[") -> str:
    return good("country: KR", "country: KR\nareas: " + opening * levels)


def link(target: str, name: str = FILE) -> Callable[[Path], None]:
    """A case's set-up: `name` in the project becomes a symbolic link to `target` (relative to the project)."""
    def make(project: Path) -> None:
        path = project / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
        os.symlink(target if target.startswith("/") else project / target, path)
    return make


PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=")
WITH_IMAGE = good("country: KR", "country: KR\nimage:\n  file: media/xx-photo.jpg\n  alt: {vi: Ảnh, en: Photo}")


def jpeg() -> bytes:
    """A real JPEG: a 256×256 grey gradient, so that its first half stops inside the picture's data."""
    out = io.BytesIO()
    Image.linear_gradient("L").save(out, "JPEG")
    return out.getvalue()


JPEG = jpeg()


def claimed_png(width: int, height: int) -> bytes:
    """The 1×1 PNG above, its header claiming `width`×`height` pixels (checksum corrected): a decompression bomb."""
    header = b"IHDR" + struct.pack(">II", width, height) + PNG[24:29]
    return PNG[:12] + header + struct.pack(">I", zlib.crc32(header)) + PNG[33:]


def partner(identifier: str, parent: str) -> str:
    return good("id: xx-test", f"id: {identifier}").replace("country: KR", f"country: KR\nparent: {parent}")


BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + level)}: &{chr(98 + level)} [{', '.join(['*' + chr(97 + level)] * 9)}]\n" for level in range(8))


@dataclass
class Case:
    name: str
    content: str | bytes
    line: int | None
    message: str
    file: str = FILE
    others: dict[str, str | bytes] = field(default_factory=dict)  # further files of the case
    prepare: Callable[[Path], None] | None = None  # links, folders: what files alone cannot say
    where: str = ""  # the name the problem is reported under, when it is not the file's

    def __str__(self) -> str:
        return self.name


CASES = [
    # YAML syntax
    Case("tab", good("  en: Test agency", "\ten: Test agency"), 4, "a tab character is used"),
    Case("bad-indentation", good("  en: Test agency", " en: Test agency"), 4, "the indentation of this line does not match"),
    Case("unclosed-quote", good('date: "2024-01-09"', 'date: "2024-01-09'), 12, "a quoted text is never closed"),
    Case("stray-colon", good("kind: government", "kind: government: yes"), 5, "mapping values are not allowed"),
    Case("duplicate-key", good("kind: government\n", "kind: government\nkind: company\n"), 6, "appears twice"),
    # structure
    Case("empty-file", "", 1, "the file is empty"),
    Case("list-for-mapping", "- id: xx-test\n- kind: company\n", 1, "the file must be a mapping"),
    Case("scalar-for-mapping", "just a sentence\n", 1, "the file must be a mapping"),
    Case("list-for-text", good("  vi: Cơ quan thử nghiệm\n  en: Test agency\n", "  - Cơ quan\n  - Agency\n"), 2,
         "`name` must be a mapping"),
    Case("number-for-date", good('date: "2024-01-09"', "date: 2024"), 12, "must be a text, not a whole number"),
    Case("unknown-field", good("country: KR", "contry: KR"), 6, "did you mean `country`?"),
    Case("missing-field", good("kind: government\n", ""), 1, "the required field `kind` is missing"),
    Case("text-without-vi", good("  vi: Cơ quan thử nghiệm\n", ""), 2, "the required field `vi` is missing"),
    # values
    Case("impossible-date", good('"2024-01-09"', '"2024-02-31"'), 12, "2024-02-31 is not a date that exists"),
    Case("unknown-enum", good("kind: government", "kind: embassy"), 5, "`embassy` is not an allowed value"),
    Case("country-code", good("country: KR", "country: XX"), 6, "`XX` is not an ISO 3166-1 country code"),
    Case("id-not-file-name", good("id: xx-test", "id: xx-other"), 1, "differs from the file name"),
    Case("same-id-twice", GOOD, 1, "is already used by partners/xx-test.yml", file="partners/xx-twin.yml",
         others={"partners/xx-test.yml": GOOD}),
    Case("missing-reference", partner("xx-test", "xx-nobody"), 7, "`xx-nobody` does not exist in partners/"),
    Case("parent-cycle", partner("xx-test", "xx-other"), 7, "form a cycle",
         others={"partners/xx-other.yml": partner("xx-other", "xx-test")}),
    # encoding
    Case("not-utf8", GOOD.replace("Cơ quan thử nghiệm", "Co quan").encode() + "  é\n".encode("latin-1"), 13,
         "the file is not UTF-8"),
    Case("nul-byte", GOOD.encode().replace(b"Test agency", b"Test\x00agency"), 4, "NUL byte"),
    # abuse
    Case("billion-laughs", BOMB, 1, "YAML anchors (&name) are not allowed"),
    Case("oversized", GOOD + "# " + "x" * 300_000 + "\n", None, "over the limit"),
    Case("python-tag", '!!python/object/apply:os.system ["touch pwned"]\n', 1, "is not allowed"),
    Case("javascript-url", good("country: KR", "country: KR\nwebsite: javascript:alert(1)"), 7,
         "does not have the expected form"),
    Case("data-url", good("country: KR", "country: KR\nwebsite: data:text/html,hi"), 7,
         "does not have the expected form"),
    Case("image-outside-media", good("country: KR", "country: KR\nimage:\n  file: media/../../etc/passwd\n"
                                     "  alt: {vi: Ảnh, en: Photo}"), 8, "does not have the expected form"),
    # issue 10, finding 2: nesting, whatever the parser
    Case("nested-100000", nested(100_000), 7, "nested more than 12 levels deep"),
    Case("nested-20000", nested(20_000), 7, "nested more than 12 levels deep"),
    Case("nested-2000-mappings", nested(2_000, "{a: "), 7, "nested more than 12 levels deep"),
    Case("nested-block-lists", good("country: KR", "country: KR\nareas:\n  " + "- " * 5_000 + "x"), 8,
         "nested more than 12 levels deep"),
    # finding 3: escapes that spell what the file itself may not hold
    Case("escaped-vertical-tab", good("  en: Test agency", '  en: "Test\\x0bagency"'), 4,
         "invisible control character (U+000B)"),
    Case("escaped-nul", good("  en: Test agency", '  en: "Test\\u0000agency"'), 4, "control character (U+0000)"),
    Case("escaped-escape", good("  en: Test agency", '  en: "Test\\eagency"'), 4, "control character (U+001B)"),
    Case("escaped-form-feed", good("  en: Test agency", '  en: "Test\\fagency"'), 4, "control character (U+000C)"),
    Case("lone-surrogate", good("  en: Test agency", '  en: "Test\\ud800agency"'), 4, "not a character (U+D800)"),
    Case("activity-year-9999", visit('start: "2024-03-05"', 'start: "9999-12-31"'), 6, "outside the years",
         file=VISIT),
    Case("activity-year-0000", visit('start: "2024-03-05"', 'start: "0000"'), 6, "outside the years", file=VISIT),
    Case("source-far-future", good('date: "2024-01-09"', 'date: "2204-01-09"'), 12, "2204-01-09 is outside the years"),
    Case("source-year-0-month", good('date: "2024-01-09"', 'date: "0000-05"'), 12, "0000-05 is outside the years"),
    Case("source-after-today", good('date: "2024-01-09"', 'date: "2099-01-09"'), 12, "is in the future"),
    # finding 4: what validate itself crashed on
    Case("surrogate-in-key", good("kind: government", '"ki\\udc00nd": government'), 5,
         "not a character (U+DC00)"),
    Case("dangling-link", "", None, "is a symbolic link", prepare=link("partners/nowhere.yml")),
    Case("link-to-folder", "", None, "is a symbolic link", prepare=link("partners")),
    Case("link-to-dev-zero", "", None, "is a symbolic link", prepare=link("/dev/zero")),
    Case("link-to-outside-file", "", None, "is a symbolic link", prepare=link("/etc/hostname")),
    Case("data-folder-linked-outside", GOOD, None, "a link to a place outside the project", where="partners",
         prepare=lambda project: (shutil.move(project / "partners", project.parent / "partners-outside"),
                                  os.symlink(project.parent / "partners-outside", project / "partners"))),
    # finding 5: one verdict from both schema validators
    Case("url-final-newline", good("country: KR", 'country: KR\nwebsite: "https://example.org/\\n"'), 7,
         "`https://example.org/\\n` does not have the expected form"),
    Case("date-final-newline", visit('start: "2024-03-05"', 'start: "2025-01-15\\n"'), 6,
         "does not have the expected form", file=VISIT),
    Case("redirect-final-newline", '"partners/xx-old\\n": partners/kr-mois\n', 1,
         "is not an address of the form", file="redirects.yml"),
    # finding 7: nothing skipped in silence, media by content
    Case("upper-case-extension", GOOD, None, "its extension is not `.yml`", file="partners/xx-test.YAML"),
    Case("upper-case-yml", GOOD, None, "its extension is not `.yml`", file="partners/xx-test.YML"),
    Case("file-in-subfolder", "not: [valid", None, "this folder is not read", file="partners/old/xx-test.yml",
         where="partners/old/"),
    Case("other-file", "notes", None, "is not a data file", file="partners/notes.txt"),
    Case("html-named-jpg", WITH_IMAGE, 8, "does not open as an image",
         others={"media/xx-photo.jpg": b"<html><script>alert(1)</script></html>"}),
    Case("png-named-jpg", WITH_IMAGE, 8, "is named as a JPEG image but holds a PNG image",
         others={"media/xx-photo.jpg": PNG}),
    Case("image-link", WITH_IMAGE, 8, "is a symbolic link", prepare=link("/etc/hostname", "media/xx-photo.jpg")),
    # finding 8: smaller
    Case("title-of-a-space", good("  en: Test agency", '  en: " "'), 4, "has no visible character"),
    Case("title-of-zero-width-space", good("  en: Test agency", '  en: "\\u200b"'), 4, "has no visible character"),
    Case("bidi-override", good("  en: Test agency", '  en: "Test \u202eycnega"'), 4,
         "changes the direction of the text"),
    # the annual report prints with bundled fonts only: what they cannot draw is refused where it is written
    Case("unassigned-code-point", good("  en: Test agency", '  en: "Test \\U00035af4 agency"'), 4,
         "fonts cannot show (U+35AF4)"),
    Case("script-beyond-the-fonts", good("  en: Test agency", "  en: Test agency 인사혁신처"), 4,
         "fonts cannot show (U+C778)"),
    Case("private-use-character", good("  en: Test agency", '  en: "Test \\ue000 agency"'), 4,
         "fonts cannot show (U+E000)"),
    Case("space-in-file-name", GOOD, 1, "rename the file to `xx-test.yml`", file="partners/xx test.yml"),
    Case("merge-key", good("country: KR", "country: KR\n<<: {website: https://example.org}"), 7,
         "`<<` written without quotes has a special meaning"),
    Case("country-no", good("country: KR", "country: NO"), 6, 'write "NO"'),
    Case("second-document", GOOD + "---\n" + GOOD, 13, "a second YAML document"),
    # the second hunt: what the first fixes left open
    Case("five-thousand-digits", good("country: KR", "country: KR\nabbreviation: " + "1" * 5000), 7,
         "cannot be read as a value of type int"),
    Case("bad-hex-number", good("country: KR", "country: KR\nabbreviation: 0x_"), 7, "cannot be read as a value"),
    Case("bool-tag-on-a-word", good("country: KR", "country: KR\nabbreviation: !!bool maybe"), 7,
         "cannot be read as a value of type bool"),
    Case("map-tag-on-a-word", good("country: KR", "country: KR\nabbreviation: !!map x"), 7,
         "the tag !!map is not allowed"),
    Case("str-tag-on-a-mapping", good("name:\n", "name: !!str\n"), 2, "the tag !!str is not allowed"),
    Case("folder-named-like-a-record", "", None, "this is not a regular file", file="partners/xx-dir.yml/keep.txt",
         where="partners/xx-dir.yml"),
    Case("twenty-thousand-mappings-in-a-list", visit("partners: [kr-mois]", "partners: ["
                                                     + ", ".join(f"{{a: {n}}}" for n in range(20_000)) + "]"),
         9, "must be a text, not a mapping", file=VISIT),
    Case("id-index", good("id: xx-test", "id: index"), 1, "the address partners/index/ belongs to another page",
         file="partners/index.yml"),
    Case("activity-id-years", visit("id: xx-visit", "id: years"), 1, "belongs to another page",
         file="activities/years.yml"),
    Case("plane-16-noncharacter", good("  en: Test agency", '  en: "Test \\U0010FFFF"'), 4,
         "not a character (U+10FFFF)"),
    Case("blank-braille", good("  en: Test agency", '  en: "\\u2800"'), 4, "has no visible character"),
    Case("accents-alone", good("  en: Test agency", '  en: "\\u0301\\u0301"'), 4, "has no visible character"),
    Case("line-separator-in-a-comment", GOOD.replace("country: KR\n", "# note\u2028country: KR\n"), 6,
         "invisible line or paragraph separator (U+2028)"),
    Case("next-line-in-a-text", good("  en: Test agency", "  en: Test\x85agency"), 4, "(U+0085)"),
    Case("dot-yml", GOOD, None, "its name starts with a dot", file="partners/.yml"),
    Case("redirects-yaml", "partners/xx-old: partners/kr-mois\n", None, "rename it to `redirects.yml`",
         file="redirects.yaml"),
    Case("country-lower-case", good("country: KR", "country: kr"), 6, "code in capitals"),
    # issue 22: a JPEG cut short keeps its header and passes Pillow's verify(); decoding it fails
    Case("jpeg-cut-short", WITH_IMAGE, 8, "does not open as an image",
         others={"media/xx-photo.jpg": JPEG[:len(JPEG) // 2]}),
    # over Pillow's limit (89 million pixels), under the double that Pillow refuses itself: the validator refuses it
    Case("png-of-144-million-pixels", WITH_IMAGE.replace(".jpg", ".png"), 8, "does not open as an image",
         others={"media/xx-photo.png": claimed_png(12_000, 12_000)}),
]


def write(path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


def snapshot(folder) -> dict:
    return {path.relative_to(folder): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def run(project, *arguments, env: dict | None = None) -> subprocess.CompletedProcess:
    """`python -m macros …` on `project`; a hang (the worst answer to bad input) fails the test after two minutes."""
    return subprocess.run([sys.executable, "-m", "macros", "--root", str(project), *arguments],
                          capture_output=True, text=True, env={**BUILD_ENV, **(env or {})}, cwd=project, timeout=120)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_bad_input_is_located_and_changes_nothing(case, project_copy, built_site):
    site = project_copy / "site"
    shutil.copytree(built_site, site)
    before = snapshot(site)
    for name, content in case.others.items():
        write(project_copy / name, content)
    write(project_copy / case.file, case.content)
    if case.prepare:
        case.prepare(project_copy)
    place = (case.where or case.file) + (f":{case.line}:" if case.line else ":")
    for command in (["validate"], ["build"]):
        result = run(project_copy, *command)
        assert result.returncode == 1, (command, result.stdout)
        assert "Traceback" not in result.stderr
        located = [line for line in result.stderr.splitlines() if place in line]
        assert located and case.message in " ".join(located), (command, result.stderr)
    assert snapshot(site) == before
    assert not (project_copy / "pwned").exists()


def test_a_byte_order_mark_and_decomposed_letters_are_accepted_and_normalised(project_copy):
    decomposed = GOOD.replace("Cơ quan thử nghiệm", "Co\u031b quan thu\u031b\u0309 nghie\u0323\u0302m")
    write(project_copy / FILE, b"\xef\xbb\xbf" + decomposed.encode("utf-8"))
    assert run(project_copy, "validate").returncode == 0
    assert run(project_copy, "build").returncode == 0
    from bs4 import BeautifulSoup

    page = BeautifulSoup((project_copy / "site" / "partners" / "xx-test" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert page.select_one("h1#title").string == "Cơ quan thử nghiệm"


# --- valid data that tries to become markup: it must stay text everywhere it is shown ----------------

# a double-quoted name whose continuation lines, as the file is written, close the guide's code fence and open another
FENCE_BREAK = 'Inert\n```\n\n<script>window.pwned = 1</script><img src=x onerror="window.pwned = 2">\n\n```yaml\nend'
FORMULA = '=HYPERLINK(\\"https://example.org/\\", \\"x\\")'


@pytest.fixture(scope="module")
def hostile_but_valid_site(tmp_path_factory) -> Path:
    """The fixture project with the guide's example partner named to break out of a code block and into a formula."""
    project = copy_project(tmp_path_factory.mktemp("inert") / "project", data=FIXTURE)
    example = project / "partners" / "fr-mtfp.yml"
    text = example.read_text(encoding="utf-8")
    start = text.index("\nname:\n") + 1
    end = text.index("\n", text.index("  en:", start)) + 1
    name = f'name:\n  vi: "{FORMULA}"\n  en: "' + FENCE_BREAK.replace('"', '\\"') + '"\n'
    example.write_text(text[:start] + name + text[end:], encoding="utf-8")
    assert run(project, "validate").returncode == 0
    assert run(project, "build").returncode == 0
    return project / "site"


@pytest.mark.parametrize("guide", ["guide/index.html", "en/guide/index.html"])
def test_a_data_file_shown_in_the_guide_stays_text(hostile_but_valid_site, guide):
    from bs4 import BeautifulSoup

    html = (hostile_but_valid_site / guide).read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert "window.pwned" not in " ".join(script.get_text() for script in soup.find_all("script"))
    assert not soup.find("img", attrs={"onerror": True})
    example = next(block for block in soup.select("div.highlight") if "partners/fr-mtfp.yml" in block.get_text())
    assert '<script>window.pwned = 1</script>' in example.code.get_text()  # shown as it is written, as text


def test_csv_cells_that_would_be_formulas_are_neutralised(hostile_but_valid_site):
    import csv
    import json

    rows = list(csv.DictReader((hostile_but_valid_site / "data" / "partners-vi.csv").read_text("utf-8-sig").splitlines()))
    cell = next(row["name"] for row in rows if row["id"] == "fr-mtfp")
    assert cell == "'" + FORMULA.replace('\\"', '"')
    partners = json.loads((hostile_but_valid_site / "data" / "partners.json").read_text(encoding="utf-8"))
    assert next(p for p in partners if p["id"] == "fr-mtfp")["name"]["vi"] == FORMULA.replace('\\"', '"')


def test_the_policy_of_a_page_comes_from_the_theme_not_from_the_page(hostile_but_valid_site):
    """Pages of the same depth have one policy, whatever they contain; it allows every script the theme writes."""
    import hashlib
    import re

    from macros.pages.csp import inline_scripts

    def allowed(script: str) -> str:  # CSP's hash source (CSP Level 3, "hash-source"), computed here, not by csp.py
        return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"

    policies: dict[int, set[str]] = {}
    for page in hostile_but_valid_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
        depth = len(page.relative_to(hostile_but_valid_site).parts)
        policies.setdefault(depth, set()).add(policy)
        assert all(allowed(script) in policy for script in inline_scripts(html)), page
    assert all(len(found) <= 2 for found in policies.values())  # per depth: pages, and 404 pages (absolute root)


def test_a_script_that_slipped_into_a_page_is_blocked(browser, tmp_path):
    """Should an escaping bug ever let a script into a page, the page's own policy still refuses to run it.

    The bug is made on purpose: the partner template prints the name unescaped, and the name holds a script.
    """
    project = copy_project(tmp_path / "project", data=FIXTURE)
    template = project / "templates" / "records" / "partner.html.j2"
    template.write_text(template.read_text(encoding="utf-8").replace(
        "{{ c.heading(record.name) }}", "{{ c.heading(record.name) }}{{ record.name.en | safe }}"), encoding="utf-8")
    example = project / "partners" / "fr-mtfp.yml"
    text = example.read_text(encoding="utf-8")
    start = text.index("  en:", text.index("\nname:\n"))
    end = text.index("\n", start)
    example.write_text(text[:start] + '  en: "Bug<script>window.pwned = 3</script>"' + text[end:], encoding="utf-8")
    port = free_port()
    assert run(project, "build", env={"SITE_URL": f"http://127.0.0.1:{port}/"}).returncode == 0
    site = project / "site"
    assert "<script>window.pwned = 3</script>" in (site / "en/partners/fr-mtfp/index.html").read_text(encoding="utf-8")
    with serving(site, port) as address:
        page = browser.new_page()
        page.add_init_script("document.addEventListener('securitypolicyviolation',"
                             " e => (window.__csp = window.__csp || []).push(e.violatedDirective))")
        page.goto(address + "en/partners/fr-mtfp/", wait_until="load")
        assert page.evaluate("window.pwned") is None
        assert page.evaluate("window.__csp || []") == ["script-src-elem"]
        assert page.evaluate("typeof __md_get") == "function"  # the theme's own inline script ran
        page.close()


def test_an_interrupted_builds_folders_are_ignored_by_git():
    ignored = subprocess.run(["git", "check-ignore", ".site-x1y2z3/", "site.previous/"], cwd=REPO,
                             capture_output=True, text=True)
    assert ignored.stdout.split() == [".site-x1y2z3/", "site.previous/"]


# --- what must still build: empty and missing folders, long chains, ids that a page also uses -------------------

def test_an_empty_collection_and_a_missing_media_folder_still_build(project_copy):
    for path in (project_copy / "decisions").glob("*.yml"):
        path.unlink()
    shutil.rmtree(project_copy / "media")
    assert run(project_copy, "validate").returncode == 0
    result = run(project_copy, "build")
    assert result.returncode == 0, result.stderr[-2000:]
    guide = (project_copy / "site" / "en" / "guide" / "index.html").read_text(encoding="utf-8")
    assert "has no record to show as an example yet" in guide


def test_no_record_at_all_is_refused(project_copy):
    for name in ("decisions", "plans", "partners", "activities"):
        for path in (project_copy / name).glob("*.yml"):
            path.unlink()
    for command in ("validate", "build"):
        result = run(project_copy, command)
        assert result.returncode == 1 and "there is no record at all" in result.stderr


def test_a_long_chain_of_parents_validates_at_once(project_copy):
    chain = 3_000
    for number in range(chain):
        parent = f"xx-{number + 1}" if number + 1 < chain else "kr-mois"
        write(project_copy / f"partners/xx-{number}.yml", partner(f"xx-{number}", parent))
    assert run(project_copy, "validate").returncode == 0


def test_data_ids_never_take_an_id_of_the_page(project_copy):
    """An agreement called `sources` or a plan task called `title` keep the page's ids unique."""
    from bs4 import BeautifulSoup

    plan = project_copy / "plans" / "ke-hoach-2024.yml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("id: tham-du-accsm-22", "id: title"), encoding="utf-8")
    activity = project_copy / "activities" / "2024-08-accsm-22-brunei.yml"
    activity.write_text(activity.read_text(encoding="utf-8").replace("ke-hoach-2024/tham-du-accsm-22",
                                                                     "ke-hoach-2024/title"), encoding="utf-8")
    french = project_copy / "partners" / "fr-mtfp.yml"
    french.write_text(french.read_text(encoding="utf-8").replace("id: thoa-thuan-cong-vu-hien-dai-hoa-hanh-chinh",
                                                                 "id: sources"), encoding="utf-8")
    assert run(project_copy, "build").returncode == 0
    for page in ("plans/ke-hoach-2024/index.html", "partners/fr-mtfp/index.html"):
        soup = BeautifulSoup((project_copy / "site" / page).read_text(encoding="utf-8"), "html.parser")
        ids = [element["id"] for element in soup.find_all(id=True)]
        assert len(ids) == len(set(ids)), page
    assert BeautifulSoup((project_copy / "site" / "plans/ke-hoach-2024/index.html").read_text(encoding="utf-8"),
                         "html.parser").select_one("h1").get("id") == "title"


def test_empty_redirects_and_partial_end_dates_are_accepted(project_copy):
    (project_copy / "redirects.yml").write_text("# no redirect yet\n", encoding="utf-8")
    write(project_copy / VISIT, visit('start: "2024-03-05"', 'start: "2024-03-05"\nend: "2024-03"'))
    result = run(project_copy, "validate")
    assert result.returncode == 0, result.stderr


def test_a_problem_is_always_one_line():
    from macros.reading.problems import Problem

    problem = Problem("partners/x.yml", 3, 1, "unknown field `websi\u2028te\x85`", "did you mean\n`website`?")
    assert len(str(problem).splitlines()) == 1


def test_the_validator_refuses_exactly_what_a_bundled_font_lacks():
    """Every code point is checked against each font's own character map (fontTools), not the validator's copy."""
    from fontTools.ttLib import TTFont

    from macros.reading.fonts import FONT_DIR, first_undrawable

    maps = []
    for font_file in sorted(FONT_DIR.glob("*.ttf")):
        with TTFont(font_file, lazy=True) as font:
            maps.append(set(font.getBestCmap()))
    assert len(maps) == 3
    wrong = [f"U+{point:04X}" for point in range(0x80, 0x110000) if not 0xD800 <= point <= 0xDFFF
             and (first_undrawable("a" + chr(point)) is None) != all(point in cmap for cmap in maps)]
    assert not wrong, wrong[:10]


def test_a_failed_build_stops_the_search_index_it_started():
    """The default language is indexed while the next one builds: if that build fails, the indexer must not go on
    writing into the folder the failed build abandons."""
    from macros.plugin import RecordPages

    plugin = RecordPages()
    indexer = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, start_new_session=True)  # as search.start_index starts Pagefind
    plugin.indexing = {"vi": indexer}
    plugin.on_build_error(RuntimeError("the English build failed"))
    assert indexer.poll() is not None and plugin.indexing == {}


def test_stopping_an_index_ends_pagefinds_binary_too(tmp_path):
    """npm's `pagefind` runs Pagefind's binary, which holds the output pipes: a preview's rebuild that stopped only
    the first would wait for the second to finish indexing the folder it is replacing."""
    from macros.files import search

    binary = tmp_path / "binary.pid"
    indexer = subprocess.Popen(["sh", "-c", f"sleep 60 & echo $! > {binary}; wait"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, start_new_session=True)
    while not binary.exists() or not binary.read_text().strip():
        time.sleep(0.05)
    stopping = threading.Thread(target=search.stop_index, args=(indexer,), daemon=True)
    stopping.start()
    stopping.join(timeout=20)
    assert not stopping.is_alive(), "stop_index waited for the binary to finish on its own"
    assert ended(binary.read_text().strip())


def ended(pid: str) -> bool:
    """No such process, or one that has ended and waits to be reaped (a zombie)."""
    stat = Path(f"/proc/{pid}/stat")
    return not stat.exists() or stat.read_text().rsplit(")", 1)[1].split()[0] == "Z"


def test_a_whole_jpeg_is_accepted(project_copy):
    """The image that the case `jpeg-cut-short` cuts in half, whole, is valid: decoding refuses only the damage."""
    write(project_copy / "media/xx-photo.jpg", JPEG)
    write(project_copy / FILE, WITH_IMAGE)
    result = run(project_copy, "validate")
    assert result.returncode == 0, result.stderr
