"""Command line for editors and CI: check the data, build the site, print the reports, start and review records,
edit them in the browser (argparse's help, shown by `--help`, is this text and every command)."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from pathlib import Path

from macros.common import messages
from macros.common.collections import COLLECTIONS
from macros.common.locale import LANGUAGES
from macros.common.settings import site_address
from macros.editors import commands as editor_commands
from macros.editors import publish, scaffold, textfile, translation
from macros.files import reports
from macros.model import translation as translation_status
from macros.model import dataset
from macros.reading.problems import InvalidData


def _checked_data(root: Path) -> dataset.Dataset | None:
    """The checked dataset under `root`; None after printing every located problem."""
    try:
        return dataset.load(root)
    except InvalidData as invalid:
        print(invalid.report(), file=sys.stderr)
        return None


def validate(args: argparse.Namespace) -> int:
    """Check every data file; print each problem located, or a one-line summary."""
    started = time.perf_counter()
    data = _checked_data(args.root)
    if data is None:
        return 1
    for pending in data.pending:
        print(pending)
    if data.history_note:
        print(data.history_note)
    print(messages.text("valid", summary=data.summary(), seconds=time.perf_counter() - started))
    return 0


def build(args: argparse.Namespace) -> int:
    """Build the whole site, replacing the site folder only if the build succeeds.

    The address is checked here first, as the raw setting: MkDocs strips tabs and line breaks from it and
    stops with a traceback on a malformed host before the plugin could say what is wrong.
    """
    try:
        _site_url(args.root)
    except ValueError as refused:
        print(refused, file=sys.stderr)
        return 1
    return publish.build(args.root, args.site_dir or args.root / "site")


def publish_check(args: argparse.Namespace) -> int:
    """Refuse to publish without the site's real address and a contact address (one sentence, exit 1)."""
    refusal = publish.publishing_refusal(dict(os.environ))
    if refusal:
        print(refusal, file=sys.stderr)
        return 1
    print(messages.text("publish_settings_ok", site=os.environ["SITE_URL"], email=os.environ["CONTACT_EMAIL"]))
    return 0


def report(args: argparse.Namespace) -> int:
    """Write the annual reports of some years, both languages, as the site publishes them, without building it."""
    started = time.perf_counter()
    try:
        site_url = _site_url(args.root)
    except ValueError as refused:
        print(refused, file=sys.stderr)
        return 1
    data = _checked_data(args.root)
    if data is None:
        return 1
    years = data.model.report_years()
    unknown = [year for year in args.years if year not in years]
    if unknown:
        print(messages.text("report_no_year", year=unknown[0], years=", ".join(map(str, years))), file=sys.stderr)
        return 1
    try:
        printed = reports.reports(data.model, site_url, args.root, args.years or years)
    except RuntimeError as failed:
        print(failed, file=sys.stderr)
        return 1
    out = args.out or args.root / "build"
    for made in printed:
        target = out / made.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(made.content)
    files = ", ".join((out / made.path).as_posix() for made in printed)
    print(messages.text("report_done", seconds=time.perf_counter() - started, files=files))
    return 0


def _site_url(root: Path) -> str:
    """The site's address as mkdocs.yml gives it (SITE_URL, else its default), checked as the build checks it:
    the reports link to the pages. ValueError says what is wanted."""
    from mkdocs.utils.yaml import yaml_load

    with open(root / "mkdocs.yml", "rb") as handle:
        return site_address(yaml_load(handle)["site_url"])


def new(args: argparse.Namespace) -> int:
    """Start a record from its commented template."""
    try:
        path = scaffold.new(args.kind, args.id, args.root)
    except scaffold.Refused as refused:
        print(refused, file=sys.stderr)
        return 1
    print(messages.text("new_done", path=path.relative_to(args.root).as_posix()))
    return 0


