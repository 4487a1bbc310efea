"""Old addresses keep working: a renamed record's old id redirects to its new one.

Ids are permanent, but a mistake may still need a rename. `redirects.yml` at
the project root maps each old address to the new one, `partners/old-id:
partners/new-id`; the build writes a page at the old address, in each
language, that sends the reader on. When the project is a git checkout, the
validator also refuses a data file removed from git history without a
redirect for its id, so that no published address silently breaks.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from macros.common import messages
from macros.common.collections import COLLECTIONS, DATA_SUFFIXES, ID
from macros.model.records import Model
from macros.reading import history
from macros.reading.load import read
from macros.reading.problems import Problem


FILE = "redirects.yml"
_ADDRESS = re.compile(rf"({'|'.join(COLLECTIONS)})/({ID.pattern})")  # the whole value: fullmatch


def load(root: Path, model: Model) -> tuple[dict[str, str], list[Problem]]:
    """The redirects (old path → new path, both `collection/id`) and the problems in them."""
    path = root / FILE
    if not path.exists():
        return {}, _unredirected(root, {}, model)
    document, problems = read(path, root, empty={})  # a file of comments only: no redirect yet
    if document is None:
        return {}, problems
    if not isinstance(document.data, dict):
        return {}, [document.problem((), messages.text("redirect_not_mapping"), messages.text("redirect_hint"))]
    redirects: dict[str, str] = {}
    for old, new in document.data.items():
        malformed = [address for address in (old, new) if not isinstance(address, str) or not _ADDRESS.fullmatch(address)]
        problems += [document.problem((old,), messages.text("redirect_bad_address", address=address),
                                      messages.text("redirect_hint")) for address in malformed]
        if malformed:
            continue
        if _exists(model, old):
            problems.append(document.problem((old,), messages.text("redirect_old_exists", address=old),
                                             messages.text("redirect_old_exists_hint")))
        elif not _exists(model, new):
            problems.append(document.problem((old,), messages.text("redirect_target_missing", address=new),
                                             messages.text("redirect_hint")))
        redirects[old] = new
    return redirects, problems + _unredirected(root, redirects, model)


def _exists(model: Model, address: str) -> bool:
    collection, _, record_id = address.partition("/")
    return record_id in model.collection(collection)


def _unredirected(root: Path, redirects: dict[str, str], model: Model) -> list[Problem]:
    """Records whose file git once had (deleted since, or deleted and not yet committed), now gone, and unredirected."""
    if not (root / ".git").exists():
        return []
    deleted = _git(root, "log", "--no-renames", "--diff-filter=D", "--name-only", "--format=", "--", *COLLECTIONS)
    committed = _git(root, "ls-tree", "-r", "--name-only", "HEAD", "--", *COLLECTIONS)
    published = {address for name in deleted + committed if (address := _address(name))}
    return [Problem(FILE, None, None, messages.text("redirect_missing", address=address),
                    messages.text("redirect_missing_hint", address=address))
            for address in sorted(published - set(redirects)) if not _exists(model, address) and not _on_disk(root, address)]


def _on_disk(root: Path, address: str) -> bool:
    """Whether the record's file is there, valid or not: an invalid record is reported as such, never as gone."""
    collection, _, record_id = address.partition("/")
    return any((root / collection / f"{record_id}{suffix}").exists() for suffix in DATA_SUFFIXES)


def _git(root: Path, *arguments: str) -> list[str]:
    result = history.git(root, *arguments)
    return result.stdout.splitlines() if result and result.returncode == 0 else []  # no git, no commit: no history


def _address(name: str) -> str | None:
    """`partners/kr-mois` for a data file that had a page; None for anything that never could."""
    path = PurePosixPath(name)
    if len(path.parts) != 2 or path.parent.name not in COLLECTIONS or path.suffix not in DATA_SUFFIXES:
        return None
    return f"{path.parent.name}/{path.stem}" if ID.fullmatch(path.stem) else None
