"""Shared fixtures: the repository, a disposable copy of it, and the real site built once.

The site is built for the address it is served at (SITE_URL), as on a real host: its
hreflang links are absolute, and a page served elsewhere would point readers (and
Material's language selector) at another origin.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import tools.browser
from macros.common.collections import COLLECTIONS
from macros.files import reports

import history_repository
import lighthouse


REPO = Path(__file__).resolve().parent.parent
SITE_PARTS = ("mkdocs.yml", "mkdocs.en.yml", "content", "overrides", "schemas", "templates", "macros", "media")
# A handful of records (2 decisions, 2 plans, 8 partners, 2 activities), copied once from the real data: the build
# tests that are not about the real data build these, so that they neither wait for nor change with the real data.
FIXTURE = REPO / "tests" / "fixtures" / "records"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


SITE_PORT = free_port()
# `make check-site` checks a folder already built (the one CI publishes), for the address it was built for
SITE_UNDER_TEST = os.environ.get("SITE_UNDER_TEST")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000/") if SITE_UNDER_TEST else f"http://127.0.0.1:{SITE_PORT}/"
BUILD_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "MACROS_LANG": "en",  # English messages, whatever the locale
             "SITE_URL": SITE_URL}


def read_only(folder: Path) -> tuple[str, ...]:
    """Make `folder` (made if missing) one nobody may write in; the command prefix under which root, too, obeys
    that (util-linux's setpriv takes away the capability to override file permissions)."""
    folder.mkdir(exist_ok=True)
    folder.chmod(0o555)
    return ("setpriv", "--bounding-set", "-dac_override,-dac_read_search") if os.geteuid() == 0 else ()


def a_file(folder: Path) -> tuple[str, ...]:
    """Put a file where the folder `folder` should be; no command prefix needed."""
    folder.write_text("not a folder\n", encoding="utf-8")
    return ()


SLOW_FIXTURES = {"built_site", "site", "served_site", "browser", "history_site"}  # the real site, built; a browser


def pytest_collection_modifyitems(items) -> None:
    """A test that uses the real site or a browser is `slow` (pyproject.toml): `make test-fast` leaves it out."""
    for item in items:
        if SLOW_FIXTURES & set(item.fixturenames):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def english_messages(monkeypatch):
    """Tests assert the English wording; a Vietnamese locale on the machine must not change it."""
    monkeypatch.setenv("MACROS_LANG", "en")


def mkdocs_build(project: Path, site_dir: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of `project` into `site_dir`, output captured."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project, capture_output=True, text=True, env={**BUILD_ENV, **(env or {})},
    )


def copy_project(copy: Path, data: Path = REPO) -> Path:
    """A copy of the site's sources at `copy`, with the data folders of `data` (the real data, or FIXTURE)."""
    copy.mkdir(parents=True)
    for source in [REPO / part for part in SITE_PARTS] + [data / name for name in COLLECTIONS]:
        if source.is_dir():
            shutil.copytree(source, copy / source.name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, copy / source.name)
    (copy / "search").symlink_to(REPO / "search")  # the installed Pagefind (macros/files/search.py)
    (REPO / reports.CACHE).mkdir(parents=True, exist_ok=True)  # and the printed reports, shared as a CI cache is
    (copy / reports.CACHE.parent).mkdir()
    (copy / reports.CACHE).symlink_to(REPO / reports.CACHE)
    return copy


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A copy of the site's sources, with the fixture's records, that a test may break (`copy_project` for one with
    the real data, where the real data is the point)."""
    return copy_project(tmp_path / "project", data=FIXTURE)


@pytest.fixture
def real_copy(tmp_path: Path) -> Path:
    """A copy of the site's sources with the real data, for a test about the real records."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once for the whole session (or the folder SITE_UNDER_TEST names, as it is)."""
    if SITE_UNDER_TEST:
        return Path(SITE_UNDER_TEST).resolve()
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(REPO, site)
    assert result.returncode == 0, result.stderr
    return site


class Site:
    """Reads pages of a built site by URL path (`en/partners/kr-mois/`)."""

    def __init__(self, root: Path):
        self.root = root

    def file(self, path: str) -> Path:
        return self.root / path / "index.html" if not path.endswith(".html") else self.root / path

    def page(self, path: str) -> BeautifulSoup:
        return BeautifulSoup(self.file(path).read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """The fixture site (FIXTURE's records), built once for the session: the fast lane's build."""
    project = copy_project(tmp_path_factory.mktemp("fixture") / "project", data=FIXTURE)
    result = mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="session")
def history_project(tmp_path_factory) -> Path:
    """The fixture's records in a repository with a known history of changes (tests/history_repository.py)."""
    return history_repository.make(copy_project(tmp_path_factory.mktemp("history") / "project", data=FIXTURE))


@pytest.fixture(scope="session")
def history_site(history_project: Path) -> Path:
    """`history_project`'s site, built once for the session, for the address the browser tests serve it at."""
    result = mkdocs_build(history_project, history_project / "site")
    assert result.returncode == 0, result.stderr
    return history_project / "site"


@pytest.fixture(scope="session")
def site(built_site: Path) -> Site:
    return Site(built_site)


@contextmanager
def serving(folder: Path, port: int = 0):
    """`folder` on http://127.0.0.1:PORT/, compressed as a static host does, while the block runs; yields the address."""
    server, address = lighthouse.serving(folder, port)
    try:
        yield address
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def served_site(built_site: Path):
    """The built site at the address it was built for, for the browser tests."""
    with serving(built_site, SITE_PORT) as address:
        yield address


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(scope="session")
def browser():
    """The machine's Chromium (tools/browser.py finds it), headless, driven by Playwright; never a download."""
    from playwright.sync_api import sync_playwright

    try:
        program = tools.browser.find()
    except tools.browser.NotFound as missing:
        pytest.fail(str(missing), pytrace=False)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=program, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
