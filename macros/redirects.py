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
import subprocess
from pathlib import Path

from macros import messages
from macros.load import read
from macros.model import COLLECTIONS, ID, Model
from macros.problems import Problem

FILE = "redirects.yml"
_ADDRESS = re.compile(rf"({'|'.join(COLLECTIONS)})/({ID.pattern})")  # the whole value: fullmatch


def load(root: Path, model: Model) -> tuple[dict[str, str], list[Problem]]:
    """The redirects (old path → new path, both `collection/id`) and the problems in them."""
    path = root / FILE
    if not path.exists():
        return {}, _unredirected(root, {})
    document, problems = read(path, root)
    if document is None:
        return {}, problems
    if not isinstance(document.data, dict):
        return {}, [document.problem((), messages.text("redirect_not_mapping"), messages.text("redirect_hint"))]
    redirects: dict[str, str] = {}
    for old, new in document.data.items():
        for address in (old, new):
            if not isinstance(address, str) or not _ADDRESS.fullmatch(address):
                problems.append(document.problem((old,), messages.text("redirect_bad_address", address=address),
                                                  messages.text("redirect_hint")))
        if problems:
            continue
        if _exists(model, old):
            problems.append(document.problem((old,), messages.text("redirect_old_exists", address=old),
                                             messages.text("redirect_old_exists_hint")))
        elif not _exists(model, new):
            problems.append(document.problem((old,), messages.text("redirect_target_missing", address=new),
                                             messages.text("redirect_hint")))
        redirects[old] = new
    return redirects, problems + _unredirected(root, redirects)


def _exists(model: Model, address: str) -> bool:
    collection, _, record_id = address.partition("/")
    return record_id in model.collection(collection)


def _unredirected(root: Path, redirects: dict[str, str]) -> list[Problem]:
    """Data files that git history once had, that are gone, and that no redirect covers."""
    if not (root / ".git").exists():
        return []
    command = ["git", "log", "--no-renames", "--diff-filter=D", "--name-only", "--format=", "--", *COLLECTIONS]
    log = subprocess.run(command, cwd=root, capture_output=True, text=True)
    gone = {f"{Path(name).parent.name}/{Path(name).stem}" for name in log.stdout.split() if name.endswith(".yml")}
    return [Problem(FILE, None, None, messages.text("redirect_missing", address=address),
                    messages.text("redirect_missing_hint", address=address))
            for address in sorted(gone - set(redirects)) if not (root / f"{address}.yml").exists()]
