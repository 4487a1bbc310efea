"""`python -m macros new KIND ID`: start a record from a commented template.

The template has every required field, left empty so that validation names
what to fill; today's date is filled in where a date is needed, for the editor
to confirm. An id that exists already, or that is not a valid slug, is refused.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from macros.common import messages
from macros.common.collections import COLLECTIONS, ID, KINDS
from macros.common.interface import TEMPLATE_DIR


TEMPLATES = TEMPLATE_DIR / "new"


class Refused(Exception):
    """The file was not written; the message says why."""


def new(kind: str, record_id: str, root: Path, today: datetime.date | None = None) -> Path:
    """Write `<collection>/<record_id>.yml` below `root` from the kind's template; return its path."""
    if not ID.fullmatch(record_id) or len(record_id) > 80:
        raise Refused(messages.text("new_bad_id", id=record_id))
    collection = KINDS[kind]
    target = root / collection / f"{record_id}.yml"
    existing = [path for path in (root / name / f"{record_id}.yml" for name in COLLECTIONS) if path.exists()]
    if existing:
        raise Refused(messages.text("new_exists", path=existing[0].relative_to(root).as_posix()))
    today = today or datetime.date.today()
    template = (TEMPLATES / f"{kind}.yml").read_text(encoding="utf-8")
    _create(target, template.format(id=record_id, today=today.isoformat(), year=today.year), root)
    return target


def _create(target: Path, text: str, root: Path) -> None:
    """Write a new file, never through a link left at its place nor over a file made meanwhile ("x" mode);
    Refused, saying why, if the folder cannot take it (not a folder, not writable)."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8") as new_file:
            new_file.write(text)
    except OSError as failed:
        raise Refused(messages.text("new_unwritable", path=target.relative_to(root).as_posix(),
                                    error=failed.strerror or failed, folder=target.parent.name)) from None
