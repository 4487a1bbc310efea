"""What holds the build's memory: a tracemalloc snapshot just before the search index is built.

At that moment both languages' pages are still referenced (mkdocs-static-i18n keeps the
first language's files while it builds the second), which is when the build's own memory
peaks. Pagefind, which runs next in a process of its own, is measured apart by `make bench`.
"""

from __future__ import annotations

import sys
import tracemalloc
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from macros.files import search


def top_holders(project: Path, site: Path, limit: int = 12) -> tuple[float, list[tuple[str, float]]]:
    """(traced MB at the snapshot, [(module folder or file, MB)…]) of one build of `project`."""
    taken: list[tracemalloc.Snapshot] = []
    build_index = search.build_index

    def snapshot_then_index(site_dir: str) -> None:
        taken.append(tracemalloc.take_snapshot())
        build_index(site_dir)

    search.build_index = snapshot_then_index
    tracemalloc.start(1)
    try:
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True))
    finally:
        search.build_index = build_index
        tracemalloc.stop()
    statistics = taken[0].statistics("filename")
    by_place: dict[str, float] = {}
    for statistic in statistics:
        by_place[_place(statistic.traceback[0].filename)] = by_place.get(_place(statistic.traceback[0].filename), 0) + statistic.size
    total = sum(by_place.values()) / 2**20
    return total, sorted(((place, size / 2**20) for place, size in by_place.items()), key=lambda item: -item[1])[:limit]


def _place(filename: str) -> str:
    """A file of the project by its path in it; a library's file by the library's name and module."""
    parts = Path(filename).parts
    if "site-packages" in parts:
        return "/".join(parts[parts.index("site-packages") + 1:][:2])
    if "macros" in parts:
        return "/".join(parts[parts.index("macros"):])
    return "Python: " + Path(filename).name


if __name__ == "__main__":  # python bench/memory.py PROJECT
    project = Path(sys.argv[1]).resolve()
    total, holders = top_holders(project, project / "site")
    print(f"{total:.0f} MB traced")
    for place, size in holders:
        print(f"{size:8.1f} MB  {place}")
