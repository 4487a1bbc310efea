"""`python -m macros build` (macros/editors/publish.py): the site it swaps in is readable by a web server, its folder's
parents are made or refused in one sentence, and Ctrl-C leaves `site/` as it was, no folder and no process behind.

Ctrl-C is sent as a terminal sends it, to the whole foreground process group: the command is started in a group
of its own, which then receives SIGINT.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import BUILD_ENV, FIXTURE, REPO, a_file, copy_project, read_only
from test_hostile import partner, snapshot, write

pytestmark = pytest.mark.slow  # builds, servers or tools of its own (pyproject.toml's markers)


SECONDS = 120  # what a build of the real data may take at most here, interrupted or not
CTRL_C = 130  # a shell's exit status for a command stopped by SIGINT


def macros(project: Path, *arguments: str, prefix: tuple[str, ...] = (), **options) -> subprocess.CompletedProcess:
    """`python -m macros --root PROJECT …`, after `prefix` (another command's), its output captured."""
    return subprocess.run([*prefix, sys.executable, "-m", "macros", "--root", str(project), *arguments], cwd=project,
                          env={**BUILD_ENV, "REPORTS_CACHE": "off"}, capture_output=True, text=True, timeout=SECONDS,
                          **options)


def test_the_built_site_is_readable_by_others_and_missing_parents_are_made(tmp_path):
    """A web server running as another user reads the site: 0777 less the umask, as `mkdir` gives, not 0700."""
    project = copy_project(tmp_path / "project", data=FIXTURE)
    site = tmp_path / "not" / "yet" / "site"
    result = macros(project, "build", "--site-dir", str(site), umask=0o022)
    assert result.returncode == 0, result.stderr[-2000:]
    assert [oct(folder.stat().st_mode & 0o777) for folder in (site.parent.parent, site.parent, site)] == ["0o755"] * 3
    assert (site / "index.html").is_file() and not list(site.parent.glob(".site-*"))


@pytest.mark.parametrize("make", [read_only, a_file], ids=lambda make: make.__name__)
def test_a_parent_that_cannot_hold_the_site_is_refused_in_one_sentence(tmp_path, make):
    project = copy_project(tmp_path / "project", data=FIXTURE)
    parent = tmp_path / "parent"
    result = macros(project, "build", "--site-dir", str(parent / "site"), prefix=make(parent))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [result.stderr.strip()], result.stderr
    assert f"The site cannot be built into {parent} (" in result.stderr and "--site-dir" in result.stderr


@pytest.mark.parametrize("target", ["project", "parent", "other-files", "a-file", "a-link"])
def test_a_site_dir_that_is_not_a_site_is_refused_and_left_as_it_was(tmp_path, target):
    """The swap replaces what is there: `--site-dir .` once replaced the whole project with the site."""
    project = copy_project(tmp_path / "project", data=FIXTURE)
    site = {"project": project, "parent": tmp_path, "other-files": tmp_path / "thesis", "a-file": tmp_path / "notes.txt",
            "a-link": tmp_path / "link"}[target]
    if target == "other-files":
        site.mkdir()
        (site / "chapter-1.txt").write_text("months of work\n", encoding="utf-8")
    elif target == "a-file":
        site.write_text("notes\n", encoding="utf-8")
    elif target == "a-link":
        site.symlink_to(project / "content")
    before = snapshot(tmp_path)
    result = macros(project, "build", "--site-dir", str(site))
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith(f"The site cannot be built into {site.resolve() if target != 'a-link' else site}")
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert snapshot(tmp_path) == before


def test_a_built_site_is_replaced_and_a_folder_named_like_the_old_backup_is_left_alone(tmp_path):
    project = copy_project(tmp_path / "project", data=FIXTURE)
    site = tmp_path / "out"
    backup = tmp_path / "out.previous"
    backup.mkdir()
    (backup / "keep.txt").write_text("not ours\n", encoding="utf-8")
    for _ in range(2):  # into a new folder, then over the site it built
        result = macros(project, "build", "--site-dir", str(site))
        assert result.returncode == 0, result.stderr[-2000:]
    assert (site / "index.html").is_file() and (backup / "keep.txt").read_text(encoding="utf-8") == "not ours\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out", "out.previous", "project"]


def live_processes_mentioning(text: str) -> list[str]:
    """The command lines of the processes still running (zombies aside) whose command line holds `text`."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            line = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:  # ended meanwhile
            continue
        if text in line and state != "Z":
            found.append(line)
    return found


def until(condition, seconds: float = SECONDS) -> bool:
    """Whether `condition()` came true within `seconds`."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def start(project: Path, *arguments: str, env: dict | None = None) -> subprocess.Popen:
    """`python -m macros --root PROJECT …` in a process group of its own, as a shell starts a foreground job.

    Ctrl-C is given its default meaning in it: a job a shell starts in the background (as a test run may be) ignores
    SIGINT, and a Python started ignoring it would never see it.
    """
    return subprocess.Popen([sys.executable, "-m", "macros", "--root", str(project), *arguments], cwd=project,
                            env={**BUILD_ENV, **(env or {})}, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True, preexec_fn=_default_ctrl_c)


def _default_ctrl_c() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_during_a_build_changes_nothing_and_leaves_nothing_running(tmp_path):
    """Sent once the English build is under way in a process of its own, with a folder of its own beside the
    site's (after the reports are printed, with an empty cache)."""
    project = copy_project(tmp_path / "project", data=FIXTURE)
    write(project / "site" / "index.html", "<p>the site as it was</p>\n")
    before = snapshot(project / "site")
    build = start(project, "build", env={"REPORTS_CACHE": str(tmp_path / "empty-cache")})  # so that it prints
    assert until(lambda: list(project.glob(".site-*/.site-en-*"))), "the English build never started"
    os.killpg(build.pid, signal.SIGINT)
    _, stderr = build.communicate(timeout=SECONDS)
    assert build.returncode == CTRL_C, stderr[-2000:]
    assert stderr.strip().splitlines()[-1] == f"Interrupted; {project / 'site'} is unchanged."
    assert stderr.count("Interrupted") == 1 and "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    assert snapshot(project / "site") == before and not list(project.glob(".site-*"))
    assert until(lambda: not live_processes_mentioning(str(project)), 5), live_processes_mentioning(str(project))


def cpu_seconds(pid: int) -> float:
    """The processor time process `pid` has used so far (user and system)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_ctrl_c_during_validation_says_so_in_one_line(tmp_path):
    """Sent once the command has used twice the time its imports take (it is then reading 20,000 records)."""
    imports = subprocess.run([sys.executable, "-c", "import resource, macros.__main__; "
                              "usage = resource.getrusage(resource.RUSAGE_SELF); print(usage.ru_utime + usage.ru_stime)"],
                             cwd=REPO, env=BUILD_ENV, capture_output=True, text=True, check=True)
    project = copy_project(tmp_path / "project", data=FIXTURE)
    for number in range(20_000):
        write(project / f"partners/xx-{number}.yml", partner(f"xx-{number}", "kr-mois"))
    validation = start(project, "validate")
    past_imports = 2 * float(imports.stdout) + 0.2
    assert until(lambda: validation.poll() is not None or cpu_seconds(validation.pid) > past_imports)
    assert validation.poll() is None, "the validation ended before it could be interrupted"
    os.killpg(validation.pid, signal.SIGINT)
    stdout, stderr = validation.communicate(timeout=SECONDS)
    assert (validation.returncode, stdout, stderr) == (CTRL_C, "", "Interrupted: the command stopped before it finished.\n")