def status(args: argparse.Namespace) -> int:
    """Print, per collection, the texts whose English is pending and the records to review again."""
    data = _checked_data(args.root)
    if data is None:
        return 1
    statuses = translation_status.report(data, messages.language())
    for name in COLLECTIONS:
        mine = [entry for entry in statuses if entry.collection == name]
        print(messages.text("status_collection", collection=name, records=len(mine),
                            pending=sum(len(entry.pending) for entry in mine),
                            stale=sum(entry.stale for entry in mine),
                            unreviewed=sum(entry.reviewed is None for entry in mine)))
        for entry in mine:
            for field in entry.pending:
                print(f"  {name}/{entry.id}: {field}")
            if entry.stale:
                print(f"  {name}/{entry.id}: " + messages.text("status_stale", date=entry.reviewed))
            elif entry.reviewed is None:
                print(f"  {name}/{entry.id}: " + messages.text("status_unreviewed"))
    return 0


def reviewed(args: argparse.Namespace) -> int:
    """Record that the English of these records was checked against their Vietnamese today."""
    data = _checked_data(args.root)
    if data is None:
        return 1
    try:  # every address checked before any file is written
        records = [translation.record_address(address, data) for address in args.records]
    except translation.Refused as refused:
        print(refused, file=sys.stderr)
        return 1
    for collection, record_id in records:
        try:
            path = translation.mark_reviewed(args.root, collection, record_id, data)
        except textfile.Changed:
            print(messages.text("reviewed_changed", record=f"{collection}/{record_id}"), file=sys.stderr)
            return 1
        except OSError as unwritable:
            print(messages.text("reviewed_unwritable", record=f"{collection}/{record_id}",
                                error=unwritable.strerror or unwritable), file=sys.stderr)
            return 1
        print(messages.text("reviewed_done", path=path.relative_to(args.root).as_posix()))
    return 0


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
    commands.add_parser("publish-check", help="refuse to publish unless SITE_URL and CONTACT_EMAIL are set and valid"
                        ).set_defaults(run=publish_check)
    report_command = commands.add_parser("report", help="write the annual reports (PDF) of some years, both languages")
    report_command.add_argument("years", nargs="*", type=int, help="the years (default: every year with a report)")
    report_command.add_argument("--out", type=Path, help="where the files go, as in the site (default: ROOT/build)")
    report_command.set_defaults(run=report)
    new_command = commands.add_parser("new", help="start a record from a commented template")
    new_command.add_argument("kind", choices=sorted(scaffold.KINDS))
    new_command.add_argument("id", help="the new record's id: lowercase letters, digits, hyphens")
    new_command.set_defaults(run=new)
    commands.add_parser("status", help="translation status: pending English, records to review").set_defaults(
        run=status)
    reviewed_command = commands.add_parser("reviewed", help="mark records' English as reviewed today")
    reviewed_command.add_argument("records", nargs="+", help="COLLECTION/ID or the file's path COLLECTION/ID.yml, "
                                                              "e.g. partners/kr-mois or partners/kr-mois.yml")
    reviewed_command.set_defaults(run=reviewed)
    editor_commands.register(commands)
    args = parser.parse_args(argv)
    if args.lang:
        os.environ[messages.VARIABLE] = args.lang  # the variable also reaches the mkdocs that `build` starts
    try:
        messages.language()
    except messages.UnknownLanguage as unknown:  # a setting, like a wrong option: argparse's exit status
        print(unknown, file=sys.stderr)
        return 2
    if not any((args.root / name).is_dir() for name in COLLECTIONS):
        parser.error(messages.text("no_project", root=args.root, folders=", ".join(COLLECTIONS)))
    return args.run(args)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:  # Ctrl-C: one line and the shell's status for it, not a traceback
        # A second Ctrl-C (or a late one) while the line is printed or the interpreter shuts down is ignored:
        # otherwise it ends the process by the signal, with no clean-up and no status of ours.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        print(messages.text("interrupted"), file=sys.stderr)
        sys.exit(publish.INTERRUPTED)
