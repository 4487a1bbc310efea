"""Choose the Python that builds .venv: the newest 3.11 or later on PATH, with its venv module.

The Makefile runs this with any `python3` (Ubuntu 22.04's is 3.10): it prints the chosen
interpreter, or one sentence of what to install and exits 1. Debian and Ubuntu ship `venv`
without `ensurepip` until python3.X-venv is installed; that is checked here too, so that the
failure names the package instead of pip's resolver error.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

OLDEST = (3, 11)
CANDIDATES = ("python3.14", "python3.13", "python3.12", "python3.11", "python3", "python")
PROBE = "import sys, ensurepip, venv; print('%d.%d' % sys.version_info[:2])"


class Unsuitable(Exception):
    """No Python fit for .venv: the message says what to install."""


def choose(path: str | None = None) -> str:
    """The first candidate on `path` that is new enough and has venv; else raise Unsuitable."""
    path = os.environ.get("PATH", "") if path is None else path
    without_venv = None
    for name in CANDIDATES:
        program = shutil.which(name, path=path)
        if not program:
            continue
        version, has_venv = _probe(program)
        if version is None or version < OLDEST:
            continue
        if has_venv:
            return program
        without_venv = without_venv or (name, version)
    if without_venv:
        name, version = without_venv
        raise Unsuitable(f"{name} has no venv module: install it (Debian, Ubuntu: "
                         f"sudo apt-get install python{version[0]}.{version[1]}-venv).")
    raise Unsuitable("Python 3.11 or newer is needed (Ubuntu 22.04: sudo apt-get install python3.11 python3.11-venv; "
                     "macOS: brew install python@3.13).")


def _probe(program: str) -> tuple[tuple[int, int] | None, bool]:
    """(version, whether venv can create environments with pip) of `program`."""
    version = subprocess.run([program, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                             capture_output=True, text=True)
    if version.returncode != 0:
        return None, False
    major, minor = (int(part) for part in version.stdout.split("."))
    return (major, minor), subprocess.run([program, "-c", PROBE], capture_output=True).returncode == 0


if __name__ == "__main__":
    try:
        print(choose())
    except Unsuitable as missing:
        print(missing, file=sys.stderr)
        sys.exit(1)
