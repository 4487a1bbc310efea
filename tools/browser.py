"""Find a Chromium-family browser for the browser tests, Lighthouse and the benchmark, wherever the machine keeps it.

One answer for the Makefile (`python3 tools/browser.py` prints the path, or one sentence of what to
install, and exits 1), the tests (tests/conftest.py) and the benchmark (bench/lighthouse.py):
the BROWSER_PATH variable first, then the usual program names on PATH (Debian's `chromium`,
Ubuntu's `chromium-browser` snap, Google Chrome), then the usual places outside PATH (the snap's,
macOS applications). Playwright drives it; no browser is ever downloaded.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

VARIABLE = "BROWSER_PATH"
NAMES = ("chromium", "chromium-browser", "google-chrome-stable", "google-chrome", "chrome")
PLACES = (
    "/usr/bin/chromium",
    "/snap/bin/chromium",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
)
INSTALL = ("No Chromium-family browser found: install one (Debian: sudo apt-get install chromium; "
           "Ubuntu: sudo snap install chromium; macOS: Google Chrome), or set BROWSER_PATH to its program.")


class NotFound(Exception):
    """No browser: the message says what to install."""


def find(environ: dict[str, str] | None = None, places: tuple[str, ...] = PLACES) -> str:
    """The browser's program; raise NotFound with what to install."""
    environ = os.environ if environ is None else environ
    chosen = environ.get(VARIABLE)
    if chosen:
        if _runnable(chosen):
            return chosen
        raise NotFound(f"{VARIABLE}={chosen} is not a program that can run.")
    for name in NAMES:
        found = shutil.which(name, path=environ.get("PATH", ""))
        if found:
            return found
    for place in places:
        if _runnable(place):
            return place
    raise NotFound(INSTALL)


def _runnable(path: str) -> bool:
    return Path(path).is_file() and os.access(path, os.X_OK)


if __name__ == "__main__":
    try:
        print(find())
    except NotFound as missing:
        print(missing, file=sys.stderr)
        sys.exit(1)
