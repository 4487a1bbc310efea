"""Every committed version of every data file, from the repository's history, never from the clock.

A record page lists the changes made to its record, and says when its content
last changed. Both come from the versions of the record's file that git holds:
one `git log` names, for every commit of the main line that touched a data
file, the file and the blob it left (`--first-parent`: a change counts when it
landed, as a merge or a commit, not when it was drafted on a branch), and one
`git cat-file --batch` reads every blob not read before. Two processes, however
long the history. Dates are the committer's own, so every build of a commit,
on any machine and in any time zone, says the same.

A copy without history (a downloaded archive, a test's copy) has no versions
and says nothing. Nor does a checkout whose history cannot tell: a shallow
clone (its oldest commit would seem to create every record), a machine without
git, a history git cannot read; the run then says why.
"""

from __future__ import annotations

import hashlib
import subprocess
from dataclasses import dataclass
from pathlib import Path

from macros.common.collections import COLLECTIONS
from macros.common.messages import text
from macros.reading.load import read

ABSENT = "0" * 40  # the blob git names for a file a commit deleted
UNREADABLE = object()  # the data of a version that is not YAML the site can read (a broken file was committed)


@dataclass(frozen=True)
class Version:
    """A data file as one commit left it: its data, or None where the commit deleted it."""

    file: str    # `partners/kr-mois.yml`
    commit: str
    moment: str  # the committer's date, ISO 8601 with its offset: `2024-08-09T10:00:00+07:00`
    data: object

    @property
    def day(self) -> str:
        return self.moment[:10]


@dataclass(frozen=True)
class History:
    """The versions of every data file, oldest first; empty when the checkout's history is unknown."""

    versions: tuple[Version, ...] = ()
    known: bool = False      # whether the history could be read: a repository with no data commit yet has none
    note: str | None = None  # why a checkout's history dates no file, in the run's language, for its output


def git(root: Path, *arguments: str, given: str | None = None) -> subprocess.CompletedProcess | None:
    """git's answer in `root`, as text (`given` on its input); None where there is no git program to ask."""
    try:
        return subprocess.run(["git", "-c", "core.quotePath=false", *arguments], cwd=root, capture_output=True,
                              input=given, text=True, encoding="utf-8", errors="surrogateescape")
    except FileNotFoundError:
        return None


def blob_id(content: bytes) -> str:
    """The name git gives a file of `content`: a current file's version is known without asking git for it."""
    return hashlib.sha1(b"blob %d\0" % len(content) + content).hexdigest()


def versions(root: Path, known: dict[str, object]) -> History:
    """Every version of every data file under `root`, oldest first, or why the history cannot tell.

    `known` maps blobs already read (the current files': blob id → data) to their data, so that only older
    versions are read and parsed again; the blobs read are added to it, for the next build of `mkdocs serve`.
    """
    if not (root / ".git").exists():
        return History()  # a copy without history, as documented: nothing to say
    shallow = git(root, "rev-parse", "--is-shallow-repository")
    refused = _refusal(shallow)
    if refused:
        return History(note=refused)
    if shallow.stdout.strip() == "true":
        return History(note=text("history_shallow"))
    log = git(root, "log", "--first-parent", "--diff-merges=first-parent", "--no-renames", "--raw", "--no-abbrev",
              "--reverse", "--format=%x00%H %cI", "--", *COLLECTIONS)
    refused = _refusal(log)
    if refused:
        return History(note=refused)
    changes = list(_changes(log.stdout))
    _read_blobs(root, {blob for _, _, _, blob in changes if blob != ABSENT} - known.keys(), known)
    return History(tuple(Version(file, commit, moment, None if blob == ABSENT else known.get(blob, UNREADABLE))
                         for commit, moment, file, blob in changes), known=True)


def _changes(log: str):
    """(commit, moment, file, blob it left) for each file each commit changed, in the log's order."""
    for entry in log.split("\x00")[1:]:
        heading, *lines = entry.split("\n")
        commit, _, moment = heading.partition(" ")
        for line in lines:
            status, tab, file = line.partition("\t")
            if line.startswith(":") and tab and not file.startswith('"'):  # a quoted name is no record's file
                yield commit, moment, file, status.split()[3]


def _read_blobs(root: Path, wanted: set[str], known: dict[str, object]) -> None:
    """Read and parse every blob of `wanted` into `known`, with one `git cat-file` process."""
    if not wanted:
        return
    ordered = sorted(wanted)
    try:
        answer = subprocess.run(["git", "cat-file", "--batch"], cwd=root, capture_output=True,
                                input="\n".join(ordered).encode() + b"\n").stdout
    except FileNotFoundError:
        return  # git went away since the log: every version unreadable, as its data says
    position = 0
    for blob in ordered:
        end = answer.index(b"\n", position)
        header = answer[position:end].split()
        if len(header) < 3 or header[1] != b"blob":
            position = end + 1
            continue
        size = int(header[2])
        content = answer[end + 1:end + 1 + size]
        position = end + 1 + size + 1
        document, _ = read(root / "history.yml", root, content=content)
        known[blob] = document.data if document is not None else UNREADABLE


def _refusal(answer: subprocess.CompletedProcess | None) -> str | None:
    """What to say when git is missing or failed (no commit yet, a repository it will not read); None if it answered."""
    if answer is None:
        return text("history_no_git")
    if answer.returncode != 0:
        reason = (answer.stderr.strip().splitlines() or [f"exit status {answer.returncode}"])[0]
        return text("history_unreadable", error=reason)
    return None
