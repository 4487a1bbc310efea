"""Every committed version of every data file, from the repository's history, never from the clock.

A record page lists the changes made to its record, and says when its content
last changed. Both come from the versions of the record's file that git holds:
one `git log` names, for every commit of the main line that touched a data
file, the file and the blob it left (`--first-parent`: a change counts when it
landed, as a merge or a commit, not when it was drafted on a branch), and one
`git cat-file --batch` reads every blob not read before. Two processes, however
long the history. Dates are the committer's own, so every build of a commit,
on any machine and in any time zone, says the same.

A blob never changes: what one holds is kept, once read, in `.cache/history/`
under its id (git-ignored; the workflows keep it between runs), so that a build
parses only the versions committed since the last one. Parsing is what a
history costs: a year of an annual plan's versions is megabytes of YAML.

A copy without history (a downloaded archive, a test's copy) has no versions
and says nothing. Nor does a checkout whose history cannot tell: a shallow
clone (its oldest commit would seem to create every record), a machine without
git, a history git cannot read; the run then says why.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from contextlib import suppress
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from macros.common.collections import COLLECTIONS
from macros.common.cores import map_on_cores
from macros.common.messages import text
from macros.reading.load import read

CACHE = Path(".cache") / "history"  # below the project's root: what each blob holds, by its id
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
    versions are read (from the cache, or parsed); the blobs read are added to it. Nothing is kept in memory
    between builds: a history is tens of megabytes of data, and the cache on disk answers in a fraction of it.
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
    """Every blob of `wanted` into `known`: from the cache, else read with one `git cat-file` and parsed on every
    core (then kept in the cache)."""
    cache = _Cache(root / CACHE)
    missing = []
    for blob in sorted(wanted):
        found = cache.read(blob)
        if found is _MISSING:
            missing.append(blob)
        else:
            known[blob] = found
    parsed = map_on_cores(partial(_parse, root), list(_contents(root, missing).items()))
    for blob, data in parsed:
        known[blob] = data
        cache.store(blob, data)


def _contents(root: Path, blobs: list[str]) -> dict[str, bytes]:
    """The content of each blob git has, by id, from one `git cat-file --batch`."""
    if not blobs:
        return {}
    try:
        answer = subprocess.run(["git", "cat-file", "--batch"], cwd=root, capture_output=True,
                                input="\n".join(blobs).encode() + b"\n").stdout
    except FileNotFoundError:
        return {}  # git went away since the log: every version unreadable, as its data says
    contents, position = {}, 0
    for blob in blobs:
        end = answer.index(b"\n", position)
        header = answer[position:end].split()
        if len(header) < 3 or header[1] != b"blob":  # `<id> missing`
            position = end + 1
            continue
        size = int(header[2])
        contents[blob] = answer[end + 1:end + 1 + size]
        position = end + 1 + size + 1
    return contents


def _parse(root: Path, job: tuple[str, bytes]) -> tuple[str, object]:
    """A blob's data, read as a data file is (the same checks, the same values), or UNREADABLE."""
    blob, content = job
    document, _ = read(root / "history.yml", root, content=content)
    return blob, document.data if document is not None else UNREADABLE


_MISSING = object()  # a blob the cache does not hold


class _Cache:
    """Each blob's data as JSON, `<id>.json`, in `folder`: `{"data": …}` or `{"unreadable": true}`.

    Only a shortcut: an entry that cannot be read is read from git again, and after a write fails (a read-only
    folder, a file in its place) nothing more is written.
    """

    def __init__(self, folder: Path):
        self.folder: Path | None = folder

    def read(self, blob: str) -> object:
        try:
            entry = json.loads((self.folder / f"{blob}.json").read_bytes())
            return UNREADABLE if entry.get("unreadable") is True else entry["data"]
        except (OSError, ValueError, KeyError, AttributeError, TypeError):
            return _MISSING

    def store(self, blob: str, data: object) -> None:
        if self.folder is None:
            return
        partial_file = self.folder / f".{blob}.{os.getpid()}"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            entry = {"unreadable": True} if data is UNREADABLE else {"data": data}
            partial_file.write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")
            partial_file.replace(self.folder / f"{blob}.json")  # a rename: whole or not at all
        except OSError:
            self.folder = None
            with suppress(OSError):  # where the folder is a file, there is no partial file either
                partial_file.unlink(missing_ok=True)


def _refusal(answer: subprocess.CompletedProcess | None) -> str | None:
    """What to say when git is missing or failed (no commit yet, a repository it will not read); None if it answered."""
    if answer is None:
        return text("history_no_git")
    if answer.returncode != 0:
        reason = (answer.stderr.strip().splitlines() or [f"exit status {answer.returncode}"])[0]
        return text("history_unreadable", error=reason)
    return None
