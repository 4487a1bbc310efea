"""Property-based tests: whatever the input, the loader answers with data or with located problems.

Never an unhandled exception: random YAML documents, random bytes and random
mutations of the real data files all end either in a loaded dataset or in
InvalidData whose every problem names a file (and a line wherever one exists).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.common.collections import COLLECTIONS
from macros.model import dataset
from macros.reading.problems import InvalidData

from conftest import REPO


REAL_FILES = [path for paths in dataset.data_files(REPO).values() for path in paths]
SETTINGS = settings(max_examples=120, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30),
                    st.dates().map(str))
documents = st.recursive(scalars, lambda children: st.one_of(
    st.lists(children, max_size=4),
    st.dictionaries(st.sampled_from(["id", "name", "kind", "vi", "en", "sources", "start", "partners", "x"]) | st.text(max_size=8),
                    children, max_size=5),
), max_leaves=25)


def load_with(files: dict[str, bytes]) -> None:
    """Load a copy of the real data in which `files` (relative paths) replace or join the real ones."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for name in COLLECTIONS:
            shutil.copytree(REPO / name, root / name)
        for relative, content in files.items():
            (root / relative).write_bytes(content)
        try:
            dataset.load(root)
        except InvalidData as invalid:
            assert invalid.problems
            for problem in invalid.problems:
                assert problem.file.split("/")[0] in COLLECTIONS and problem.file.endswith(".yml")
                assert problem.line is None or problem.line >= 1
                assert problem.message and str(problem).startswith(problem.file)


@SETTINGS
@given(documents)
def test_any_yaml_document_loads_or_fails_located(document):
    text = yaml.safe_dump(document, allow_unicode=True)
    load_with({"partners/zz-random.yml": text.encode("utf-8")})


@SETTINGS
@given(st.binary(max_size=400))
def test_any_bytes_load_or_fail_located(content):
    load_with({"activities/zz-random.yml": content})


@st.composite
def mutated_real_file(draw) -> tuple[Path, bytes]:
    path = draw(st.sampled_from(REAL_FILES))
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    index = draw(st.integers(0, len(lines) - 1))
    mutation = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "indent", "dedent"]))
    if mutation == "delete":
        del lines[index]
    elif mutation == "duplicate":
        lines.insert(index, lines[index])
    elif mutation == "swap":
        other = draw(st.integers(0, len(lines) - 1))
        lines[index], lines[other] = lines[other], lines[index]
    elif mutation == "insert":
        position = draw(st.integers(0, len(lines[index])))
        noise = draw(st.text(alphabet=":-[]{}&*!|>'\"#%@` \t\nđệ0", max_size=4))
        lines[index] = lines[index][:position] + noise + lines[index][position:]
    elif mutation == "indent":
        lines[index] = "  " + lines[index]
    else:
        lines[index] = lines[index].lstrip(" ")
    return path, "".join(lines).encode("utf-8")


@SETTINGS
@given(mutated_real_file())
def test_mutations_of_the_real_files_load_or_fail_located(mutation):
    path, content = mutation
    load_with({path.relative_to(REPO).as_posix(): content})
