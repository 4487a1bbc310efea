"""The validator speaks Vietnamese or English: the catalog, the choice of language, the CLI and the build."""

from __future__ import annotations

import os
import shutil
import string
import subprocess
import sys
from pathlib import Path

import pytest

from macros.common.messages import UnknownLanguage, catalogue, language, text
from macros.model import dataset

from conftest import REPO, mkdocs_build


LANGUAGE_VARIABLES = ("MACROS_LANG", "LANG", "LC_ALL", "LC_MESSAGES")


def placeholders(template: str) -> set[tuple[str, str]]:
    return {(name, spec) for _, name, spec, _ in string.Formatter().parse(template) if name is not None}


@pytest.mark.parametrize("key", sorted(catalogue()))
def test_every_message_has_both_languages_with_the_same_placeholders(key):
    entry = catalogue()[key]
    assert set(entry) == {"en", "vi"}
    assert entry["en"].strip() and entry["vi"].strip()
    assert placeholders(entry["en"]) == placeholders(entry["vi"])


@pytest.fixture
def no_language(monkeypatch):
    """An environment that says nothing about the language."""
    for name in LANGUAGE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


@pytest.mark.parametrize("variables, expected", [
    ({}, "en"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LANG": "vi_VN.UTF-8"}, "vi"),
    ({"LANG": "en_US.UTF-8", "LC_ALL": "vi_VN.UTF-8"}, "vi"),
    ({"LANG": "vi_VN.UTF-8", "LC_ALL": "en_GB.UTF-8"}, "en"),
    ({"LANG": "vi_VN.UTF-8", "MACROS_LANG": "en"}, "en"),
    ({"LANG": "en_GB.UTF-8", "MACROS_LANG": "vi"}, "vi"),
])
def test_language_comes_from_macros_lang_then_the_locale_then_english(no_language, variables, expected):
    for name, value in variables.items():
        no_language.setenv(name, value)
    assert language() == expected


UNKNOWN_LANGUAGE = ("MACROS_LANG=fr không phải một ngôn ngữ của thông báo: hãy đặt một trong các giá trị vi, en, "
                    "hoặc bỏ trống để theo ngôn ngữ của hệ thống. · MACROS_LANG=fr is not a language of the messages: "
                    "set it to one of vi, en, or leave it unset to follow the locale.")


def test_an_unknown_macros_lang_is_refused_in_both_languages(no_language):
    no_language.setenv("MACROS_LANG", "fr")
    with pytest.raises(UnknownLanguage) as refused:
        text("empty_file")
    assert str(refused.value) == UNKNOWN_LANGUAGE


@pytest.mark.parametrize("command", ["validate", "status", "report"])
def test_an_unknown_macros_lang_stops_every_command_with_one_line(command):
    result = validate(REPO, MACROS_LANG="fr") if command == "validate" else subprocess.run(
        [sys.executable, "-m", "macros", command], cwd=REPO, capture_output=True, text=True,
        env={**os.environ, "MACROS_LANG": "fr"})
    assert result.returncode == 2
    assert result.stderr == UNKNOWN_LANGUAGE + "\n" and result.stdout == ""
    assert validate(REPO, "--lang", "en", MACROS_LANG="fr").returncode == 0, "the option chooses, and is one"


def test_an_unknown_macros_lang_stops_the_build_with_one_line(tmp_path):
    result = mkdocs_build(REPO, tmp_path / "out", env={"MACROS_LANG": "fr"})
    assert result.returncode == 1
    assert f"ERROR   -  {UNKNOWN_LANGUAGE}\n" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out" / "index.html").exists()


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """One partner with a misspelt value and a misspelt field name."""
    (tmp_path / "partners").mkdir()
    record = (REPO / "partners" / "kr-mois.yml").read_text(encoding="utf-8")
    record = "\n".join(line for line in record.splitlines() if not line.startswith("en_reviewed:")) + "\n"
    record = record.replace("kind: government", "kind: governmnt").replace("country: KR", "country: KR\ncountri: KR")
    (tmp_path / "partners" / "kr-mois.yml").write_text(record, encoding="utf-8")
    return tmp_path


def validate(root: Path, *options: str, **variables: str) -> subprocess.CompletedProcess:
    env = {name: value for name, value in os.environ.items() if name not in LANGUAGE_VARIABLES}
    return subprocess.run([sys.executable, "-m", "macros", *options, "--root", str(root), "validate"],
                          cwd=REPO, capture_output=True, text=True, env={**env, **variables})


VIETNAMESE_REPORT = [
    "partners/kr-mois.yml:6:1: trường `kind` có giá trị `governmnt` không hợp lệ — dùng một trong các giá trị: "
    "government, international-organisation, mechanism, company",
    "partners/kr-mois.yml:8:1: không có trường nào tên là `countri` — có phải ý bạn là `country`?",
    "Dữ liệu có 2 lỗi: trang web chưa được tạo.",
]


def test_lang_vi_reports_every_problem_located_in_vietnamese(broken):
    result = validate(broken, "--lang", "vi")
    assert result.returncode == 1
    assert result.stderr.splitlines() == VIETNAMESE_REPORT


def test_macros_lang_vi_gives_the_same_report(broken):
    assert validate(broken, MACROS_LANG="vi").stderr.splitlines() == VIETNAMESE_REPORT


def test_a_vietnamese_locale_gives_the_same_report(broken):
    assert validate(broken, LANG="vi_VN.UTF-8").stderr.splitlines() == VIETNAMESE_REPORT


def test_english_is_the_default_and_the_option_beats_the_variable(broken):
    english = [
        "partners/kr-mois.yml:6:1: `kind`: `governmnt` is not an allowed value — use one of: "
        "government, international-organisation, mechanism, company",
        "partners/kr-mois.yml:8:1: unknown field `countri` — did you mean `country`?",
        "2 errors in the data: nothing was built.",
    ]
    assert validate(broken).stderr.splitlines() == english
    assert validate(broken, "--lang", "en", MACROS_LANG="vi").stderr.splitlines() == english


def test_schema_hints_take_the_vietnamese_half_of_the_schema_title(tmp_path):
    (tmp_path / "partners").mkdir()
    record = (REPO / "partners" / "kr-mois.yml").read_text(encoding="utf-8").replace("\nname:", "\nnam:")
    (tmp_path / "partners" / "kr-mois.yml").write_text(record, encoding="utf-8")
    report = validate(tmp_path, "--lang", "vi").stderr
    assert "partners/kr-mois.yml:2:1: thiếu trường bắt buộc `name` — hãy thêm `name:` (Tên)" in report


def test_the_summary_of_valid_data_is_translated():
    result = validate(REPO, "--lang", "vi")
    assert result.returncode == 0, result.stderr
    summary = result.stdout.splitlines()[-1]
    assert summary.startswith("Dữ liệu hợp lệ: ") and " văn bản, " in summary and " đối tác, " in summary
    assert summary.endswith(" giây)")
    assert validate(REPO).stdout.splitlines()[-1].startswith("OK: ")


def test_the_cache_never_returns_messages_in_the_other_language(no_language, tmp_path):
    for folder in ("decisions", "plans", "partners", "activities"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    record = tmp_path / "partners" / "kr-mois.yml"
    record.write_text(record.read_text(encoding="utf-8").replace(
        "  en: Ministry of the Interior and Safety of the Republic of Korea", "  translation: pending"), encoding="utf-8")
    no_language.setenv("MACROS_LANG", "en")
    assert str(dataset.load(tmp_path).pending[0]).endswith("English translation pending for `name` — "
                                                            "add `en:` when the translation is ready")
    no_language.setenv("MACROS_LANG", "vi")
    assert str(dataset.load(tmp_path).pending[0]).endswith("chưa có bản dịch tiếng Anh cho trường `name` — "
                                                            "hãy thêm `en:` khi có bản dịch")


def test_mkdocs_build_reports_in_the_language_of_the_environment(project_copy, tmp_path):
    record = project_copy / "partners" / "kr-mois.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("kind: government", "kind: governmnt"),
                      encoding="utf-8")
    result = mkdocs_build(project_copy, tmp_path / "out", env={"MACROS_LANG": "vi"})
    assert result.returncode != 0
    assert "partners/kr-mois.yml:7:1: trường `kind` có giá trị `governmnt` không hợp lệ" in result.stderr
    assert "Dữ liệu có 1 lỗi: trang web chưa được tạo." in result.stderr
