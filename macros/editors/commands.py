"""`python -m macros cms-config` and `python -m macros edit`: the browser editor's commands."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import threading
from pathlib import Path

from macros.reading import dataset
from macros.editors import admin, cms_config, local_backend
from macros.reading.problems import InvalidData

EDIT_PORT = int(os.environ.get("EDIT_PORT", "8081"))
PREVIEW_PORT = int(os.environ.get("PREVIEW_PORT", "8000"))


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
            print("cms/config.yml differs from the schemas: run `python -m macros cms-config`. · "
                  "cms/config.yml khác với schemas: hãy chạy `python -m macros cms-config`.", file=sys.stderr)
            return 1
        print("cms/config.yml matches the schemas. · cms/config.yml khớp với schemas.")
        return 0
    cms_config.CONFIG.write_text(wanted, encoding="utf-8")
    print(f"Wrote {cms_config.CONFIG.relative_to(cms_config.ROOT)} · Đã ghi {cms_config.CONFIG.name}")
    return 0


def add_admin(args: argparse.Namespace) -> int:
    """Write /admin/ into the built site: after the site's own checks, which are for readers' pages."""
    site = args.site_dir or args.root / "site"
    if not (site / "index.html").is_file():
        print(f"No built site in {site}: run `make build` first.", file=sys.stderr)
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
    print(f"Wrote {folder}: the editor, on the GitHub backend with the editorial workflow.")
    return 0


def edit(args: argparse.Namespace) -> int:
    """Serve the editor on 127.0.0.1:EDIT_PORT and the live preview on PREVIEW_PORT until Ctrl-C."""
    try:
        admin.files()
    except admin.BundleMissing as missing:
        print(missing, file=sys.stderr)
        return 1
    try:  # an invalid record can be mended in the form: say so, and start all the same
        dataset.load(args.root)
    except InvalidData as invalid:
        print(invalid.report(), file=sys.stderr)
    server = local_backend.server(args.root, EDIT_PORT)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    preview = None if args.no_preview else subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr", f"{local_backend.HOST}:{PREVIEW_PORT}"],
        cwd=args.root)
    print(f"Biên tập · Editor:        http://{local_backend.HOST}:{EDIT_PORT}/admin/")
    if preview:
        print(f"Xem trước · Live preview: http://{local_backend.HOST}:{PREVIEW_PORT}/")
    print("Lưu trong biểu mẫu ghi thẳng vào tệp trong thư mục này; dừng: Ctrl-C. · "
          "Saving in the form writes the file in this working tree; stop: Ctrl-C.")
    try:
        (preview.wait() if preview else threading.Event().wait())
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        if preview and preview.poll() is None:
            preview.terminate()
    return 0
