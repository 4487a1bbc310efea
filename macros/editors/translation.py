"""Marking records' English as reviewed: the `reviewed` command's addresses and the marker it writes.

What the marker means, and the status computed from it, is in macros/model/translation.py.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path, PurePosixPath

from macros.common import messages
from macros.common.collections import COLLECTIONS, DATA_SUFFIXES
from macros.editors import textfile
from macros.model.dataset import Dataset
from macros.model.translation import FIELD, fingerprint


_MARKER_LINE = re.compile(rf"^{FIELD}:.*$", re.M)


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

