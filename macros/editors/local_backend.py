"""`make edit`: Decap CMS on this computer, reading and writing the working tree, for one editor.

A small server in place of npm's `decap-server`: it speaks the same protocol (POST /api/v1 with an
`action`), but it is ours so that every save goes through the same gate as `make validate`:
  - it listens on 127.0.0.1 only, and answers only requests addressed to 127.0.0.1 or localhost
    (a web page elsewhere cannot reach it through DNS rebinding); it acts only on JSON sent from its
    own page (a page on another site could post a form or a text/plain request to 127.0.0.1: the
    Origin must be this server's, and a JSON request from another origin needs a CORS preflight,
    which it never grants);
  - it reads and writes `<collection>/<id>.yml` in the four data folders and images in media/,
    nothing else: a path is matched whole against those forms, never joined and then checked;
  - every save goes through `store.Store`: merged with what changed since the form opened the
    record, written in the house style (`normalise`), checked with the whole dataset before it is
    written, then written whole; a refusal comes back with its reason, which Decap shows the editor;
  - every request gets an answer with a status and a message, whatever it holds (a length that is
    not a number, JSON nested 100,000 deep, parameters of the wrong type): never a dropped connection;
  - it serves /admin/ (the bundle, the page with its policy, the configuration with the proxy
    backend), so nothing is loaded from another host.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from macros.common import messages
from macros.common.collections import COLLECTIONS
from macros.editors import admin, cms_config
from macros.editors.store import MEDIA, RECORD, Refused, Store
from macros.model import dataset
from macros.reading.problems import InvalidData

HOST = "127.0.0.1"
API = "/api/v1"
MAX_REQUEST = 20 * 1024 * 1024  # bytes: a record is a few kilobytes, an image a few megabytes
_LENGTH = re.compile(r"[0-9]{1,9}")  # Content-Length as RFC 9110 writes it: digits only (no sign, no spaces)


def _bad(detail: str) -> Refused:
    return Refused(messages.text("editor_bad_request", detail=detail), HTTPStatus.BAD_REQUEST)


def _param(params: dict, name: str, kind: type, default=None):
    """The parameter `name`, if it is of `kind` (or absent, when there is a default)."""
    value = params.get(name, default)
    if not isinstance(value, kind):
        raise _bad(f"`{name}` must be {kind.__name__}")
    return value


class Backend:
    """The actions of Decap's proxy protocol on one project folder."""

    def __init__(self, root: Path):
        self.store = Store(root)
        self.root = self.store.root
        self.actions = {
            "info": self.info, "entriesByFolder": self.entries_by_folder, "entriesByFiles": self.entries_by_files,
            "getEntry": self.get_entry, "persistEntry": self.persist_entry, "getMedia": self.get_media,
            "getMediaFile": self.get_media_file, "persistMedia": self.persist_media,
            "deleteFile": self.delete_file, "deleteFiles": self.delete_file, "getDeployPreview": self.deploy_preview,
        }

    def handle(self, action: str, params: dict):
        if action not in self.actions:
            raise _bad(f"unknown action {action!r}")
        return self.actions[action](params)

    def info(self, params: dict):
        return {"repo": self.root.name, "publish_modes": ["simple"], "type": "local_fs"}

    def entries_by_folder(self, params: dict):
        folder = _param(params, "folder", str)
        if folder not in COLLECTIONS:
            raise Refused(messages.text("editor_forbidden_path", path=repr(folder)))
        names = sorted(path.name for path in (self.root / folder).glob("*.yml")
                       if path.is_file() and not path.is_symlink())
        return [self.store.listed(f"{folder}/{name}") for name in names if RECORD.fullmatch(f"{folder}/{name}")]

    def entries_by_files(self, params: dict):
        files = _param(params, "files", list)
        return [self.store.listed(_param(file if isinstance(file, dict) else {}, "path", str)) for file in files]

    def get_entry(self, params: dict):
        return self.store.entry(_param(params, "path", str), opening=True)

    def persist_entry(self, params: dict):
        """Save one record, and the images sent with it; a refused save takes its new images back."""
        entry = params.get("entry")
        data_files = _param(params, "dataFiles", list, [entry] if entry is not None else [])
        if len(data_files) != 1 or not isinstance(data_files[0], dict):
            raise _bad("one record per save")
        data_file = data_files[0]
        path, raw = _param(data_file, "path", str), _param(data_file, "raw", str)
        if data_file.get("newPath") not in (None, path):
            raise Refused(messages.text("editor_rename"))
        added = []
        try:
            for asset in _param(params, "assets", list, []):
                added += self._add_image(asset)
            self.store.save(path, raw)
        except BaseException:
            self.store.remove_images(added)
            raise
        return {"message": "entry persisted"}

    def get_media(self, params: dict):
        folder = self.root / "media"
        names = sorted(path.name for path in folder.iterdir() if path.is_file() and not path.is_symlink()) \
            if folder.is_dir() and not folder.is_symlink() else []
        return [self._media(f"media/{name}") for name in names if MEDIA.fullmatch(f"media/{name}")]

    def get_media_file(self, params: dict):
        return self._media(_param(params, "path", str))

    def persist_media(self, params: dict):
        asset = _param(params, "asset", dict)
        self._add_image(asset)
        return self._media(asset["path"])

    def delete_file(self, params: dict):
        raise Refused(messages.text("editor_delete"))

    def deploy_preview(self, params: dict):
        return None

    def _add_image(self, asset) -> list[str]:
        """Add one image Decap sent (base64); the paths it added (none if that very file is there already)."""
        if not isinstance(asset, dict) or asset.get("encoding") != "base64":
            raise _bad("an image is sent base64-encoded")
        path = _param(asset, "path", str)
        try:
            content = base64.b64decode(_param(asset, "content", str), validate=True)
        except binascii.Error:
            raise _bad("the image is not valid base64") from None
        return [path] if self.store.add_image(path, content) else []

    def _media(self, path: str) -> dict:
        content = self.store.existing(path, MEDIA)
        return {"id": hashlib.sha256(content).hexdigest(), "content": base64.b64encode(content).decode("ascii"),
                "encoding": "base64", "path": path, "name": path.rsplit("/", 1)[-1]}

    def config(self) -> str:
        """The configuration the CMS loads here: the proxy backend (this server), the data's plan elements."""
        try:
            elements = cms_config.plan_elements(dataset.load(self.root).model)
        except InvalidData:
            elements = []  # the editor can still open and mend the invalid record
        return cms_config.served(elements, {"name": "proxy", "proxy_url": API, "branch": "main"})


