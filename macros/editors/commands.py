"""`python -m macros cms-config` and `python -m macros edit`: the browser editor's commands."""

from __future__ import annotations

import argparse
import os
import re
import socket
import subprocess
import sys
import threading
from pathlib import Path

from macros.common import PREVIEW_COMMAND, PROJECT, messages
from macros.editors import admin, cms_config, local_backend
from macros.editors.store import Store
from macros.model import dataset
from macros.reading.problems import InvalidData

# Where `edit` listens, unless these variables say otherwise: read by `edit` alone, so that a wrong value
# stops the editor with a sentence and never another command.
PORTS = {"EDIT_PORT": 8081, "PREVIEW_PORT": 8000}


class PortRefused(Exception):
    """A port the editor would listen on is not a port number, or not free; the message says which and what to do."""


def register(commands) -> None:
    """Add the commands to `python -m macros`'s subcommands."""
    config = commands.add_parser("cms-config", help="write cms/config.yml from the schemas (--check: only compare)")
    config.add_argument("--check", action="store_true", help="exit 1 if cms/config.yml differs from the schemas")
    config.set_defaults(run=write_config)
    edit_command = commands.add_parser("edit", help="edit records in the browser: local backend and live preview")
    edit_command.add_argument("--no-preview", action="store_true", help="start the editor only, not `mkdocs serve`")
    edit_command.set_defaults(run=edit)
    admin_command = commands.add_parser("admin", help="add the browser editor (/admin/, GitHub backend) to a built site")
    admin_command.add_argument("--site-dir", type=Path, help="the built site (default: ROOT/site)")
    admin_command.set_defaults(run=add_admin)


def write_config(args: argparse.Namespace) -> int:
    """Regenerate the committed configuration, or (--check) say whether it has drifted."""
    wanted = cms_config.text()
    current = cms_config.CONFIG.read_text(encoding="utf-8") if cms_config.CONFIG.exists() else ""
    if args.check:
        if current != wanted:
            print(messages.text("cms_config_differs"), file=sys.stderr)
            return 1
        print(messages.text("cms_config_matches"))
        return 0
    cms_config.CONFIG.write_text(wanted, encoding="utf-8")
    print(messages.text("cms_config_written", path=cms_config.CONFIG.relative_to(PROJECT).as_posix()))
    return 0


def add_admin(args: argparse.Namespace) -> int:
    """Write /admin/ into the built site: after the site's own checks, which are for readers' pages."""
    site = args.site_dir or args.root / "site"
    if not (site / "index.html").is_file():
        print(messages.text("admin_no_site", site=site), file=sys.stderr)
        return 1
    try:
        cms_config.github_backend(args.root)  # refused before anything is written
        folder = admin.write(site, args.root, cms_config.plan_elements(dataset.load(args.root).model))
    except (cms_config.NoRepository, admin.BundleMissing) as refused:
        print(refused, file=sys.stderr)
        return 1
    except InvalidData as invalid:
        print(invalid.report(), file=sys.stderr)
        return 1
    print(messages.text("admin_written", folder=folder))
    return 0


def edit(args: argparse.Namespace) -> int:
    """Serve the editor on 127.0.0.1:EDIT_PORT and the live preview on PREVIEW_PORT until Ctrl-C.

    Both ports are checked before anything starts; a preview that stops with an error stops the editor
    too, with an exit status that says so.
    """
    try:
        editor_port, preview_port = _ports(preview=not args.no_preview)
        admin.files()
    except (PortRefused, admin.BundleMissing) as refused:
        print(refused, file=sys.stderr)
        return 1
    try:  # invalid data: say which files the form can mend, and start the editor all the same
        dataset.load(args.root)
    except InvalidData as invalid:
        print(invalid.report(), file=sys.stderr)
        print(_where_to_mend(args.root, invalid), file=sys.stderr)
        if preview_port:  # the preview's first build would fail, and with it the preview
            print(messages.text("preview_not_started"), file=sys.stderr)
            preview_port = None
    try:
        server = local_backend.server(args.root, editor_port)
    except OSError as taken:  # taken between the check and now
        print(_unavailable("EDIT_PORT", editor_port, taken), file=sys.stderr)
        return 1
    threading.Thread(target=server.serve_forever, daemon=True).start()
    preview = preview_port and subprocess.Popen(
        [sys.executable, "-m", *PREVIEW_COMMAND, "--dev-addr", f"{local_backend.HOST}:{preview_port}"],
        cwd=args.root)
    print(messages.text("edit_editor", url=f"http://{local_backend.HOST}:{editor_port}/admin/"), flush=True)
    if preview:
        print(messages.text("edit_preview", url=f"http://{local_backend.HOST}:{preview_port}/"), flush=True)
    print(messages.text("edit_saving"), flush=True)
    try:
        code = preview.wait() if preview else threading.Event().wait()
    except KeyboardInterrupt:
        return 0
    finally:
        server.shutdown()
        if preview and preview.poll() is None:
            preview.terminate()
    if code:
        print(messages.text("preview_failed", code=code), file=sys.stderr)
        return 1
    return 0


def _where_to_mend(root: Path, invalid: InvalidData) -> str:
    """Which of the invalid files the form can open, and which need a text editor."""
    files = {problem.file for problem in invalid.problems if not problem.pending}
    outside = Store(root).outside_form(sorted(files))
    if not outside:
        return messages.text("edit_in_form")
    return messages.plural("edit_in_text_editor", len(outside), files=", ".join(outside))


def _ports(preview: bool) -> tuple[int, int | None]:
    """The editor's port and the preview's (None without a preview): numbers, two different ones, both free."""
    editor = _port("EDIT_PORT")
    previewed = _port("PREVIEW_PORT") if preview else None
    if editor == previewed:
        raise PortRefused(messages.text("ports_same", port=editor))
    busy = [_unavailable(variable, port, error) for variable, port in (("EDIT_PORT", editor), ("PREVIEW_PORT", previewed))
            if port and (error := _bind_error(port))]
    if busy:
        raise PortRefused("\n".join(busy))
    return editor, previewed


def _port(variable: str) -> int:
    """The port `variable` gives (empty or unset: the default), if it is a number from 1 to 65535."""
    value = os.environ.get(variable) or str(PORTS[variable])
    if not re.fullmatch(r"[0-9]{1,5}", value) or not 0 < int(value) < 65536:
        raise PortRefused(messages.text("port_not_number", variable=variable, value=value, example=PORTS[variable] + 1))
    return int(value)


def _bind_error(port: int) -> OSError | None:
    """Why 127.0.0.1:`port` cannot be listened on now, or None: tried as the servers will (reusing the address)."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((local_backend.HOST, port))
        except OSError as error:
            return error
    return None


def _unavailable(variable: str, port: int, error: OSError) -> str:
    """The sentence for a port that is taken (or refused), with a port free right now to choose instead."""
    with socket.socket() as probe:
        probe.bind((local_backend.HOST, 0))
        example = probe.getsockname()[1]
    return messages.text("port_busy", variable=variable, port=port, error=error.strerror or error, example=example)
