"""The annual reports' disk cache (macros/files/reports.py): only a whole entry is published, and a folder that
cannot be used is skipped with one line, never a failed build.

Run through `python -m macros report 2023` (the smallest report), as editors and CI run it, with REPORTS_CACHE
naming the folder.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from macros.common.interface import language_root
from macros.common.locale import LANGUAGES
from macros.files import reports

from conftest import BUILD_ENV, REPO, a_file, read_only

pytestmark = pytest.mark.slow  # builds, servers or tools of its own (pyproject.toml's markers)


YEAR = 2023
SKIPPED = "cannot be used"  # messages.py, report_cache_skipped


def print_reports(out: Path, cache: str | Path, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    """`python -m macros report 2023 --out OUT` with REPORTS_CACHE=`cache`, after `prefix` (another command's)."""
    return subprocess.run([*prefix, sys.executable, "-m", "macros", "report", str(YEAR), "--out", str(out)], cwd=REPO,
                          env={**BUILD_ENV, "REPORTS_CACHE": str(cache)}, capture_output=True, text=True, timeout=300)


def printed(out: Path) -> dict[str, bytes]:
    """The reports `print_reports` wrote into `out`, by language."""
    return {lang: (out / language_root(lang) / "reports" / f"{YEAR}.pdf").read_bytes() for lang in LANGUAGES}


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> dict[str, bytes]:
    """The year's reports printed anew, with no cache: what every case must publish."""
    out = tmp_path_factory.mktemp("fresh")
    result = print_reports(out, "off")
    assert result.returncode == 0, result.stderr
    return printed(out)


def test_an_entry_is_given_back_only_if_its_content_is_what_its_name_says(tmp_path, monkeypatch):
    monkeypatch.setenv(reports.CACHE_VARIABLE, str(tmp_path))
    key = "0" * 32
    reports.DiskCache(REPO).store({key: b"%PDF-1.7 whole %%EOF"})
    [entry] = tmp_path.iterdir()  # no partial file beside it
    assert reports.DiskCache(REPO).read(key) == b"%PDF-1.7 whole %%EOF"
    entry.write_bytes(b"%PDF-1.7 whale %%EOF")
    assert reports.DiskCache(REPO).read(key) is None and not entry.exists()
    monkeypatch.setenv(reports.CACHE_VARIABLE, "off")
    assert reports.DiskCache(REPO).read(key) is None


def test_the_cache_is_the_project_s_being_built_not_the_code_s(tmp_path, monkeypatch):
    """This checkout's code building another copy of the project keeps that copy's reports in that copy."""
    monkeypatch.delenv(reports.CACHE_VARIABLE, raising=False)
    other = tmp_path / "other-copy"
    reports.DiskCache(other).store({"1" * 32: b"%PDF-1.7 whole %%EOF"})
    assert [entry.parent for entry in other.rglob("*.pdf")] == [other / reports.CACHE]
    assert reports.DiskCache(REPO).read("1" * 32) is None


def test_an_entry_zeroed_in_its_middle_is_printed_again_and_replaced(tmp_path, fresh):
    """It still starts with %PDF-, ends with %%EOF and holds its digest as /ID: only a digest of it all tells."""
    cache = tmp_path / "cache"
    assert print_reports(tmp_path / "first", cache).returncode == 0
    entries = sorted(cache.glob("*.pdf"))
    assert len(entries) == len(LANGUAGES)
    for entry in entries:
        content = bytearray(entry.read_bytes())
        content[len(content) // 2:len(content) // 2 + 2000] = bytes(2000)
        entry.write_bytes(content)
    result = print_reports(tmp_path / "second", cache)
    assert result.returncode == 0 and result.stderr == ""
    assert printed(tmp_path / "second") == fresh
    assert sorted(entry.read_bytes() for entry in cache.glob("*.pdf")) == sorted(fresh.values())


def entries_that_are_folders(cache: Path) -> tuple[str, ...]:
    """The cache filled by a first printing, each entry then replaced by a folder of its name."""
    assert print_reports(cache.parent / "first", cache).returncode == 0
    for entry in cache.glob("*.pdf"):
        entry.unlink()
        entry.mkdir()
    return ()


@pytest.mark.parametrize("make", [read_only, a_file, entries_that_are_folders], ids=lambda make: make.__name__)
def test_a_cache_that_cannot_be_used_is_skipped_in_one_line(tmp_path, fresh, make):
    cache = tmp_path / "cache"
    result = print_reports(tmp_path / "out", cache, make(cache))
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [result.stderr.strip()] and SKIPPED in result.stderr, result.stderr
    assert str(cache) in result.stderr
    assert printed(tmp_path / "out") == fresh
