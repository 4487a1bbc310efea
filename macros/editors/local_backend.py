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
  - it writes what the form sent through `normalise` (house style, only the changed lines), then
    validates the whole dataset: when the save made a record invalid it puts the file back and
    answers with the validator's located problems, which Decap shows to the editor;
  - it serves /admin/ (the bundle, the page with its policy, the configuration with the proxy
    backend), so nothing is loaded from another host.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from macros.reading import dataset
from macros.editors import admin, cms_config, normalise
from macros.model.records import COLLECTIONS
from macros.reading.problems import InvalidData

HOST = "127.0.0.1"
API = "/api/v1"
MAX_REQUEST = 20 * 1024 * 1024  # bytes: a record is a few kilobytes, an image a few megabytes
_RECORD = re.compile(r"(?P<collection>%s)/(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)\.yml" % "|".join(COLLECTIONS))
_MEDIA = re.compile(r"media/[a-z0-9][a-z0-9._-]*\.(?:jpg|jpeg|png|webp)")
_lock = threading.Lock()  # one save at a time: write, validate, maybe put back


class Refused(Exception):
    """A request the backend will not carry out; the message is shown to the editor."""

    def __init__(self, message: str, status: HTTPStatus = HTTPStatus.UNPROCESSABLE_ENTITY):
        super().__init__(message)
        self.status = status


