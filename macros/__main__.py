"""Command line for editors and CI: `python -m macros validate`."""

from __future__ import annotations

import argparse
import sys
import time

from macros import dataset
from macros.problems import InvalidData


def validate(_args: argparse.Namespace) -> int:
    """Check every data file; print each problem located, or a one-line summary."""
    started = time.perf_counter()
    try:
        data = dataset.load()
    except InvalidData as invalid:
        print(invalid.report(), file=sys.stderr)
        return 1
    for pending in data.pending:
        print(pending)
    print(f"OK: {data.summary()} ({time.perf_counter() - started:.2f} s)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("validate", help="check every data file").set_defaults(run=validate)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
