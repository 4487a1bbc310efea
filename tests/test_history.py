"""“Record last edited” comes from git, or says why not: a real full clone, a real shallow clone, a PATH without git.

A copy of the project becomes a repository with two commits of known dates; clones of it
(`git clone file://…`) are then validated and built as a reader's machine would.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from macros.model import dataset

from conftest import BUILD_ENV, REPO, copy_project, mkdocs_build


FIRST, SECOND = "2020-01-02", "2021-03-04"  # the committer dates of the two commits
EDITED = "partners/kr-mois.yml"  # the one data file the second commit changes
SHALLOW = ("This checkout is a shallow clone: record pages list no changes and give the newest date each record states as "
           "its “Record last edited”, the “Recent changes” page lists none, and data files deleted before the clone's "
           "first commit are not checked for a redirect (`git fetch --unshallow` brings the whole history).")
NO_GIT = ("git is not installed: record pages list no changes and give the newest date each record states as its “Record "
          "last edited”, the “Recent changes” page lists none, and deleted data files are not checked for a redirect.")


def git(folder: Path, *arguments: str, date: str = FIRST) -> None:
    env = {**os.environ, "GIT_COMMITTER_DATE": f"{date}T12:00:00+07:00", "GIT_AUTHOR_DATE": f"{date}T12:00:00+07:00"}
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *arguments],
                   cwd=folder, check=True, capture_output=True, env=env)


@pytest.fixture(scope="module")
def origin(tmp_path_factory) -> Path:
    """The project with two commits: everything on FIRST, then one partner's file changed on SECOND."""
    project = copy_project(tmp_path_factory.mktemp("history") / "origin")
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "first")
    record = project / EDITED  # its English revised: a change of its data (a comment alone would not be one)
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("includes the task of signing", "sets the task of signing", 1), encoding="utf-8")
    git(project, "commit", "-qam", "second", date=SECOND)
    return project


def clone(origin: Path, target: Path, *options: str) -> Path:
    subprocess.run(["git", "clone", "-q", *options, origin.as_uri(), str(target)], check=True, capture_output=True)
    return target


def validate(project: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "macros", "--root", str(project), "validate"], capture_output=True,
                          text=True, env={**BUILD_ENV, **(env or {})})


def without_git(folder: Path) -> str:
    """A PATH with every program of this one but git: links to them all in `folder`."""
    folder.mkdir()
    for directory in os.environ["PATH"].split(os.pathsep):
        if not os.path.isdir(directory):
            continue
        for entry in os.scandir(directory):
            if entry.name != "git" and not entry.name.startswith("git-") and not (folder / entry.name).exists():
                (folder / entry.name).symlink_to(entry.path)
    return str(folder)


def updated(site: Path, record: str) -> str:
    """The “Record last edited” day of a record's English page, as its <time> element gives it."""
    page = BeautifulSoup((site / "en" / record / "index.html").read_text(encoding="utf-8"), "html.parser")
    return page.select_one(".record-updated time")["datetime"]


def test_a_full_clone_dates_each_file_by_its_last_commit(origin, tmp_path):
    full = clone(origin, tmp_path / "full")
    result = validate(full)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith("OK: "), "nothing to say"
    records = dataset.load(full).model
    assert records.partners["kr-mois"].changed.iso() == SECOND
    assert {record.changed.iso() for record in records.records() if record.file != EDITED} == {FIRST}


def test_a_shallow_clone_falls_back_to_the_records_dates_and_says_so(origin, tmp_path):
    shallow = clone(origin, tmp_path / "shallow", "--depth", "1")
    assert subprocess.run(["git", "rev-parse", "--is-shallow-repository"], cwd=shallow, capture_output=True,
                          text=True).stdout.strip() == "true"
    result = validate(shallow)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == SHALLOW and result.stdout.splitlines()[1].startswith("OK: ")
    records = dataset.load(shallow).model
    assert all(record.changed == record.newest_date() for record in records.records()), "not the tip's day"
    built = mkdocs_build(shallow, tmp_path / "site")
    assert built.returncode == 0, built.stderr
    assert built.stderr.count(f"INFO    -  records: {SHALLOW}\n") == 1 and "WARNING" not in built.stderr
    assert updated(tmp_path / "site", "partners/kr-mois/") == records.partners["kr-mois"].newest_date().iso() != SECOND


def test_a_checkout_on_a_machine_without_git_falls_back_and_says_so(origin, tmp_path):
    full = clone(origin, tmp_path / "full")
    path = without_git(tmp_path / "bin")
    assert subprocess.run(["sh", "-c", "command -v git"], env={"PATH": path}, capture_output=True).returncode != 0
    result = validate(full, {"PATH": path})
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == NO_GIT and "Traceback" not in result.stderr
    built = mkdocs_build(full, tmp_path / "site", env={"PATH": path})
    assert built.returncode == 0, built.stderr
    assert built.stderr.count(f"INFO    -  records: {NO_GIT}\n") == 1 and "WARNING" not in built.stderr
    kr_mois = dataset.load(full).model.partners["kr-mois"]  # this process has git: the commit's day
    assert kr_mois.changed.iso() == SECOND and updated(tmp_path / "site", "partners/kr-mois/") == kr_mois.newest_date().iso()


def test_a_checkout_without_a_commit_falls_back_and_says_why(tmp_path):
    project = copy_project(tmp_path / "project")
    git(project, "init", "-q")
    result = validate(project)
    assert result.returncode == 0, result.stderr
    note = result.stdout.splitlines()[0]
    assert note.startswith("git could not read this checkout's history (fatal: ") and note.endswith(
        "): record pages list no changes and give the newest date each record states as its “Record last edited”, the "
        "“Recent changes” page lists none, and deleted data files are not checked for a redirect.")


def test_every_workflow_job_that_builds_the_site_checks_out_the_whole_history():
    """A CI checkout is shallow unless told otherwise (actions/checkout's fetch-depth 1): the pages' dates would fall back."""
    builds = ("make build", "make properdocs-check", "make test", "mkdocs build")
    jobs = [(path.name, name, job) for path in sorted((REPO / ".github" / "workflows").glob("*.yml"))
            for name, job in yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"].items()]
    building = [(file, name, job) for file, name, job in jobs
                if any(command in step.get("run", "") for step in job.get("steps", []) for command in builds)]
    assert {(file, name) for file, name, _ in building} >= {("publish.yml", "build"), ("pull-request.yml", "check"),
                                                            ("pull-request.yml", "properdocs")}
    for file, name, job in building:
        checkout = next(step for step in job["steps"] if step.get("uses", "").startswith("actions/checkout@"))
        assert checkout.get("with", {}).get("fetch-depth") == 0, f"{file}: {name}"