class _Handler(BaseHTTPRequestHandler):
    backend: Backend
    server_version = "bnv-cms-local"
    timeout = 60  # seconds a client may take to send its request: a stalled one does not hold a thread for ever

    def log_message(self, format, *args):  # noqa: A002 (the base class's name): one line per save is enough
        pass

    def _allowed(self) -> bool:
        """Only requests addressed to this computer by name (no DNS rebinding)."""
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0]
        return host in (HOST, "localhost")

    def do_GET(self):  # noqa: N802 (http.server's naming)
        if not self._allowed():
            return self._send(HTTPStatus.FORBIDDEN, b"", "text/plain")
        self._answering(self._get)

    def _get(self):
        path = self.path.split("?", 1)[0]
        if path in ("/", "/admin"):
            self.send_response(HTTPStatus.FOUND)
            self.send_header("Location", "/admin/")
            self.send_header("Content-Length", "0")
            return self.end_headers()
        if path == "/admin/":
            return self._send(HTTPStatus.OK, admin.page(production=False).encode(), "text/html; charset=utf-8")
        if path == "/admin/config.yml":
            return self._send(HTTPStatus.OK, self.backend.config().encode(), "text/yaml; charset=utf-8")
        served = admin.files().get(path.removeprefix("/admin/")) if path.startswith("/admin/") else None
        if served is None:
            return self._send(HTTPStatus.NOT_FOUND, b"not found", "text/plain")
        kinds = {".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm"}
        self._send(HTTPStatus.OK, served.read_bytes(), kinds.get(served.suffix, "application/octet-stream"))

    def _from_own_page(self) -> bool:
        """JSON, and from a page of this server (a browser always sends Origin with a POST)."""
        origin = self.headers.get("Origin")
        own = origin is None or origin == f"http://{self.headers.get('Host')}"
        return own and (self.headers.get("Content-Type") or "").startswith("application/json")

    def do_POST(self):  # noqa: N802
        if not self._allowed() or self.path != API or not self._from_own_page():
            self.close_connection = True  # its body, if any, is not read
            return self._json(HTTPStatus.FORBIDDEN, {"error": "forbidden"})
        self._answering(lambda: self._json(HTTPStatus.OK, self.backend.handle(*self._request())))

    def _request(self) -> tuple[str, dict]:
        """The action and parameters of a POST, read within the size limit, or Refused saying what is wrong."""
        lengths = self.headers.get_all("Content-Length") or []
        if self.headers.get("Transfer-Encoding") or len(lengths) != 1 or not _LENGTH.fullmatch(lengths[0]):
            self.close_connection = True
            raise Refused(messages.text("editor_bad_request", detail="Content-Length"), HTTPStatus.LENGTH_REQUIRED)
        length = int(lengths[0])
        if length > MAX_REQUEST:
            self.close_connection = True
            raise Refused(messages.text("editor_too_large", limit=MAX_REQUEST // 2**20),
                          HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
        body = self.rfile.read(length)
        try:
            request = json.loads(body)
        except (ValueError, RecursionError):  # not UTF-8, not JSON, or nested past the parser's stack
            raise _bad("not JSON") from None
        if not isinstance(request, dict):
            raise _bad("not a JSON object")
        return _param(request, "action", str), _param(request, "params", dict, {})

    def _answering(self, respond) -> None:
        """Run `respond`; a refusal, or any failure, is answered with its status and message."""
        try:
            respond()
        except Refused as refused:
            self._json(refused.status, {"error": str(refused)})
        except (TimeoutError, ConnectionError):
            self.close_connection = True  # the client went away, or stopped sending: nobody to answer
        except Exception as error:  # a fault of ours: the editor gets a message, the terminal one line
            print(f"make edit: {self.command} {self.path}: {type(error).__name__}: {error}", file=sys.stderr)
            self.close_connection = True
            self._json(HTTPStatus.INTERNAL_SERVER_ERROR,
                       {"error": messages.text("editor_failed", error=type(error).__name__)})

    def _json(self, status: HTTPStatus, value) -> None:
        self._send(status, json.dumps(value, ensure_ascii=False).encode(), "application/json; charset=utf-8")

    def _send(self, status: HTTPStatus, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        """A connection that failed outside a request (reset, closed half-way): one line, no traceback."""
        error = sys.exc_info()[1]
        print(f"make edit: connection from {client_address[0]}: {type(error).__name__}: {error}", file=sys.stderr)


def server(root: Path, port: int = 0) -> ThreadingHTTPServer:
    """The backend for `root` on 127.0.0.1:`port` (0: any free port), not yet serving."""
    handler = type("Handler", (_Handler,), {"backend": Backend(root)})
    return _Server((HOST, port), handler)
