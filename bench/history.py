"""What the record history (issue 27) adds to a build: the same tree built with its git history and without.

`make_history` turns a synthetic project (bench/synthetic.py) into a repository
shaped like the data's real one: one commit of everything, then one commit per
small edit of one record file, the kinds of edit editors make (a text revised,
a plan item's status moved on, a source added, a partner's field changed) and a
few that change only the formatting, which the history must hide. The edits go
through one `git fast-import`, not a `git commit` each, so 1,000 commits take
seconds; their dates are fixed, an hour apart, so every run makes the same
repository. `python bench/history.py` measures the share alone; `make bench`
reports it among the budgets.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

import yaml


HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from macros.common.collections import COLLECTIONS  # noqa: E402

from synthetic import SITE_PARTS, copy_sources, make_project  # noqa: E402
from phases import STAGES  # noqa: E402
from timing import build, stages  # noqa: E402


ACTIVITIES = 1000
EDITS = 1000
EDITOR = ("Biên tập viên", "editor@example.invalid")  # set in the synthetic repository only
FIRST_COMMIT = datetime(2024, 1, 1, 8, tzinfo=timezone(timedelta(hours=7)))  # then one commit an hour
NEXT_STATUS = {"planned": "in-progress", "in-progress": "done", "suspended": "in-progress"}


@dataclass
class DataFile:
    """One record file as an editor leaves it: its data and the formatting it is written in."""

    path: str  # "activities/a-00012.yml", as git names it
    record: dict
    written: str  # its text in the last commit
    indent: int = 2
    width: int = 120
    comments: list[str] = field(default_factory=list)

    def text(self) -> str:
        """The file's text; with the default formatting, byte for byte what bench/synthetic.py wrote."""
        return "".join(f"# {comment}\n" for comment in self.comments) + yaml.dump(
            self.record, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=self.width,
            indent=self.indent)


