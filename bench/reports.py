"""Seconds the annual reports of one project take as a build spends them, printed as JSON: `seconds`, `pages`.

`python bench/reports.py PROJECT [--one-core]` loads the project's data and the
interface words first (a build needs both for its pages anyway), then times
`reports.reports()`, which prints into the cache REPORTS_CACHE names the
reports it does not hold: every report from scratch with an empty cache, the
edited year's with a warm one. `--one-core` keeps the process and its workers on
the first core: the pages per second of one core.
"""

from __future__ import annotations

import io
import json
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pypdf import PdfReader  # noqa: E402

from macros.common.interface import labels  # noqa: E402
from macros.files import reports  # noqa: E402
from macros.model import dataset  # noqa: E402


def main() -> None:
    project = Path(sys.argv[1])
    if "--one-core" in sys.argv:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    model = dataset.load(project).model
    labels()
    started = time.perf_counter()
    made = reports.reports(model, "http://127.0.0.1:8000/", project)
    seconds = time.perf_counter() - started
    pages = sum(len(PdfReader(io.BytesIO(report.content)).pages) for report in made)
    print(json.dumps({"seconds": seconds, "pages": pages}))


if __name__ == "__main__":
    main()
