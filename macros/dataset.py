"""Load every data file once, check it all, and hand out one linked model.

The steps run in order (read → schema → values → references) and every step
collects its problems; the run fails once, at the end, with all of them. The
result is cached by file name, size and modification time, so the second
language's build and `mkdocs serve` rebuilds re-read nothing that is unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from macros import references, schemas
from macros.load import Document, read
from macros.model import COLLECTIONS, SINGULAR, Model
from macros.problems import InvalidData, Problem
from macros.records import MEDIA_FOLDER, read_record

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Dataset:
    model: Model
    pending: list[Problem]  # texts whose English is not ready: shown, never fatal

    def summary(self) -> str:
        counts = ", ".join(_count(len(self.model.collection(name)), SINGULAR[name], name) for name in COLLECTIONS)
        return f"{counts}; {_count(len(self.pending), 'pending translation', 'pending translations')}"


def _count(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number == 1 else plural}"


def data_files(root: Path = ROOT) -> dict[str, list[Path]]:
    """The YAML files of each collection, in a stable order."""
    return {name: sorted((root / name).glob("*.yml")) + sorted((root / name).glob("*.yaml")) for name in COLLECTIONS}


def load(root: Path = ROOT) -> Dataset:
    """The checked, linked dataset under `root`; raise InvalidData with every problem."""
    key = _fingerprint(root)
    cached = _CACHE.get(root)
    if cached and cached[0] == key:
        return cached[1]
    dataset = _load(root)
    _CACHE[root] = (key, dataset)
    return dataset


_CACHE: dict[Path, tuple[tuple, Dataset]] = {}


def _fingerprint(root: Path) -> tuple:
    paths = [path for paths in data_files(root).values() for path in paths] + sorted(schemas.SCHEMA_DIR.glob("*.json"))
    paths += sorted((root / MEDIA_FOLDER).glob("*"))  # an image that appears or goes changes validity
    return tuple((str(path), path.stat().st_mtime_ns, path.stat().st_size) for path in paths)


def _load(root: Path) -> Dataset:
    problems: list[Problem] = []
    model = Model()
    documents: dict[int, Document] = {}
    files_of: dict[tuple[str, str], str] = {}
    broken: dict[str, set[str]] = {name: set() for name in COLLECTIONS}
    for name, paths in data_files(root).items():
        for path in paths:
            document, found = read(path, root)
            problems += found
            if any(not problem.pending for problem in found):
                broken[name].add(path.stem)  # reported already: references to it are not errors too
            if document is None:
                continue
            if not isinstance(document.data, dict):
                problems.append(document.problem((), "the file must be a mapping of fields (`name: value`)",
                                                 "start with `id: ...` at the left margin"))
                broken[name].add(path.stem)
                continue
            found = schemas.check(document, SINGULAR[name])
            problems += found
            if found:
                broken[name].add(path.stem)
                continue
            record, found = read_record(name, document, root)
            problems += found
            if record.id != path.stem:
                broken[name].add(path.stem)  # the mismatch is reported; references by file name are not
            if (name, record.id) in files_of:
                problems.append(document.problem(("id",), f"the id `{record.id}` is already used by "
                                                 f"{files_of[name, record.id]}", "ids must be unique"))
                continue
            files_of[name, record.id] = document.file
            model.collection(name)[record.id] = record
            documents[id(record)] = document
    errors = [problem for problem in problems if not problem.pending]
    errors += references.check(model, documents, broken)
    if errors:
        raise InvalidData(errors)
    model.link()
    return Dataset(model, [problem for problem in problems if problem.pending])