class Editor:
    """Picks and makes the edits: a few records edited often, most once or never, as in real data."""

    def __init__(self, project: Path, seed: int) -> None:
        self.random = random.Random(seed)
        self.files: dict[str, list[DataFile]] = {}
        for name in COLLECTIONS:
            paths = sorted((project / name).glob("*.yml"))
            self.files[name] = [DataFile(f"{name}/{path.name}", yaml.load(text, Loader=yaml.CSafeLoader), text)
                                for path in paths for text in [path.read_text(encoding="utf-8")]]
            self.random.shuffle(self.files[name])  # the order of popularity: weight 1/√rank
        self.weights = {name: [1 / (rank + 1) ** 0.5 for rank in range(len(files))]
                        for name, files in self.files.items()}
        activities = [file.record for file in self.files["activities"]]
        self.summaries = [record["summary"]["en"] for record in activities]
        self.titles = [record["title"]["vi"] for record in activities]

    def pick(self, collection: str) -> DataFile:
        return self.random.choices(self.files[collection], weights=self.weights[collection])[0]

    def english_summary(self, number: int, day: str) -> tuple[DataFile, str]:
        file = self.pick("activities")
        file.record["summary"]["en"] = self.random.choice(self.summaries)
        return file, "English summary revised"

    def vietnamese_title(self, number: int, day: str) -> tuple[DataFile, str]:
        file = self.pick("activities")
        file.record["title"]["vi"] = self.random.choice(self.titles)
        return file, "Vietnamese title revised"

    def status(self, number: int, day: str) -> tuple[DataFile, str]:
        """An annual plan's item moves on (planned → in-progress → done; now and then suspended), as of `day`."""
        movable = [(file, item) for file in self.files["plans"] for group in file.record.get("task_groups", [])
                   for item in group["items"] if item["status"] in NEXT_STATUS]
        file, item = self.random.choice(movable)
        before = item["status"]
        item["status"] = "suspended" if before == "in-progress" and self.random.random() < 0.1 else NEXT_STATUS[before]
        item["status_as_of"] = day
        return file, f"status of {item['id']}: {before} → {item['status']}"

    def source(self, number: int, day: str) -> tuple[DataFile, str]:
        file = self.pick(self.random.choice(["activities"] * 6 + ["partners", "plans", "decisions"]))
        file.record["sources"].append({
            "publisher": {"vi": "Cổng thông tin Bộ Nội vụ", "en": "Ministry of Home Affairs portal"},
            "title": f"Tin hoạt động số {number}", "language": "vi", "date": day, "url": f"https://news.example.org/{number}"})
        return file, "source added"

    def partner(self, number: int, day: str) -> tuple[DataFile, str]:
        file = self.pick("partners")
        field_name = self.random.choice(["website", "abbreviation", "description"])
        if field_name == "website":
            file.record["website"] = f"https://partner-{number}.example.org/"
        elif field_name == "abbreviation":
            file.record["abbreviation"] = f"PA{number}"
        else:
            file.record["description"]["en"] = self.random.choice(self.summaries)
        return file, f"{field_name} changed"

    def formatting(self, number: int, day: str) -> tuple[DataFile, str]:
        """Re-indented, re-wrapped or commented: the same data, which the history must not report."""
        file = self.pick(self.random.choice(list(COLLECTIONS)))
        change = self.random.choice(["indent", "width", "comment"])
        if change == "indent":
            file.indent = 6 - file.indent  # 2 ↔ 4
        elif change == "width":
            file.width = 200 - file.width  # 120 ↔ 80
        else:
            file.comments.append(f"Checked against the sources on {day}.")
        return file, f"formatting only ({change})"

    KINDS = {english_summary: 25, vietnamese_title: 15, status: 15, source: 20, partner: 20, formatting: 5}  # per cent

    def edit(self, number: int, day: str) -> tuple[DataFile, str]:
        """Edit number `number`, made on `day`: the file it changed, its new text `written`, and what the edit did.

        The texts come from a small pool (the seed data's): an edit that leaves its file as it was (a title
        revised into the one it had) is drawn again, so that every commit changes one file.
        """
        while True:
            kind = self.random.choices(list(self.KINDS), weights=list(self.KINDS.values()))[0]
            file, what = kind(self, number, day)
            text = file.text()
            if text != file.written:
                file.written = text
                return file, what


def make_history(project: Path, edits: int = EDITS, seed: int = 11) -> int:
    """Make `project` a git repository: one commit of every file, then `edits` commits of one record edit each
    (one `git fast-import`); the work tree ends at the last. Returns the number of commits."""
    first = FIRST_COMMIT.isoformat()
    environment = {**{name: value for name, value in os.environ.items() if not name.startswith("GIT_")},
                   "GIT_AUTHOR_DATE": first, "GIT_COMMITTER_DATE": first}  # a caller's GIT_DIR (a hook's) must not leak

    def git(*arguments: str, **options) -> subprocess.CompletedProcess:
        return subprocess.run(["git", "-C", str(project), *arguments], env=environment, check=True, **options)

    git("init", "--quiet", "--initial-branch=main")
    for key, value in (("user.name", EDITOR[0]), ("user.email", EDITOR[1]), ("commit.gpgsign", "false")):
        git("config", key, value)
    (project / ".git" / "info" / "exclude").write_text("/site/\n/.cache/\n", encoding="utf-8")  # the builds' output
    git("add", "--all")
    git("commit", "--quiet", "--no-verify", "--message", "Synthetic data, first version")
    editor = Editor(project, seed)
    stream = []
    for number in range(1, edits + 1):
        when = FIRST_COMMIT + timedelta(hours=number)
        file, what = editor.edit(number, when.date().isoformat())
        stream.append(_commit(file, f"{file.path}: {what}", when, "from refs/heads/main^0\n" if number == 1 else ""))
    git("fast-import", "--quiet", input=b"".join(stream))
    git("reset", "--hard", "--quiet")
    return int(git("rev-list", "--count", "HEAD", capture_output=True).stdout)


