"""The other languages' builds, each in a process of its own, while the default language's build runs.

The default language's build (mkdocs.yml) is the site's build: once it has the data and the annual reports,
it forks one process per other language, which builds that language's configuration (`mkdocs.en.yml`: the
same settings, another language) into a folder of its own; the default language's build then moves each
language's folder (`en/`) into the site and finishes the whole site. A forked process starts with the data
and the reports already in memory (`handed_over`): nothing is read or printed twice, and the two languages'
pages are rendered on two cores.

MkDocs (or ProperDocs, whichever runs the default build) is used through its public functions only:
`config.load_config` and `commands.build.build`.
"""

from __future__ import annotations

import importlib
import logging
import multiprocessing
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import click

from macros import preview
from macros.common.interface import language_root
from macros.common.locale import LANGUAGES

_FORK = multiprocessing.get_context("fork")  # the child starts with the parent's data: nothing to pickle


def config_file(root: Path, lang: str) -> Path:
    """The configuration of `lang`: `mkdocs.yml` for the default language, `mkdocs.<lang>.yml` for the others."""
    return root / ("mkdocs.yml" if lang == LANGUAGES[0] else f"mkdocs.{lang}.yml")


@dataclass
class Handover:
    """What a forked build finds already made: the project it builds, its data and its annual reports."""

    root: Path
    data: object
    reports: list
    previewing: bool = False  # `mkdocs serve`: no report printed, no language waits for its search index
    incremental: bool = False  # an incremental preview (`preview`): each language renders only what changed


handed_over: Handover | None = None  # set in the parent just before it forks; read by the child's plugin


def take(root: Path) -> Handover | None:
    """The data and reports the parent handed over, if this process is a language build forked for `root`."""
    return handed_over if handed_over and handed_over.root == root else None


class LanguageBuild:
    """One other language, built in a forked process into a temporary folder beside the site's.

    An incremental preview keeps that folder from one rebuild to the next (`preview.language_folder`), as it
    keeps the site's.
    """

    def __init__(self, lang: str, root: Path, site_dir: Path, strict: bool, tool: str, handover: Handover):
        global handed_over
        self.lang = lang
        self.incremental = handover.incremental
        if self.incremental:
            self.folder = preview.language_folder(site_dir, lang)
            self.folder.mkdir(exist_ok=True)
        else:
            self.folder = Path(tempfile.mkdtemp(prefix=f".site-{lang}-", dir=site_dir.parent))
        handed_over = handover
        try:
            self.process = _FORK.Process(target=_build, name=f"build-{lang}", args=(
                tool, config_file(root, lang), self.folder, strict, self.incremental))
            self.process.start()
        finally:
            handed_over = None

    def finish_into(self, site_dir: Path) -> bool:
        """Wait for the build; move its language's folder into the site (an incremental preview's is mirrored,
        and kept). False if it failed (it said why)."""
        self.process.join()
        if self.process.exitcode != 0:
            self.stop()
            return False
        built, target = self.folder / language_root(self.lang), site_dir / language_root(self.lang)
        if self.incremental:
            preview.mirror(built, target)
            return True
        try:
            shutil.rmtree(target, ignore_errors=True)
            os.replace(built, target)
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
        return True

    def stop(self) -> None:
        """Abandon the build: the process ends and its folder goes."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        shutil.rmtree(self.folder, ignore_errors=True)


def _build(tool: str, config: Path, site_dir: Path, strict: bool, dirty: bool) -> None:
    """The forked process: build one language with the same tool, the same strictness, into `site_dir`
    (dirty: rendering only what changed since the last build there).

    Its progress lines would name a temporary folder: only its warnings and errors are shown.
    """
    logging.getLogger(f"{tool}.commands.build").setLevel(logging.WARNING)
    load_config = importlib.import_module(f"{tool}.config").load_config
    build = importlib.import_module(f"{tool}.commands.build").build
    try:
        build(load_config(str(config), site_dir=str(site_dir), strict=strict), dirty=dirty)
    except click.ClickException as failed:  # MkDocs' and ProperDocs' exceptions, as their command line shows them
        logging.getLogger(tool).error(failed.format_message())
        sys.exit(1)
