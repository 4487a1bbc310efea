"""Run `mkdocs build ARGS…` in this process and write where its time went, as JSON, to PHASES_REPORT.

The profile of `make bench` says which functions are expensive but slows Python
about twofold; this says, at full speed, how one build's wall time divides between
its stages, for our site and for plain Material alike (a stage a site does not
have takes 0 s). Each stage is a function whose calls are timed; "rest" is what no
stage covers: start-up, configuration, navigation, copying the theme's files.
"""

from __future__ import annotations

import functools
import importlib
import json
import os
import sys
import time


STAGES = {  # "module:attribute[.method]" → what the time is spent on
    "macros.model.dataset:load": "data read and validated",
    "macros.files.reports:reports": "annual reports: JSON and digests (the PDFs come from the cache)",
    "macros.language_files:add_generated_files": "record pages, open data, feeds and calendars rendered",
    "mkdocs.commands.build:_populate_page": "Markdown pages read and converted (MkDocs)",
    "mkdocs.commands.build:_build_page": "every page through the theme's template and the plugins' page steps",
    "macros.language_builds:LanguageBuild.finish_into": "waiting for the English build (its own process, meanwhile)",
    "macros.files.search:finish_index": "waiting for the last search index (Pagefind)",
    "material.plugins.search.plugin:SearchPlugin.on_post_build": "search index written (Material's lunr; each page is added to it in the page step)",
}


def _timed(function, label: str, spent: dict[str, float]):
    @functools.wraps(function)
    def timed(*args, **kwargs):
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[label] = spent.get(label, 0.0) + time.perf_counter() - started
    return timed


def _instrument(spent: dict[str, float]) -> None:
    for target, label in STAGES.items():
        module_name, _, attribute = target.partition(":")
        try:
            owner = importlib.import_module(module_name)
        except ImportError:  # plain Material has no macros package
            continue
        *path, name = attribute.split(".")
        for part in path:
            owner = getattr(owner, part)
        setattr(owner, name, _timed(getattr(owner, name), label, spent))


if __name__ == "__main__":
    started = time.perf_counter()
    spent: dict[str, float] = {}
    _instrument(spent)
    from mkdocs.__main__ import cli

    try:
        cli(["build", *sys.argv[1:]], standalone_mode=False)
    finally:
        total = time.perf_counter() - started
        spent["rest"] = total - sum(spent.values())
        with open(os.environ["PHASES_REPORT"], "w", encoding="utf-8") as report:
            json.dump({"total": total, "stages": spent}, report)
