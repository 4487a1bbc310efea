"""Load every data file once, check it all, and hand out one linked model.

The steps run in order (read → schema → values → references) and every step
collects its problems; the run fails once, at the end, with all of them. The
result is cached by file name, size and modification time (and by the language
of the messages), so the second language's build and `mkdocs serve` rebuilds
re-read nothing that is unchanged.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from macros.common import PROJECT
from macros.common.collections import COLLECTIONS, DATA_SUFFIXES
from macros.common.cores import map_on_cores
from macros.common.latest import Latest
from macros.common.messages import language, plural, text
from macros.model import changes, redirects, references
from macros.model.records import Model, Record
from macros.model.values import read_record, unreadable_fields
from macros.reading import history, schemas
from macros.reading.images import MEDIA_FOLDER
from macros.reading.load import Document, read
from macros.reading.problems import InvalidData, Problem


ROOT = PROJECT
Replaced = Mapping[str, bytes]  # data file below the root (`partners/x.yml`) → the content it is about to have


@dataclass
class Dataset:
    model: Model
    pending: list[Problem]  # texts whose English is not ready: shown, never fatal
    raw: dict[str, dict[str, dict]]  # each record's data as its file states it: what the open data publishes
    version: str  # a digest of every data file: changes exactly when the data does
    redirects: dict[str, str]  # old address → new address, both `collection/id`
    history_note: str | None = None  # why the checkout's history dates no page (a shallow clone, no git), if so

    def summary(self) -> str:
        counts = ", ".join(plural(name, len(self.model.collection(name))) for name in COLLECTIONS)
        return f"{counts}; {plural('pending', len(self.pending))}"


# what systems and editors leave beside files (`.DS_Store`, `.x.yml.swp`, `x.yml~`): never data, never reported
_LITTER = ("Thumbs.db", "desktop.ini")


def data_files(root: Path = ROOT, replaced: Replaced | None = None) -> dict[str, list[Path]]:
    """The YAML files of each collection, `.yml` before `.yaml` (links and folders too: `read` refuses them),
    with the new files of `replaced` among them."""
    added = [root / file for file in replaced or {}]
    return {name: sorted({*(path for path in _entries(root, name) if _data_name(path.name)),
                          *(path for path in added if path.parent == root / name)},
                         key=lambda path: (path.suffix != DATA_SUFFIXES[0], path.name))
            for name in COLLECTIONS}


def strays(root: Path = ROOT) -> list[Problem]:
    """Everything in a data folder that is not read as data, each reported rather than skipped in silence."""
    problems = []
    for name in COLLECTIONS:
        folder = root / name
        if _outside(folder, root):
            problems.append(Problem(name, None, None, text("folder_outside"), text("folder_outside_hint")))
        elif folder.exists() and not folder.is_dir():
            problems.append(Problem(name, None, None, text("folder_not_folder"), text("folder_not_folder_hint")))
        problems += filter(None, (_stray(path, root) for path in _entries(root, name)))
    for misnamed in sorted(root.glob("redirects.*")):
        if misnamed.name != redirects.FILE and misnamed.suffix.lower() in DATA_SUFFIXES:
            problems.append(Problem(misnamed.name, None, None, text("suffix_case"),
                                    text("suffix_case_hint", name=redirects.FILE)))
    return problems


def _outside(folder: Path, root: Path) -> bool:
    """A data folder that is a link to somewhere outside the project: nothing in it is read."""
    return folder.is_symlink() and not folder.resolve().is_relative_to(root.resolve())


def _entries(root: Path, name: str) -> list[Path]:
    folder = root / name
    if not folder.is_dir() or _outside(folder, root):
        return []
    return [path for path in folder.iterdir() if not _litter(path.name)]


def _data_name(name: str) -> bool:
    """`kr-mois.yml`: a record's file; `.yml` or `.x.yml` is not (a file name is its record's id)."""
    return name.endswith(DATA_SUFFIXES) and not name.startswith(".")


def _litter(name: str) -> bool:
    return name.startswith(".") and not name.endswith(DATA_SUFFIXES) or name.endswith("~") or name in _LITTER


def _stray(path: Path, root: Path) -> Problem | None:
    name = path.relative_to(root).as_posix()
    if _data_name(path.name):
        return None
    if path.name.endswith(DATA_SUFFIXES):  # `.yml`, `.draft.yml`
        return Problem(name, None, None, text("hidden_data_file"), text("hidden_data_file_hint"))
    if path.is_dir() and not path.is_symlink():
        return Problem(name + "/", None, None, text("subfolder"), text("subfolder_hint", folder=path.parent.name))
    if path.suffix.lower() in DATA_SUFFIXES:
        return Problem(name, None, None, text("suffix_case"), text("suffix_case_hint", name=path.stem + ".yml"))
    return Problem(name, None, None, text("not_data"), text("not_data_hint", folder=path.parent.name))


def load(root: Path = ROOT, replaced: Replaced | None = None) -> Dataset:
    """The checked, linked dataset under `root`; raise InvalidData with every problem.

    `replaced` gives some data files (`partners/x.yml`) the content they are about to have: the
    browser editor checks a save before it writes it. Such a dataset is not cached.
    """
    if replaced:
        return _load(root, replaced)
    key = (root, language(), _fingerprint(root))  # the pending problems are worded in the run's language
    return _LATEST.get(key, partial(_load, root))


_LATEST: Latest[Dataset] = Latest()  # one build reads one project


def _fingerprint(root: Path) -> tuple:
    paths = [entry for name in COLLECTIONS for entry in sorted(_entries(root, name))]  # strays change the verdict too
    paths += sorted(schemas.SCHEMA_DIR.glob("*.json"))
    paths += sorted((root / MEDIA_FOLDER).glob("*"))  # an image that appears or goes changes validity
    paths += [root / redirects.FILE] if (root / redirects.FILE).exists() else []
    paths += [path for path in (root / ".git" / "HEAD", root / ".git" / "logs" / "HEAD") if path.exists()]  # a commit
    return tuple((str(path), found.st_mtime_ns, found.st_size) for path in paths for found in [path.lstat()])


@dataclass
class _File:
    """One data file as far as it can be checked alone: its record and document if it has one, its problems."""

    collection: str
    stem: str
    problems: list[Problem]
    broken: bool  # an error was reported for it: references to its record are not errors too
    record: Record | None = None
    document: Document | None = None


def _check_file(job: tuple[str, Path], root: Path, replaced: Replaced) -> _File:
    """Read, check against its schema and type one data file (`job`: its collection and path)."""
    collection, path = job
    document, problems = read(path, root, content=replaced.get(path.relative_to(root).as_posix()))
    broken = any(not problem.pending for problem in problems)
    if document is None:
        return _File(collection, path.stem, problems, broken)
    if not isinstance(document.data, dict):
        problems.append(document.problem((), text("not_a_mapping"), text("not_a_mapping_hint")))
        return _File(collection, path.stem, problems, True)
    found = schemas.check(document, COLLECTIONS[collection].singular)
    if found:
        return _File(collection, path.stem, problems + found, True)
    record, found = read_record(collection, document, root)
    # the id not being the file name is reported; references by file name are not
    return _File(collection, path.stem, problems + found, broken or record.id != path.stem, record, document)


def _load(root: Path, replaced: Replaced | None = None) -> Dataset:
    problems: list[Problem] = []
    model = Model()
    documents: dict[int, Document] = {}
    files_of: dict[tuple[str, str], str] = {}
    broken: dict[str, set[str]] = {name: set() for name in COLLECTIONS}
    problems += strays(root) + unreadable_fields()
    replaced = replaced or {}
    jobs = [(name, path) for name, paths in data_files(root, replaced).items() for path in paths]
    checked = map_on_cores(partial(_check_file, root=root, replaced=replaced), jobs)
    for file in checked:
        problems += file.problems
        if file.broken:
            broken[file.collection].add(file.stem)
        record, document = file.record, file.document
        if record is None:
            continue
        if (file.collection, record.id) in files_of:
            problems.append(document.problem(
                ("id",), text("id_taken", id=record.id, file=files_of[file.collection, record.id]),
                text("id_taken_hint"),
            ))
            continue
        files_of[file.collection, record.id] = document.file
        model.collection(file.collection)[record.id] = record
        documents[id(record)] = document
    errors = [problem for problem in problems if not problem.pending]
    if not errors and not model.records():
        errors.append(Problem("/".join(COLLECTIONS) + "/", None, None, text("no_records"), text("no_records_hint")))
    errors += references.check(model, documents, broken)
    moved, found = redirects.load(root, model)
    errors += found
    if errors:
        raise InvalidData(errors)
    model.link()
    note = None if replaced else _history(root, model, moved, documents.values())
    raw = {name: {record_id: documents[id(record)].data for record_id, record in sorted(model.collection(name).items())}
           for name in COLLECTIONS}
    return Dataset(model, [problem for problem in problems if problem.pending], raw, _digest(checked), moved, note)


def _history(root: Path, model: Model, moved: dict[str, str], documents) -> str | None:
    """Each record's changes, and the day of its last (else its newest stated date); why they are unknown, if so.

    A save checked before it is written (`replaced`) needs no history: it is not asked for there.
    """
    current = {history.blob_id(document.content): document.data for document in documents}  # not read again
    found = history.versions(root, current)
    if found.known:
        model.changes = changes.record_changes(found, model, moved)
    for record in model.records():
        record.changed = record.history[0].day if record.history else record.newest_date()
    return found.note


def _digest(checked: list[_File]) -> str:
    """The dataset's version: every data file's name and bytes, in order (valid data: each was read whole)."""
    digest = hashlib.sha256()
    for file in checked:
        digest.update(file.document.file.encode() + b"\0" + file.document.content + b"\0")
    return digest.hexdigest()[:12]
