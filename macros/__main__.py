"""Command line for editors and CI: `python -m macros validate|build`."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from macros import dataset, messages, publish
from macros.locale import LANGUAGES
from macros.model import COLLECTIONS
from macros.problems import InvalidData


def validate(args: argparse.Namespace) -> int:
    """Check every data file; print each problem located, or a one-line summary."""
    started = time.perf_counter()
    try:
        data = dataset.load(args.root)
    except InvalidData as invalid:
        print(invalid.report(), file=sys.stderr)
        return 1
    for pending in data.pending:
        print(pending)
    print(messages.text("valid", summary=data.summary(), seconds=time.perf_counter() - started))
    return 0


def build(args: argparse.Namespace) -> int:
    """Build the whole site, replacing the site folder only if the build succeeds."""
    return publish.build(args.root, args.site_dir or args.root / "site")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description=__doc__)
    parser.add_argument("--root", type=Path, default=dataset.ROOT,
                        help="the folder holding mkdocs.yml and the data folders (default: this project)")
    parser.add_argument("--lang", choices=LANGUAGES,
                        help=f"the language of the messages (default: ${messages.VARIABLE}, "
                             "else vi if the locale is Vietnamese, else en)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("validate", help="check every data file").set_defaults(run=validate)
    build_command = commands.add_parser("build", help="build the site; replace site/ only on success")
    build_command.add_argument("--site-dir", type=Path, help="where the site goes (default: ROOT/site)")
    build_command.set_defaults(run=build)
    args = parser.parse_args(argv)
    if args.lang:
        os.environ[messages.VARIABLE] = args.lang  # the variable also reaches the mkdocs that `build` starts
    if not any((args.root / name).is_dir() for name in COLLECTIONS):
        parser.error(messages.text("no_project", root=args.root, folders=", ".join(COLLECTIONS)))
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
