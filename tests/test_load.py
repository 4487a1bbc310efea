"""Tests of macros.reading.load.read: one YAML file in, plain data and positions out, or located problems."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from macros.reading.load import MAX_FILE_BYTES, Document, read
from macros.reading.problems import Problem


FILE = "partners/x.yml"


def read_file(root: Path, content: str | bytes) -> tuple[Document | None, list[Problem]]:
    """Write `content` to root/partners/x.yml and read it back."""
    path = root / FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return read(path, root)


def accepted(root: Path, content: str | bytes) -> Document:
    document, problems = read_file(root, content)
    assert problems == []
    assert document is not None
    return document


def rejected(root: Path, content: str | bytes) -> Problem:
    """The single problem that stops the file; the document is withheld."""
    document, problems = read_file(root, content)
    assert document is None
    assert len(problems) == 1, problems
    assert problems[0].file == FILE
    return problems[0]


# --- what a valid file gives ------------------------------------------------------------------

NESTED = """\
id: kr-mois
name:
  vi: Bộ Nội vụ và An toàn Hàn Quốc
  en: Ministry of the Interior and Safety
sources:
  - publisher:
      vi: Bộ Nội vụ
    title: Tin tức
"""


def test_valid_file_gives_plain_data(tmp_path):
    document = accepted(tmp_path, NESTED)
    assert document.file == FILE
    assert document.data == {
        "id": "kr-mois",
        "name": {"vi": "Bộ Nội vụ và An toàn Hàn Quốc", "en": "Ministry of the Interior and Safety"},
        "sources": [{"publisher": {"vi": "Bộ Nội vụ"}, "title": "Tin tức"}],
    }


@pytest.mark.parametrize(
    ("path", "position"),
    [
        ((), (1, 1)),
        (("id",), (1, 1)),
        (("name",), (2, 1)),
        (("name", "en"), (4, 3)),
        (("sources",), (5, 1)),
        (("sources", 0), (6, 5)),
        (("sources", 0, "publisher", "vi"), (7, 7)),
        (("sources", 0, "title"), (8, 5)),
    ],
)
def test_positions_are_line_and_column_of_each_key(tmp_path, path, position):
    assert accepted(tmp_path, NESTED).positions[path] == position


def test_where_falls_back_to_the_nearest_ancestor(tmp_path):
    """A check about a field that is absent points at its parent."""
    document = accepted(tmp_path, NESTED)
    assert document.where(("name", "translation")) == (2, 1)
    assert document.where(("sources", 0, "publisher", "en")) == (6, 5)
    problem = document.problem(("name", "translation"), "something is wrong", "fix it")
    assert problem == Problem(FILE, 2, 1, "something is wrong", "fix it", False)


def test_dates_stay_text_and_numbers_stay_numbers(tmp_path):
    """An unquoted date keeps its written form, so 2024-02-31 can be reported rather than crash."""
    document = accepted(tmp_path, "start: 2024-08-04\nwrong: 2024-02-31\nyear: '2024'\ncount: 2024\n")
    assert document.data == {"start": "2024-08-04", "wrong": "2024-02-31", "year": "2024", "count": 2024}


def test_explicit_plain_tag_is_allowed(tmp_path):
    assert accepted(tmp_path, "number: !!str 2024\n").data == {"number": "2024"}


def test_byte_order_mark_is_accepted(tmp_path):
    document = accepted(tmp_path, b"\xef\xbb\xbfid: kr-mois\nkind: government\n")
    assert document.data == {"id": "kr-mois", "kind": "government"}
    assert document.positions[("id",)] == (1, 1)


def test_text_is_normalised_to_nfc(tmp_path):
    decomposed = "Vie\u0323\u0302t Nam"  # e + combining dot below + combining circumflex
    assert "\u1ec7" not in decomposed
    document = accepted(tmp_path, f"title: {decomposed}\nnhie\u0323\u0302m_vu: x\n")
    assert document.data == {"title": "Vi\u1ec7t Nam", "nhi\u1ec7m_vu": "x"}
    assert document.data["title"] == unicodedata.normalize("NFC", decomposed)


def test_a_file_of_exactly_the_size_limit_is_read(tmp_path):
    head = b"id: kr-mois\n#"
    assert accepted(tmp_path, head + b"x" * (MAX_FILE_BYTES - len(head))).data == {"id": "kr-mois"}


# --- what is refused, where, and why ----------------------------------------------------------

@pytest.mark.parametrize(
    ("content", "line", "column", "message", "hint"),
    [
        pytest.param(
            "id: a\nname:\n\tvi: x\n", 3, 1,
            "YAML syntax error: a tab character is used", "indent with spaces, never tabs",
            id="tab-indentation",
        ),
        pytest.param(
            "id: a\nname:\n  vi: x\n  \ten: y\n", 4, 3,
            "YAML syntax error: a tab character is used", "indent with spaces, never tabs",
            id="tab-after-spaces",
        ),
        pytest.param(
            "id: a\nkind: government\nid: b\n", 3, 1,
            "the field `id` appears twice in the same mapping (first on line 1)", "keep one of them",
            id="duplicate-key",
        ),
        pytest.param(
            "id: a\nname:\n  vi: x\n  en: y\n  vi: z\n", 5, 3,
            "the field `vi` appears twice in the same mapping (first on line 3)", "keep one of them",
            id="duplicate-nested-key",
        ),
        pytest.param(
            "id: a\r\nname:\r\n  vi: x\r\n  vi: y\r\n", 4, 3,
            "the field `vi` appears twice in the same mapping (first on line 3)", "keep one of them",
            id="duplicate-key-crlf",
        ),
        pytest.param(
            "id: a\nname: &n\n  vi: x\n", 2, 7,
            "YAML anchors (&name) are not allowed", "remove the anchor; each record states its values itself",
            id="anchor",
        ),
        pytest.param(
            "id: a\nname: *n\n", 2, 7,
            "YAML aliases (*name) are not allowed", "write the value out in full instead of referring to an anchor",
            id="alias",
        ),
        pytest.param(
            "id: a\nrun: !!python/object/apply:os.system ['true']\n", 2, 6,
            "the tag !!python/object/apply:os.system is not allowed",
            "remove it: data files hold plain text, lists and mappings only",
            id="python-tag",
        ),
        pytest.param(
            "id: a\nareas:\n  - x\n  - !!binary aGVsbG8=\n", 4, 5,
            "the tag !!binary is not allowed", "remove it: data files hold plain text, lists and mappings only",
            id="binary-tag-in-list",
        ),
        pytest.param(
            "id: a\nkind: !custom government\n", 2, 7,
            "the tag !custom is not allowed", "remove it: data files hold plain text, lists and mappings only",
            id="local-tag",
        ),
        pytest.param(
            "id: a\n2024: x\n", 2, 1,
            "a field name must be plain text", "use a name like `title:`",
            id="number-as-key",
        ),
        pytest.param(
            "id: a\ntitle: Hội đàm: kết quả\n", 2, 15,
            "YAML syntax error: mapping values are not allowed here", "put text containing ': ' in double quotes",
            id="unquoted-colon",
        ),
    ],
)
def test_refused_construct_is_located_and_explained(tmp_path, content, line, column, message, hint):
    assert rejected(tmp_path, content) == Problem(FILE, line, column, message, hint)


@pytest.mark.parametrize(
    ("content", "line", "message", "hint"),
    [
        pytest.param(
            b"id: a\ntitle: caf\xe9\n", 2,
            "the file is not UTF-8 (byte 0xe9)", "save the file with the UTF-8 encoding",
            id="latin-1",
        ),
        pytest.param(
            b"id: a\nname:\n  vi: x\x00\n", 3,
            "the file contains a NUL byte", "save the file as UTF-8 text",
            id="nul-byte",
        ),
        pytest.param(
            "id: a\n".encode("utf-16"), 1,
            "the file contains a NUL byte", "save the file as UTF-8 text",
            id="utf-16",
        ),
    ],
)
def test_bytes_that_are_not_utf8_text_are_refused_with_their_line(tmp_path, content, line, message, hint):
    assert rejected(tmp_path, content) == Problem(FILE, line, None, message, hint)


@pytest.mark.parametrize("content", ["", "\n\n", "# only a comment\n"], ids=["empty", "blank", "comment"])
def test_empty_file_is_a_problem(tmp_path, content):
    assert rejected(tmp_path, content) == Problem(
        FILE, 1, 1, "the file is empty", "fill in the record's fields (see README)",
    )


def test_file_over_the_size_limit_is_refused_unread(tmp_path):
    head = b"id: kr-mois\n#"
    problem = rejected(tmp_path, head + b"x" * (MAX_FILE_BYTES + 1 - len(head)))
    assert problem == Problem(
        FILE, None, None,
        f"the file is {MAX_FILE_BYTES + 1} bytes, over the limit of {MAX_FILE_BYTES} bytes",
        "a record should be short: move long texts into separate records",
    )


def test_alias_bomb_is_refused(tmp_path):
    """'Billion laughs': 9 levels of 9 aliases would expand to 9**9 strings if composed."""
    lines = ["a: &a [" + ", ".join(['"lol"'] * 9) + "]"]
    for previous, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    problem = rejected(tmp_path, "\n".join(lines) + "\n")
    assert (problem.line, problem.column) == (1, 4)
    assert problem.message == "YAML anchors (&name) are not allowed"


def test_python_tag_never_runs_its_command(tmp_path):
    marker = tmp_path / "executed"
    problem = rejected(tmp_path, f"id: a\nrun: !!python/object/apply:os.system ['touch {marker}']\n")
    assert not marker.exists()
    assert problem.line == 2
    assert problem.message == "the tag !!python/object/apply:os.system is not allowed"


def test_every_problem_of_a_file_is_reported(tmp_path):
    """Problems found while building the data do not stop at the first one."""
    document, problems = read_file(tmp_path, "id: a\nid: b\nkind: !!binary aGVsbG8=\n")
    assert document is None
    assert [(problem.line, problem.message) for problem in problems] == [
        (2, "the field `id` appears twice in the same mapping (first on line 1)"),
        (3, "the tag !!binary is not allowed"),
    ]


def test_unclosed_quote_points_at_the_opening_quote(tmp_path):
    """The fix is on the line where the quote opens, not at the end of the file."""
    problem = rejected(tmp_path, "id: a\nkind: government\ntitle: 'Hội đàm\nsummary: x\nnote: y\n")
    assert problem.message == "YAML syntax error: a quoted text is never closed"
    assert problem.hint == "add the closing quote"
    assert problem.line == 3


def test_control_character_is_located_like_a_nul_byte(tmp_path):
    """A stray control character (here ESC, pasted from a terminal) is refused with its line."""
    problem = rejected(tmp_path, "id: a\ntitle: x\x1b[0m\n")
    assert problem.line == 2
    assert "indentation" not in problem.hint
