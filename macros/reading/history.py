"""When each data file last changed, from the repository's history, never from the clock.

A record page says when its content last changed. The commit that last
touched the record's file gives that day: the same for every build of a
commit, whatever machine or time zone builds it (the committer's own date
is used). One `git log` call answers for every file. A copy of the project
without its history (a downloaded archive, a test's copy) falls back to the
newest date the record itself states. So does a checkout whose history cannot
date its files: a shallow clone (whose oldest commit would date every file it
holds), a machine without git, a history git cannot read; the run then says so.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from macros.common.collections import COLLECTIONS
from macros.common.locale import PartialDate
from macros.common.messages import text


@dataclass(frozen=True)
class History:
    """Data file (`partners/kr-mois.yml`) → the day of the last commit that changed it; empty when unknown."""

    changed: dict[str, PartialDate] = field(default_factory=dict)
    note: str | None = None  # why a checkout's history dates no file, in the run's language, for its output


def git(root: Path, *arguments: str) -> subprocess.CompletedProcess | None:
    """git's answer in `root`, as text; None where there is no git program to ask."""
    try:
        return subprocess.run(["git", "-c", "core.quotePath=false", *arguments], cwd=root, capture_output=True,
                              text=True, encoding="utf-8")
    except FileNotFoundError:
        return None


def last_changed(root: Path) -> History:
    """When each data file under `root` last changed, from one `git log`; or why the history cannot tell."""
    if not (root / ".git").exists():
        return History()  # a copy without history, as documented: nothing to say
    shallow = git(root, "rev-parse", "--is-shallow-repository")
    refused = _refusal(shallow)
    if refused:
        return History(note=refused)
    if shallow.stdout.strip() == "true":
        return History(note=text("history_shallow"))
    log = git(root, "log", "--no-renames", "--format=%x00%cI", "--name-only", "--", *COLLECTIONS)
    refused = _refusal(log)
    if refused:
        return History(note=refused)
    changed: dict[str, PartialDate] = {}
    for commit in log.stdout.split("\x00")[1:]:  # newest first: the first date a file meets is its last change
        stamp, *files = commit.split("\n")
        day = PartialDate.parse(stamp[:10])
        for file in filter(None, files):
            changed.setdefault(file, day)
    return History(changed)


def _refusal(answer: subprocess.CompletedProcess | None) -> str | None:
    """What to say when git is missing or failed (no commit yet, a repository it will not read); None if it answered."""
    if answer is None:
        return text("history_no_git")
    if answer.returncode != 0:
        reason = (answer.stderr.strip().splitlines() or [f"exit status {answer.returncode}"])[0]
        return text("history_unreadable", error=reason)
    return None
