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
from pathlib import Path, PurePosixPath

from macros import messages
from macros.editors import textfile
from macros.model.locale import Text
from macros.model.records import COLLECTIONS, DATA_SUFFIXES
from macros.reading.dataset import Dataset
from macros.reading.values import REVIEW_FIELD as FIELD


_MARKER_LINE = re.compile(rf"^{FIELD}:.*$", re.M)


@dataclass(frozen=True)
class Status:
    collection: str
    id: str
    pending: list[str]   # the texts whose English is marked pending, each said in the language asked for
    reviewed: str | None  # the review date, if any
    stale: bool          # the Vietnamese changed after that review


def fingerprint(record: dict) -> str:
    """Eight hex digits that change whenever any Vietnamese text of the record changes."""
    digest = hashlib.sha256()
    for _, text in _texts(record):
        digest.update(text["vi"].encode("utf-8") + b"\0")
    return digest.hexdigest()[:8]


def _texts(value, field: str = ""):
    """Every localised text (`{vi: …, en: …}`) of a record, in file order, with its field as editors read it
    (`leaders[1].role`, as the validator names it)."""
    if isinstance(value, dict):
        if "vi" in value:
            yield field, value
        for key, item in value.items():
            if key != "vi":
                yield from _texts(item, f"{field}.{key}" if field else key)
    elif isinstance(value, list):
        for index, item in enumerate(value, start=1):
            yield from _texts(item, f"{field}[{index}]")


def report(data: Dataset, lang: str) -> list[Status]:
    """Every record's status, in collection and id order, its pending texts said in `lang`.

    The words come from the record and `lang`, never from the language the data was loaded in: the
    guide's translation-status page speaks its page's language, whatever the builder's locale.
    """
    statuses = []
    for name in COLLECTIONS:
        for record_id, record in data.raw[name].items():
            marker = record.get(FIELD)
            date, _, mark = marker.partition(" ") if marker else (None, "", "")
            pending = [messages.text_in(lang, "pending", field=messages.text_in(lang, "field", name=field))
                       for field, text in _texts(record) if Text.from_data(text).pending("en")]
            statuses.append(Status(name, record_id, pending, date, bool(marker) and mark != fingerprint(record)))
    return statuses


class Refused(Exception):
    """An address that names no record; the message says what is expected."""


def record_address(address: str, data: Dataset) -> tuple[str, str]:
    """(collection, id) of `partners/kr-mois`, or of the file's path `partners/kr-mois.yml` as a shell completes it.

    Raises Refused for anything else, naming the expected form, or the collection that has no such record.
    """
    path = PurePosixPath(address)
    record_id = path.stem if path.suffix in DATA_SUFFIXES else path.name
    if len(path.parts) != 2 or path.parts[0] not in COLLECTIONS or not record_id:
        raise Refused(messages.text("reviewed_bad_address", address=address, collections=", ".join(COLLECTIONS)))
    collection = path.parts[0]
    if record_id not in data.raw[collection]:
        raise Refused(messages.text("reviewed_unknown", collection=collection, id=record_id))
    return collection, record_id


def mark_reviewed(root: Path, collection: str, record_id: str, data: Dataset,
                  today: datetime.date | None = None) -> Path:
    """Write today's review marker into the record's file, keeping every other line (and byte) as it is.

    The file is replaced whole (`textfile.write_whole`); an OSError says why it could not be written.
    """
    record = data.raw[collection][record_id]
    marker = f'{FIELD}: "{(today or datetime.date.today()).isoformat()} {fingerprint(record)}"'
    path = root / data.model.collection(collection)[record_id].file
    content = path.read_bytes()
    text, encoding = textfile.decoded(content)
    if _MARKER_LINE.search(text):
        text = _MARKER_LINE.sub(marker, text, count=1)
    else:
        text = re.sub(r"^(id: .*)$", rf"\1\n{marker}", text, count=1, flags=re.M)
    textfile.write_whole(path, textfile.encoded(text, encoding), content)
    return path

