"""Compare two builds of the site: the same files, byte for byte, but for the generator tag.

`python tools/same_site.py MKDOCS_SITE PROPERDOCS_SITE` exits 0 when the two folders hold the
same files with the same bytes once each page's `<meta name="generator">` is left out (it names
the tool that built the page), and lists the differences otherwise. CI builds the site with MkDocs
and with ProperDocs, the maintained continuation of MkDocs 1.x, and runs this, so that switching
builders is a one-line change the day it is needed (docs/stack.md).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def differences(first: Path, second: Path) -> list[str]:
    """What differs between the two folders, one line each (empty when they are the same site)."""
    names = {path.relative_to(first) for path in first.rglob("*") if path.is_file()}
    others = {path.relative_to(second) for path in second.rglob("*") if path.is_file()}
    found = [f"only in {first}: {name}" for name in sorted(names - others)]
    found += [f"only in {second}: {name}" for name in sorted(others - names)]
    found += [f"differs: {name}" for name in sorted(names & others)
              if _without_generator(first / name) != _without_generator(second / name)]
    return found


def _without_generator(path: Path) -> bytes:
    data = path.read_bytes()
    return GENERATOR.sub(b"", data) if path.suffix == ".html" else data


if __name__ == "__main__":
    found = differences(Path(sys.argv[1]), Path(sys.argv[2]))
    print("\n".join(found) or "The two builds are the same site (generator tags aside).")
    sys.exit(1 if found else 0)
