"""Load every data file once, check it all, and hand out one linked model.

The steps run in order (read → schema → values → references) and every step
collects its problems; the run fails once, at the end, with all of them. The
result is cached by file name, size and modification time (and by the language
of the messages), so the second language's build and `mkdocs serve` rebuilds
re-read nothing that is unchanged.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from macros import redirects, references, schemas
from macros.load import Document, read
from macros.messages import language, plural, text
from macros.model import COLLECTIONS, SINGULAR, Model
from macros.problems import InvalidData, Problem
from macros.records import MEDIA_FOLDER, read_record

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Dataset:
    model: Model
    pending: list[Problem]  # texts whose English is not ready: shown, never fatal
    raw: dict[str, dict[str, dict]]  # each record's data as its file states it: what the open data publishes
    version: str  # a digest of every data file: changes exactly when the data does
    redirects: dict[str, str]  # old address → new address, both `collection/id`

    def summary(self) -> str:
        counts = ", ".join(plural(name, len(self.model.collection(name))) for name in COLLECTIONS)
        return f"{counts}; {plural('pending', len(self.pending))}"


def data_files(root: Path = ROOT) -> dict[str, list[Path]]:
    """The YAML files of each collection, in a stable order."""
    return {name: sorted((root / name).glob("*.yml")) + sorted((root / name).glob("*.yaml")) for name in COLLECTIONS}


def load(root: Path = ROOT) -> Dataset:
    """The checked, linked dataset under `root`; raise InvalidData with every problem."""
    key = (root, language(), _fingerprint(root))  # the pending problems are worded in the run's language
    if _last and _last[0] == key:
        return _last[1]
    dataset = _load(root)
    _last[:] = [key, dataset]
    return dataset


_last: list = []  # [key, dataset] of the latest load: one build reads one project


def _fingerprint(root: Path) -> tuple:
    paths = [path for paths in data_files(root).values() for path in paths] + sorted(schemas.SCHEMA_DIR.glob("*.json"))
    paths += sorted((root / MEDIA_FOLDER).glob("*"))  # an image that appears or goes changes validity
    paths += [root / redirects.FILE] if (root / redirects.FILE).exists() else []
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
                problems.append(document.problem((), text("not_a_mapping"), text("not_a_mapping_hint")))
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
                problems.append(document.problem(
                    ("id",), text("id_taken", id=record.id, file=files_of[name, record.id]), text("id_taken_hint"),
                ))
                continue
            files_of[name, record.id] = document.file
            model.collection(name)[record.id] = record
            documents[id(record)] = document
    errors = [problem for problem in problems if not problem.pending]
    errors += references.check(model, documents, broken)
    moved, found = redirects.load(root, model)
    errors += found
    if errors:
        raise InvalidData(errors)
    model.link()
    raw = {name: {record_id: documents[id(record)].data for record_id, record in sorted(model.collection(name).items())}
           for name in COLLECTIONS}
    return Dataset(model, [problem for problem in problems if problem.pending], raw, _digest(root), moved)


def _digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in (path for paths in data_files(root).values() for path in paths):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]
