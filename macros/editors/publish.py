"""Build the site into a temporary folder and swap it into place only on success.

A failed build (invalid data, a broken link under --strict) therefore leaves
the previous `site/` exactly as it was: nothing half-built is ever served.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from macros import messages


def build(root: Path, site: Path) -> int:
    """Run `mkdocs build --strict` for `root` into a fresh folder, then replace `site`."""
    site = site.resolve()
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=site.parent))
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
               "--config-file", str(root / "mkdocs.yml"), "--site-dir", str(staging)]
    built = False
    try:
        built = subprocess.run(command, cwd=root).returncode == 0
    finally:  # also when interrupted (Ctrl-C); a killed build's folder is git-ignored and `make clean` removes it
        if not built:
            shutil.rmtree(staging, ignore_errors=True)
    if not built:
        print(messages.text("build_failed", site=site), file=sys.stderr)
        return 1
    previous = site.with_name(site.name + ".previous")
    shutil.rmtree(previous, ignore_errors=True)
    if site.exists():
        site.rename(previous)
    staging.rename(site)
    shutil.rmtree(previous, ignore_errors=True)
    print(messages.text("build_done", site=site))
    return 0
