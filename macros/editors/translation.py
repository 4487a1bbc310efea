"""Translation status: which English texts are missing, and which may be out of date.

A record's `en_reviewed` field holds the date its English was last checked and
a fingerprint of its Vietnamese texts at that moment. When the Vietnamese
changes afterwards, the fingerprint no longer matches and the record is listed
as "Vietnamese changed since the English was reviewed". The marker lives in
the data (not in git history) so that the check works on any copy.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from macros.model.records import COLLECTIONS
from macros.reading.dataset import Dataset
from macros.reading.values import REVIEW_FIELD as FIELD


_MARKER_LINE = re.compile(rf"^{FIELD}:.*$", re.M)


@dataclass(frozen=True)
class Status:
    collection: str
    id: str
    pending: list[str]   # fields whose English is marked pending
    reviewed: str | None  # the review date, if any
    stale: bool          # the Vietnamese changed after that review


def fingerprint(record: dict) -> str:
    """Eight hex digits that change whenever any Vietnamese text of the record changes."""
    digest = hashlib.sha256()
    for text in _vietnamese(record):
        digest.update(text.encode("utf-8") + b"\0")
    return digest.hexdigest()[:8]


def _vietnamese(value):
    if isinstance(value, dict):
        if "vi" in value:
            yield value["vi"]
        for key, item in value.items():
            if key != "vi":
                yield from _vietnamese(item)
    elif isinstance(value, list):
        for item in value:
            yield from _vietnamese(item)


def report(data: Dataset) -> list[Status]:
    """Every record's status, in collection and id order."""
    pending: dict[str, list[str]] = {}
    for problem in data.pending:
        pending.setdefault(problem.file, []).append(problem.message)
    statuses = []
    for name in COLLECTIONS:
        for record_id, record in data.raw[name].items():
            marker = record.get(FIELD)
            date, _, mark = marker.partition(" ") if marker else (None, "", "")
            statuses.append(Status(name, record_id, pending.get(f"{name}/{record_id}.yml", []), date,
                                   bool(marker) and mark != fingerprint(record)))
    return statuses


def mark_reviewed(root: Path, address: str, data: Dataset, today: datetime.date | None = None) -> Path:
    """Write today's review marker into the record's file, keeping every other line as it is."""
    collection, _, record_id = address.partition("/")
    record = data.raw[collection][record_id]
    marker = f'{FIELD}: "{(today or datetime.date.today()).isoformat()} {fingerprint(record)}"'
    path = root / collection / f"{record_id}.yml"
    text = path.read_text(encoding="utf-8")
    if _MARKER_LINE.search(text):
        text = _MARKER_LINE.sub(marker, text, count=1)
    else:
        text = re.sub(r"^(id: .*)$", rf"\1\n{marker}", text, count=1, flags=re.M)
    path.write_text(text, encoding="utf-8")
    return path

