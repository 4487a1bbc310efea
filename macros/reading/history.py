"""When each data file last changed, from the repository's history, never from the clock.

A record page says when its content last changed. The commit that last
touched the record's file gives that day: the same for every build of a
commit, whatever machine or time zone builds it (the committer's own date
is used). One `git log` call answers for every file. A copy of the project
without its history (a downloaded archive, a test's copy) falls back to the
newest date the record itself states.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from macros.model.locale import PartialDate
from macros.model.records import COLLECTIONS


def last_changed(root: Path) -> dict[str, PartialDate]:
    """Data file (`partners/kr-mois.yml`) → the day of the last commit that changed it."""
    if not (root / ".git").exists():
        return {}
    command = ["git", "-c", "core.quotePath=false", "log", "--no-renames", "--format=%x00%cI", "--name-only",
               "--", *COLLECTIONS]
    log = subprocess.run(command, cwd=root, capture_output=True, text=True, encoding="utf-8")
    if log.returncode != 0:
        return {}
    changed: dict[str, PartialDate] = {}
    for commit in log.stdout.split("\x00")[1:]:  # newest first: the first date a file meets is its last change
        stamp, *files = commit.split("\n")
        day = PartialDate.parse(stamp[:10])
        for file in filter(None, files):
            changed.setdefault(file, day)
    return changed
