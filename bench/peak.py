"""Run `python -m MODULE ARGS…` in this process, then write its own peak memory and its children's.

The build's peak memory is two things: the Python process (MkDocs, the plugin) and
Pagefind, which runs in a process of its own at the end. `make bench` reports both,
so that the figure says which of the two to work on. PEAK_REPORT names the file
that receives `SELF_MB CHILDREN_MB`.
"""

from __future__ import annotations

import os
import resource
import runpy
import sys


def _report() -> None:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    with open(os.environ["PEAK_REPORT"], "w", encoding="utf-8") as report:
        report.write(f"{own:.1f} {children:.1f}\n")


if __name__ == "__main__":
    module, sys.argv = sys.argv[1], sys.argv[1:]
    try:
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    finally:
        _report()