def _commit(file: DataFile, message: str, when: datetime, parent: str) -> bytes:
    """One commit of git fast-import's stream: `file` as last written, committed by the editor at `when`."""
    note, content = message.encode(), file.written.encode()
    return (f"commit refs/heads/main\ncommitter {EDITOR[0]} <{EDITOR[1]}> {int(when.timestamp())} +0700\n"
            f"data {len(note)}\n".encode() + note + f"\n{parent}M 100644 inline {file.path}\n"
            f"data {len(content)}\n".encode() + content + b"\n")


# The stages of a build (bench/phases.py) that do the history's work: the data read (its versions read and
# compared) and the record pages and files made (its changes said on them, in the feed and the open data).
HISTORY_STAGES = (STAGES["macros.model.dataset:load"], STAGES["macros.language_files:add_generated_files"])


@dataclass
class Share:
    """The builds' stages (bench/phases.py) with the history and without, in turns, and how the history was made."""

    with_history: list[dict]  # each build of the repository: `total` seconds and its `stages`
    without: list[dict]       # each build of the same tree without .git
    commits: int
    generated: float  # seconds make_history took

    @property
    def added(self) -> float:
        """The seconds the history adds to the stages that do its work (medians with and without)."""
        return _median(self.with_history, _history_seconds) - _median(self.without, _history_seconds)

    @property
    def ratio(self) -> float:
        """1 + the seconds the history adds / the whole build's without it: 1.05 means it adds 5 %.

        Measured on the stages that do its work, not as two whole builds' difference: on a machine shared with
        other work, two builds of one tree differ by more than the history costs (the wall ratio, beside).
        """
        return 1 + self.added / _median(self.without, _total)

    @property
    def wall_ratio(self) -> float:
        """The whole builds' median with / without: what a reader of the two builds sees, noise included."""
        return _median(self.with_history, _total) / _median(self.without, _total)


def _history_seconds(report: dict) -> float:
    return sum(report["stages"].get(stage, 0.0) for stage in HISTORY_STAGES)


def _total(report: dict) -> float:
    return report["total"]


def _median(reports: list[dict], measure) -> float:
    return statistics.median(measure(report) for report in reports)


def history_share(project: Path, work: Path, repeats: int) -> Share:
    """Build a copy of `project` made a repository by `make_history`, then the same tree with its .git moved
    away, in turns (`repeats` each, after one build unmeasured that prints its reports into the cache and keeps
    the history's versions in its own, as CI's caches do between runs)."""
    tree, hidden = work / "history", work / "history.git"
    copy_sources(project, tree, SITE_PARTS + tuple(COLLECTIONS))
    started = time.perf_counter()
    commits = make_history(tree)
    generated = time.perf_counter() - started
    build(tree, 1)
    with_history, without = [], []
    for _ in range(repeats):
        with_history.append(stages(tree))
        (tree / ".git").rename(hidden)
        try:
            without.append(stages(tree))
        finally:
            hidden.rename(tree / ".git")
    return Share(with_history, without, commits, generated)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-history-"))
    try:
        print(f"{ACTIVITIES:,} activities: generating…", flush=True)
        share = history_share(make_project(REPO, work / "project", ACTIVITIES), work, args.repeats)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for name, reports in (("with history   ", share.with_history), ("without history", share.without)):
        print(f"build {name} {_median(reports, _total):.2f} s ({[round(_total(report), 2) for report in reports]}), "
              f"of which the history's stages {_median(reports, _history_seconds):.2f} s")
    print(f"history: {share.commits:,} commits made in {share.generated:.1f} s; it adds {share.added:.2f} s\n"
          f"ratio {share.ratio:.3f} (must hold ≤ 1.10, goal ≤ 1.03); whole builds' {share.wall_ratio:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
