"""Build the site into a temporary folder and swap it into place only on success.

A failed build (invalid data, a broken link under --strict) therefore leaves
the previous `site/` exactly as it was: nothing half-built is ever served. So
does an interrupted one (Ctrl-C): mkdocs runs in a process group of its own,
which the terminal's Ctrl-C does not reach; this process then ends that whole
group (mkdocs, its Pagefind runs, its report-printing workers), removes the
temporary folder and says so in one line, with the shell's exit status for
Ctrl-C, 130.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager, suppress
from pathlib import Path

from macros.common import messages
from macros.common.settings import EMAIL, site_address  # the build's own checks of the two values


INTERRUPTED = 128 + signal.SIGINT  # 130: the status a shell gives a command stopped by Ctrl-C
PUBLISHING_SETTINGS = ("SITE_URL", "CONTACT_EMAIL")  # what `make publish` and the publish workflow require
SITE_INDEX = "index.html"  # at the top of every built site: what makes a folder one the build may replace
GRACE = 5  # seconds mkdocs has to end after SIGTERM, and its processes after SIGKILL


def build(root: Path, site: Path) -> int:
    """Run `mkdocs build --strict` for `root` into a fresh folder, then replace `site`."""
    refusal = _not_replaceable(root.resolve(), site)
    site = site.resolve()
    if refusal:
        print(refusal, file=sys.stderr)
        return 1
    try:
        workspace = _new_folder_beside(site)
    except OSError as refused:
        print(messages.text("build_unwritable", folder=site.parent, error=refused.strerror or refused), file=sys.stderr)
        return 1
    # The build writes into workspace/site; the folders it makes beside its site (another language's, while that
    # builds) are in workspace too, so that removing workspace removes them all, however the build ended.
    staging = workspace / "site"
    try:
        built = _mkdocs(root, staging)
    except KeyboardInterrupt:
        with _uninterrupted():
            shutil.rmtree(workspace, ignore_errors=True)
        print(messages.text("build_interrupted", site=site), file=sys.stderr)
        return INTERRUPTED
    if not built:
        shutil.rmtree(workspace, ignore_errors=True)
        print(messages.text("build_failed", site=site), file=sys.stderr)
        return 1
    with _uninterrupted():
        _swap(staging, site)
        shutil.rmtree(workspace, ignore_errors=True)
    print(messages.text("build_done", site=site))
    return 0


def publishing_refusal(environment: dict[str, str]) -> str | None:
    """Why the site must not be published with these settings, or None.

    A published site must give its real address and a contact address: `make build` keeps its local
    defaults (http://127.0.0.1:8000/, no contact) for previews, so publishing checks both are set.
    """
    for variable in PUBLISHING_SETTINGS:
        value = environment.get(variable, "").strip()
        if not value:
            return messages.text("publish_setting_missing", variable=variable)
    try:
        site_address(environment["SITE_URL"])
    except ValueError as refused:
        return str(refused)
    if not EMAIL.fullmatch(environment["CONTACT_EMAIL"]):
        return messages.text("bad_contact_email", email=environment["CONTACT_EMAIL"])
    return None


def _not_replaceable(root: Path, site: Path) -> str | None:
    """Why the folder `site` (as given: a link is refused) must not be replaced by the build, or None: it is
    missing, empty or a built site.

    The swap removes what was there, so `--site-dir .`, a folder holding the project or any folder of
    other files would be lost; a site is recognised by the index page at its top.
    """
    if site.is_symlink() or site.exists() and not site.is_dir():
        return messages.text("site_dir_not_folder", folder=site)
    site = site.resolve()
    if site == root or site in root.parents:
        return messages.text("site_dir_holds_project", folder=site)
    if site.is_dir() and any(site.iterdir()) and not (site / SITE_INDEX).is_file():
        return messages.text("site_dir_not_site", folder=site, index=SITE_INDEX)
    return None


def _new_folder_beside(site: Path) -> Path:
    """An empty folder next to `site` (so that the swap is a rename), with the permissions `mkdir` gives.

    Missing parents are made, as MkDocs makes its own site_dir's: `--site-dir out/site` is a plain request.
    tempfile makes the folder private (0700), which a web server running as another user could not read
    once it is `site/`: it is given 0777 less the umask instead.
    """
    site.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=site.parent))
    staging.chmod(0o777 & ~_umask())
    return staging


def _umask() -> int:
    """The process's umask: reading it means setting it, so it is set back at once."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _mkdocs(root: Path, staging: Path) -> bool:
    """Whether `mkdocs build --strict` built `root` into `staging`; on Ctrl-C, its processes are ended first."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
               "--config-file", str(root / "mkdocs.yml"), "--site-dir", str(staging)]
    child = subprocess.Popen(command, cwd=root, start_new_session=True)
    try:
        return child.wait() == 0
    except KeyboardInterrupt:
        with _uninterrupted():
            _end_group(child)
        raise


def _end_group(child: subprocess.Popen) -> None:
    """End `child` and every process it started (they share its process group): politely, then for certain.

    Returns once none is left, at most twice GRACE seconds later.
    """
    with suppress(ProcessLookupError):  # no process of the group is left (perhaps none was when Ctrl-C came)
        os.killpg(child.pid, signal.SIGTERM)
        with suppress(subprocess.TimeoutExpired):
            child.wait(GRACE)
        deadline = time.monotonic() + GRACE
        while time.monotonic() < deadline:
            os.killpg(child.pid, signal.SIGKILL)
            child.poll()  # reaps mkdocs itself, had it outlived SIGTERM
            time.sleep(0.05)


@contextmanager
def _uninterrupted():
    """Ctrl-C ignored while the block runs: a swap or a clean-up cut in half would leave no site or a stray folder."""
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _swap(staging: Path, site: Path) -> None:
    """Put `staging` in the place of `site`, the previous site kept aside (in a new hidden folder, so that
    nothing else is ever overwritten) until the new one is in place."""
    if site.exists():
        previous = _new_folder_beside(site)
        site.rename(previous)  # a folder renamed onto an empty one replaces it
        staging.rename(site)
        shutil.rmtree(previous, ignore_errors=True)
    else:
        staging.rename(site)
