"""A test repository whose history is known: the fixture's records, committed, then changed as editors change them.

Each commit has a fixed date (the committer's, with its time zone), so that what the site says of it is known:

1. FIRST: every file, with the ACCSM 22 task of the 2024 plan still "planned" (as of 9 January 2024);
2. STATUS: that task "done", as of 8 August 2024;
3. LAYOUT: kr-mois's file re-laid (a comment, other quotes): the same data, no change to tell;
4. ENGLISH: kr-mois's English description revised;
5. MOVED: the Guerini activity renamed (with its redirect), its summary's English revised in the same commit.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

FIRST = "2024-01-10T09:00:00+07:00"
STATUS = "2024-08-09T10:30:00+07:00"
LAYOUT = "2024-09-02T08:00:00+07:00"
ENGLISH = "2024-10-01T15:00:00+07:00"
MOVED = "2024-11-04T11:00:00+07:00"

PLAN = "plans/ke-hoach-2024.yml"
PARTNER = "partners/kr-mois.yml"
OLD_ACTIVITY, NEW_ACTIVITY = "2023-11-30-tiep-bo-truong-guerini", "2023-11-30-bo-truong-tiep-guerini"
TASK_EN = "Attending all the activities of the ASEAN Cooperation on…"  # the task's English text, as a label cuts it


def commit(project: Path, moment: str, message: str) -> None:
    env = {**os.environ, "GIT_COMMITTER_DATE": moment, "GIT_AUTHOR_DATE": moment}
    for arguments in (["add", "-A"], ["commit", "-qm", message]):
        subprocess.run(["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org", *arguments],
                       cwd=project, check=True, capture_output=True, env=env)


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer holds {old!r}: the scenario needs it"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def make(project: Path) -> Path:
    """Give `project` (a copy of the site with the fixture's records) the history above."""
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=project, check=True)
    plan = project / PLAN
    done = '        status: done\n        status_as_of: "2024-08-08"\n'
    replace(plan, done, '        status: planned\n        status_as_of: "2024-01-09"\n')
    commit(project, FIRST, "The records")
    replace(plan, '        status: planned\n        status_as_of: "2024-01-09"\n', done)
    commit(project, STATUS, "ACCSM 22 attended")
    partner = project / PARTNER
    replace(partner, "kind: government\n", "# a comment\nkind: 'government'\n")
    commit(project, LAYOUT, "Layout only")
    replace(partner, "includes the task of signing", "sets the task of signing")
    commit(project, ENGLISH, "English revised")
    old, new = project / "activities" / f"{OLD_ACTIVITY}.yml", project / "activities" / f"{NEW_ACTIVITY}.yml"
    old.rename(new)
    replace(new, f"id: {OLD_ACTIVITY}\n", f"id: {NEW_ACTIVITY}\n")
    replace(new, "was received by Minister", "was received by the Minister")
    (project / "redirects.yml").write_text(f"activities/{OLD_ACTIVITY}: activities/{NEW_ACTIVITY}\n", encoding="utf-8")
    commit(project, MOVED, "Activity renamed")
    return project
