"""Where `make test` installs the third-party validators, and what a test says when one is missing.

A missing validator fails the test with the command that installs it: a standard is never
taken as met because its checker was absent.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import REPO


NODE_MODULES = REPO / "tests" / "js" / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
TSC = NODE_MODULES / ".bin" / "tsc"
SCHEMA_DTS = NODE_MODULES / "schema-dts" / "package.json"


def installed(path: Path) -> Path:
    """`path` if `make validators` installed it; otherwise the test fails saying how to install it."""
    if not path.exists():
        pytest.fail(f"{path.relative_to(REPO)} is missing: run `make validators` "
                    "(npm ci --prefix tests/js; versions pinned in tests/js/package.json).", pytrace=False)
    return path


def java() -> str:
    """The `java` command, which runs the Nu HTML Checker."""
    command = shutil.which("java")
    if command is None:
        pytest.fail("Java is missing for the Nu HTML Checker: run `make java` as root, "
                    "or install Debian's default-jre-headless.", pytrace=False)
    return command
