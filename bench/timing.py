"""How the benchmark times a command, a build and its stages: the one measure that bench/run.py's rows and
bench/history.py share, kept apart so that each can import it without importing the other."""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from peak import Peak, TreeMemory


HERE = Path(__file__).resolve().parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "MACROS_LANG": "en"}


def timed(command: list[str], cwd: Path, env: dict | None = None) -> tuple[float, float, Peak]:
    """(seconds, peak MB of all its processes together, their peaks by kind) of one run of `command`."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env or ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    memory = TreeMemory(process.pid)
    _, stderr = process.communicate()
    elapsed = time.perf_counter() - started
    peak = memory.stop()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n{stderr.decode()}")
    return elapsed, peak.total_mb, peak


def median_of(repeats: int, measure) -> tuple[float, list[float], list]:
    runs = [measure() for _ in range(repeats)]
    values = [run[0] if isinstance(run, tuple) else run for run in runs]
    return statistics.median(values), values, runs


@dataclass
class Build:
    seconds: float
    peak_mb: float  # the build's peak: all its processes together (bench/peak.py)
    python_mb: float  # the largest sum over its Python processes (both languages' builds)
    pagefind_mb: float  # the largest sum over its Pagefind runs
    runs: list[float]


def build(project: Path, repeats: int, fresh_cache: bool = False) -> Build:
    """The median time of `repeats` builds of `project`, and their peak memory (bench/peak.py).

    `fresh_cache`: each build starts with an empty report cache, as on a fresh clone or a CI cache miss.
    """
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(project / "site")]

    def once() -> tuple[float, float, Peak]:
        if not fresh_cache:
            return timed(command, project)
        with tempfile.TemporaryDirectory() as empty:
            return timed(command, project, {**ENV, "REPORTS_CACHE": empty})

    seconds, values, runs = median_of(repeats, once)
    peaks = [run[2] for run in runs]
    return Build(seconds, max(peak.total_mb for peak in peaks), max(peak.python_mb for peak in peaks),
                 max(peak.pagefind_mb for peak in peaks), values)


def stages(project: Path) -> dict:
    """Where one build of `project` spends its wall time, stage by stage (bench/phases.py): `total`, `stages`."""
    report = project.parent / f"{project.name}.phases"
    subprocess.run([sys.executable, str(HERE / "phases.py"), "--strict", "--quiet", "--site-dir",
                    str(project / "site-stages")], cwd=project, env={**ENV, "PHASES_REPORT": str(report)}, check=True)
    shutil.rmtree(project / "site-stages", ignore_errors=True)
    return json.loads(report.read_text(encoding="utf-8"))
