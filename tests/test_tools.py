"""The set-up's finders (tools/), on fake machines: PATHs of small scripts standing for the real programs."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tools import browser, python

pytestmark = pytest.mark.slow  # builds, servers or tools of its own (pyproject.toml's markers)


REPO = Path(__file__).resolve().parent.parent


def program(folder: Path, name: str, script: str = "exit 0") -> str:
    path = folder / name
    path.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


def fake_python(folder: Path, name: str, version: str, venv: bool = True) -> str:
    """A `python` that answers the version probe, and the venv probe as a Python with(out) ensurepip would."""
    return program(folder, name, f'case "$2" in *ensurepip*) exit {0 if venv else 1};; *) echo {version};; esac')


# --- the browser ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", browser.NAMES)
def test_each_usual_name_on_path_is_found(tmp_path, name):
    found = program(tmp_path, name)
    assert browser.find({"PATH": str(tmp_path)}, places=()) == found


def test_debian_chromium_comes_before_ubuntus_snap_name_and_chrome(tmp_path):
    for name in ("google-chrome", "chromium-browser", "chromium"):
        program(tmp_path, name)
    assert browser.find({"PATH": str(tmp_path)}, places=()) == str(tmp_path / "chromium")


def test_the_variable_wins_and_a_wrong_one_is_said(tmp_path):
    chosen = program(tmp_path, "my-chrome")
    program(tmp_path, "chromium")
    assert browser.find({"PATH": str(tmp_path), browser.VARIABLE: chosen}, places=()) == chosen
    with pytest.raises(browser.NotFound, match="BROWSER_PATH=/nowhere/chrome is not a program"):
        browser.find({"PATH": str(tmp_path), browser.VARIABLE: "/nowhere/chrome"}, places=())


def test_places_outside_path_count_like_the_snap_and_macos_apps(tmp_path):
    mac_chrome = tmp_path / "Google Chrome.app" / "Contents" / "MacOS"
    mac_chrome.mkdir(parents=True)
    found = program(mac_chrome, "Google Chrome")
    assert browser.find({"PATH": ""}, places=(str(tmp_path / "none"), found)) == found


def test_no_browser_says_what_to_install(tmp_path):
    with pytest.raises(browser.NotFound) as missing:
        browser.find({"PATH": str(tmp_path)}, places=())
    assert "sudo apt-get install chromium" in str(missing.value) and "snap install chromium" in str(missing.value)


def test_the_command_line_prints_the_path_or_the_sentence(tmp_path):
    env = {**os.environ, "PATH": str(tmp_path), browser.VARIABLE: program(tmp_path, "chromium")}
    found = subprocess.run([sys.executable, "tools/browser.py"], cwd=REPO, env=env, capture_output=True, text=True)
    assert found.returncode == 0 and found.stdout.strip() == env[browser.VARIABLE]
    env[browser.VARIABLE] = str(tmp_path / "gone")
    missing = subprocess.run([sys.executable, "tools/browser.py"], cwd=REPO, env=env, capture_output=True, text=True)
    assert missing.returncode == 1 and "is not a program" in missing.stderr and "Traceback" not in missing.stderr


# --- the Python that builds .venv ---------------------------------------------------------------------

def test_ubuntu_22_04s_python_3_10_is_passed_over_for_an_installed_3_11(tmp_path):
    fake_python(tmp_path, "python3", "3.10")
    chosen = fake_python(tmp_path, "python3.11", "3.11")
    assert python.choose(str(tmp_path)) == chosen


def test_the_newest_suitable_python_is_chosen(tmp_path):
    fake_python(tmp_path, "python3.11", "3.11")
    newest = fake_python(tmp_path, "python3.13", "3.13")
    assert python.choose(str(tmp_path)) == newest


def test_only_3_10_says_which_python_to_install(tmp_path):
    fake_python(tmp_path, "python3", "3.10")
    with pytest.raises(python.Unsuitable, match=r"Python 3\.11 or newer is needed .*python3\.11-venv"):
        python.choose(str(tmp_path))


def test_a_python_without_venv_names_the_debian_package(tmp_path):
    fake_python(tmp_path, "python3", "3.12", venv=False)
    with pytest.raises(python.Unsuitable, match=r"apt-get install python3\.12-venv"):
        python.choose(str(tmp_path))


def test_the_makefile_rebuilds_a_venv_whose_python_is_too_old(tmp_path):
    """`make install` in a copy whose .venv was made by Python 3.10 (a fake): it is removed and rebuilt."""
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "Makefile").write_text((REPO / "Makefile").read_text(encoding="utf-8"), encoding="utf-8")
    (copy / "tools").mkdir()
    for module in ("__init__.py", "python.py"):
        (copy / "tools" / module).write_text((REPO / "tools" / module).read_text(encoding="utf-8"), encoding="utf-8")
    for name in ("requirements.txt", "requirements-test.txt", "constraints.txt", "pyproject.toml"):
        (copy / name).write_text("", encoding="utf-8")
    (copy / ".venv" / "bin").mkdir(parents=True)
    program(copy / ".venv" / "bin", "python", "exit 1")  # what a 3.10 .venv answers the version check
    result = subprocess.run(["make", "install"], cwd=copy, capture_output=True, text=True)  # stops at the empty pyproject
    assert "Rebuilding .venv: its Python is older than 3.11 or gone." in result.stdout, result.stdout + result.stderr
    rebuilt = subprocess.run([str(copy / ".venv" / "bin" / "python"), "-c", "import sys; print(sys.version_info >= (3, 11))"],
                             capture_output=True, text=True)
    assert rebuilt.stdout.strip() == "True"
