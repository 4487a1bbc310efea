"""The stages of macros/ import only the stages before them (README, "Layout").

common → reading → model → rendering → (pages | files | editors) → the build. `common` is what every stage
shares; `reading` turns files into checked documents; `model` turns documents into linked records and what is
computed from them; `rendering` is the Jinja environment the pages and the printed reports share; `pages`,
`files` and `editors` are the outputs and know nothing of each other; the build (the plugin, the language builds,
`finish/`, the command line) joins them. Imports inside functions count as much as those at the top.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import REPO


PACKAGE = REPO / "macros"
STAGES = {"common": 0, "reading": 1, "model": 2, "rendering": 3, "pages": 4, "files": 4, "editors": 4}
BUILD = 5  # every other part of macros/: finish/, plugin.py, preview.py, language_*.py, __main__.py, __init__.py


def stage(module: str) -> tuple[int, str]:
    """(rank, name) of the stage `macros.X.…` belongs to."""
    part = module.split(".")[1] if "." in module else ""
    return (STAGES[part], part) if part in STAGES else (BUILD, "build")


def imported(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every `macros…` module or name the file imports, in functions too."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "macros":
            # `from macros.model import dataset` imports macros.model.dataset; `from macros import preview`, macros.preview
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names if alias.name.split(".")[0] == "macros"]
    return found


def backward_imports(package: Path) -> list[str]:
    """`file:line imports module (stage → stage)` for every import of a later or parallel stage."""
    wrong = []
    for path in sorted(package.rglob("*.py")):
        module = ".".join(path.relative_to(package.parent).with_suffix("").parts)
        rank, name = stage(module)
        for line, target in imported(path):
            target_rank, target_name = stage(target)
            if target_rank > rank or (target_rank == rank and target_name != name):
                wrong.append(f"{path.relative_to(package.parent)}:{line} imports {target} ({name} → {target_name})")
    return wrong


def test_every_stage_imports_only_the_stages_before_it():
    assert backward_imports(PACKAGE) == []


def test_every_package_of_macros_is_a_stage_or_the_build():
    """A new package is placed in the order on purpose, not by falling into the build."""
    packages = {path.parent.name for path in PACKAGE.glob("*/__init__.py")}
    assert packages - set(STAGES) == {"finish"}


@pytest.mark.parametrize(("module", "source", "expected"), [
    ("reading/history.py", "from macros.model.records import Model\n",
     "reading/history.py:1 imports macros.model.records.Model (reading → model)"),
    ("pages/lists.py", "def f():\n    from macros.files import opendata\n",
     "pages/lists.py:2 imports macros.files.opendata (pages → files)"),
    ("common/locale.py", "import macros.plugin\n", "common/locale.py:1 imports macros.plugin (common → build)"),
])
def test_a_backward_import_is_named_with_its_file_and_line(tmp_path, module, source, expected):
    path = tmp_path / "macros" / module
    path.parent.mkdir(parents=True)
    path.write_text(source, encoding="utf-8")
    assert backward_imports(tmp_path / "macros") == ["macros/" + expected]
