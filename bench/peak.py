"""The peak memory of a command and every process it starts, together, sampled from /proc while it runs.

Our build is several processes at once: the Vietnamese build, the English build it forks, and
Pagefind once per language; plain Material is one. A process's own peak (`ru_maxrss`) says
nothing about their sum, and forked processes share pages their resident sizes would each
count, so every sample adds up each process's proportional share (PSS, Linux's
`/proc/PID/smaps_rollup`), split between Python and Pagefind so that the figure says which to
work on. Ten samples a second: every stage of a build lasts longer than that.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")
INTERVAL = 0.1  # seconds between samples


@dataclass
class Peak:
    total_mb: float = 0.0  # the largest sum over every process of the tree
    python_mb: float = 0.0  # the largest sum over its Python processes
    pagefind_mb: float = 0.0  # the largest sum over its Pagefind processes


class TreeMemory:
    """Samples the memory of process `pid` and its descendants on a thread until `stop()`."""

    def __init__(self, pid: int):
        self.pid, self.peak = pid, Peak()
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def stop(self) -> Peak:
        """Stop sampling (call before the process is reaped, once it has ended) and return the peaks."""
        self._done.set()
        self._thread.join()
        return self.peak

    def _sample(self) -> None:
        while not self._done.wait(INTERVAL):
            sums = {"python": 0.0, "pagefind": 0.0, "other": 0.0}
            for pid in _tree(self.pid):
                kind, megabytes = _share(pid)
                sums[kind] += megabytes
            self.peak.total_mb = max(self.peak.total_mb, sum(sums.values()))
            self.peak.python_mb = max(self.peak.python_mb, sums["python"])
            self.peak.pagefind_mb = max(self.peak.pagefind_mb, sums["pagefind"])


def _tree(root: int) -> list[int]:
    """`root` and its descendants now running, from each process's parent in /proc/PID/stat."""
    children: dict[int, list[int]] = {}
    for entry in PROC.iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:  # ended meanwhile
                continue
            parent = int(stat.rpartition(")")[2].split()[1])  # the name, in parentheses, may hold spaces
            children.setdefault(parent, []).append(int(entry.name))
    found, waiting = [], [root]
    while waiting:
        pid = waiting.pop()
        found.append(pid)
        waiting += children.get(pid, [])
    return found


def _share(pid: int) -> tuple[str, float]:
    """The kind of process `pid` is and its proportional share of memory in MB (0 if it has ended)."""
    try:
        name = (PROC / str(pid) / "comm").read_text().strip()
        rollup = (PROC / str(pid) / "smaps_rollup").read_text()
    except OSError:
        return "other", 0.0
    kilobytes = next((int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:")), 0)
    if "pagefind" in name or name == "node":  # npm's `pagefind` is a Node launcher of the program
        return "pagefind", kilobytes / 1024
    kind = "python" if name.startswith("python") else "other"
    return kind, kilobytes / 1024