class Backend:
    """The actions of Decap's proxy protocol on one project folder."""

    def __init__(self, root: Path):
        self.root = root.resolve()
        self.forms = {collection["name"]: collection["fields"]
                      for collection in cms_config.configuration()["collections"]}

    def handle(self, action: str, params: dict):
        handler = getattr(self, f"action_{action}", None)
        if handler is None:
            raise Refused(f"unknown action {action!r}")
        return handler(**{key: value for key, value in params.items() if key != "branch"})

    def action_info(self):
        return {"repo": self.root.name, "publish_modes": ["simple"], "type": "local_fs"}

    def action_entriesByFolder(self, folder: str, extension: str = "yml", depth: int = 1, **_):
        if folder not in COLLECTIONS:
            raise Refused(f"{folder!r} is not a data folder")
        names = sorted(path.name for path in (self.root / folder).glob("*.yml") if path.is_file() and not path.is_symlink())
        return [self._entry(f"{folder}/{name}") for name in names if _RECORD.fullmatch(f"{folder}/{name}")]

    def action_entriesByFiles(self, files: list, **_):
        return [self._entry(file["path"]) for file in files]

    def action_getEntry(self, path: str, **_):
        return self._entry(path)

    def action_persistEntry(self, dataFiles: list | None = None, entry: dict | None = None, assets=(), **_):
        for asset in assets:
            self.action_persistMedia(asset)
        for data_file in dataFiles or [entry]:
            if data_file.get("newPath") and data_file["newPath"] != data_file["path"]:
                raise Refused("renaming a record changes its address: rename it in git and add a redirect "
                              "(README, Stable addresses)")
            self._save(data_file["path"], data_file["raw"])
        return {"message": "entry persisted"}

    def action_getMedia(self, mediaFolder: str = "media", **_):
        folder = self.root / "media"
        return [self._media(f"media/{path.name}") for path in sorted(folder.iterdir())
                if _MEDIA.fullmatch(f"media/{path.name}")] if folder.is_dir() else []

    def action_getMediaFile(self, path: str, **_):
        return self._media(path)

    def action_persistMedia(self, asset: dict, **_):
        target = self._path(asset["path"], _MEDIA)
        if asset.get("encoding") != "base64":
            raise Refused("an image must be sent base64-encoded")
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(base64.b64decode(asset["content"], validate=True))
        return self._media(asset["path"])

    def action_deleteFile(self, path: str, **_):
        raise Refused("records are not deleted from the editor: delete the file in git and add a redirect "
                      "(README, Stable addresses)")

    action_deleteFiles = action_deleteFile

    def action_getDeployPreview(self, **_):
        return None

    def _entry(self, path: str) -> dict:
        content = self._path(path, _RECORD).read_bytes()
        return {"data": content.decode("utf-8"), "file": {"path": path, "id": hashlib.sha256(content).hexdigest()}}

    def _media(self, path: str) -> dict:
        content = self._path(path, _MEDIA).read_bytes()
        return {"id": hashlib.sha256(content).hexdigest(), "content": base64.b64encode(content).decode("ascii"),
                "encoding": "base64", "path": path, "name": path.rsplit("/", 1)[-1]}

    def _path(self, path: str, form: re.Pattern) -> Path:
        """The file `path` names, if it has `form` whole and is a plain file or nothing yet (no link)."""
        if not isinstance(path, str) or not form.fullmatch(path):
            raise Refused(f"{path!r} is not a file the editor may touch", HTTPStatus.FORBIDDEN)
        target = self.root / path
        if target.is_symlink() or (target.exists() and not target.is_file()) or target.parent.is_symlink():
            raise Refused(f"{path!r} is not a plain file", HTTPStatus.FORBIDDEN)
        return target

    def _save(self, path: str, raw: str) -> None:
        """Write the record in the house style; put it back and report if it is no longer valid."""
        target = self._path(path, _RECORD)
        collection = _RECORD.fullmatch(path)["collection"]
        with _lock:
            before = target.read_text(encoding="utf-8") if target.exists() else None
            try:
                text = normalise.saved(raw, before, self.forms[collection])
            except normalise.Unwritable as unwritable:
                raise Refused(f"{path}: {unwritable}") from unwritable
            if text == before:
                return
            was_valid = self._problems() == []
            target.write_text(text, encoding="utf-8", newline="\n")
            problems = self._problems()
            mine = [problem for problem in problems if problem.file == path]
            if mine or (was_valid and problems):
                if before is None:
                    target.unlink()
                else:
                    target.write_text(before, encoding="utf-8", newline="\n")
                raise Refused("\n".join(str(problem) for problem in (mine or problems)))

    def _problems(self) -> list:
        try:
            dataset.load(self.root)
        except InvalidData as invalid:
            return invalid.problems
        return []

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

    def log_message(self, format, *args):  # noqa: A002 (the base class's name): one line per save is enough
        pass

    def _allowed(self) -> bool:
        """Only requests addressed to this computer by name (no DNS rebinding)."""
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0]
        return host in (HOST, "localhost")

    def do_GET(self):  # noqa: N802 (http.server's naming)
        if not self._allowed():
            return self._send(HTTPStatus.FORBIDDEN, b"", "text/plain")
        path = self.path.split("?", 1)[0]
        if path in ("/", "/admin"):
            self.send_response(HTTPStatus.FOUND)
            self.send_header("Location", "/admin/")
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
            return self._json(HTTPStatus.FORBIDDEN, {"error": "forbidden"})
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_REQUEST:
            return self._json(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, {"error": "request too large"})
        try:
            body = json.loads(self.rfile.read(length))
            result = self.backend.handle(body["action"], body.get("params") or {})
        except Refused as refused:
            return self._json(refused.status, {"error": str(refused)})
        except (ValueError, KeyError, TypeError) as bad:
            return self._json(HTTPStatus.BAD_REQUEST, {"error": f"bad request: {bad}"})
        self._json(HTTPStatus.OK, result)

    def _json(self, status: HTTPStatus, value) -> None:
        self._send(status, json.dumps(value, ensure_ascii=False).encode(), "application/json; charset=utf-8")

    def _send(self, status: HTTPStatus, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        self.wfile.write(body)


def server(root: Path, port: int = 0) -> ThreadingHTTPServer:
    """The backend for `root` on 127.0.0.1:`port` (0: any free port), not yet serving."""
    handler = type("Handler", (_Handler,), {"backend": Backend(root)})
    return ThreadingHTTPServer((HOST, port), handler)
