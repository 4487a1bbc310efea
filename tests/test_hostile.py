"""Hostile input: every bad file gets a located error from `validate` and `build`, and the site stays as it was.

Each case writes one file (or two) into a copy of the project whose `site/` was built
from the good data, then runs the two commands an editor and CI run.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass, field

import pytest

from conftest import BUILD_ENV

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
    others: dict[str, str] = field(default_factory=dict)  # further files of the case

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
]


def write(path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


def snapshot(folder) -> dict:
    return {path.relative_to(folder): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def run(project, *arguments) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "macros", "--root", str(project), *arguments],
                          capture_output=True, text=True, env=BUILD_ENV, cwd=project)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_bad_input_is_located_and_changes_nothing(case, project_copy, built_site):
    site = project_copy / "site"
    shutil.copytree(built_site, site)
    before = snapshot(site)
    for name, content in case.others.items():
        write(project_copy / name, content)
    write(project_copy / case.file, case.content)
    place = case.file + (f":{case.line}:" if case.line else ":")
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
    page = (project_copy / "site" / "partners" / "xx-test" / "index.html").read_text(encoding="utf-8")
    assert '<h1 id="title">Cơ quan thử nghiệm</h1>' in page
