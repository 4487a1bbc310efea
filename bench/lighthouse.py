"""Lighthouse on a built site served as a static host serves it: text compressed with gzip.

Used by `make bench` (performance) and by tests/test_lighthouse.py (accessibility, best
practices, SEO, layout shift). Lighthouse is pinned in bench/package.json and drives the machine's
Chromium (tools/browser.py finds it); bench/lighthouse.mjs runs every page in one browser.

Lighthouse 13 needs Node 22 or later: on Node 20 it runs, but three of its audits fail on
iterator methods that Node 20 lacks. So bench/package.json also pins the npm package `node`
(22), whose install puts a Node binary from the npm registry in bench/node_modules/.bin/node,
and Lighthouse runs on that, whatever Node the machine has.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import json
import os
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from tools import browser


HERE = Path(__file__).resolve().parent
RUNNER = HERE / "lighthouse.mjs"
NODE = HERE / "node_modules" / ".bin" / "node"
INSTALLED = HERE / "node_modules" / "lighthouse" / "package.json"
INSTALL = "Lighthouse is not installed: run `make lighthouse` (npm ci --prefix bench; versions in bench/package.json)."
SECONDS_PER_PAGE = 90  # a page takes about 10 s; beyond this, something hangs
SHOWN_ELEMENTS = 3


class Host(http.server.SimpleHTTPRequestHandler):
    """A static host as the site will have one: text compressed with gzip, no logging."""

    COMPRESSED = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".ics", ".csv")

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or path.suffix not in self.COMPRESSED \
                or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        """A browser that stops reading (a cancelled fetch) is no error of the site's: only others are printed."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def serving(site: Path, port: int = 0):
    """(server, base URL) of `site` on `port` (a free one by default); call `server.shutdown()` when done.

    A site is built for its address (its hreflang links are absolute): serve it at the port it was built for.
    """
    server = _Server(("127.0.0.1", port), functools.partial(Host, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@dataclass(frozen=True)
class Report:
    """What Lighthouse found on one page: scores out of 100, layout shift, and why a score is short."""

    scores: dict[str, int | None]
    layout_shift: float | None
    shortfalls: dict[str, list[str]]
    errors: list[str]


def run(base: str, pages: dict[str, list[str]]) -> dict[str, Report]:
    """Lighthouse, mobile, on each page of the site served at `base` (a path from its root → the categories)."""
    if not (INSTALLED.is_file() and NODE.is_file()):
        raise RuntimeError(INSTALL)
    request = json.dumps([{"url": base + path, "categories": categories} for path, categories in pages.items()])
    output = subprocess.run([str(NODE), str(RUNNER)], input=request, capture_output=True, text=True,
                            env={**os.environ, "CHROME_PATH": browser.find()}, timeout=SECONDS_PER_PAGE * len(pages))
    if output.returncode != 0:
        raise RuntimeError(f"Lighthouse failed (exit {output.returncode}):\n{output.stderr}")
    return {path: _report(json.loads(line)) for path, line in zip(pages, output.stdout.splitlines(), strict=True)}


def _report(result: dict) -> Report:
    audits = result["audits"]
    shortfalls = {}
    for name, category in result["categories"].items():
        failing = [audits[ref["id"]] for ref in category["auditRefs"]
                   if ref["weight"] > 0 and audits[ref["id"]]["score"] is not None and audits[ref["id"]]["score"] < 1]
        shortfalls[name] = [_describe(audit) for audit in failing]
    errors = [f"{audit['id']}: {audit.get('errorMessage', 'error')}" for audit in audits.values()
              if audit["scoreDisplayMode"] == "error"]
    if result.get("runtimeError"):
        errors.insert(0, f"{result['runtimeError']['code']}: {result['runtimeError']['message']}")
    shift = audits.get("cumulative-layout-shift", {}).get("numericValue")
    return Report({name: None if category["score"] is None else round(category["score"] * 100)
                   for name, category in result["categories"].items()}, shift, shortfalls, errors)


def _describe(audit: dict) -> str:
    """`id (score): title — the first elements at fault`."""
    items = (audit.get("details") or {}).get("items") or []
    nodes = [item["node"].get("selector", "") for item in items if isinstance(item.get("node"), dict)]
    more = f" and {len(nodes) - SHOWN_ELEMENTS} more" if len(nodes) > SHOWN_ELEMENTS else ""
    where = f" — {', '.join(nodes[:SHOWN_ELEMENTS])}{more}" if nodes else ""
    return f"{audit['id']} ({audit['score']:.2f}): {audit['title']}{where}"
