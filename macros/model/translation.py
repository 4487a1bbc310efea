"""Translation status: which English texts are missing, and which may be out of date.

A record's `en_reviewed` field holds the date its English was last checked and
a fingerprint of its Vietnamese texts at that moment. When the Vietnamese
changes afterwards, the fingerprint no longer matches and the record is listed
as "Vietnamese changed since the English was reviewed". The marker lives in
the data (not in git history) so that the check works on any copy.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from macros.common import messages
from macros.common.collections import COLLECTIONS
from macros.common.locale import Text
from macros.model.dataset import Dataset
from macros.model.values import REVIEW_FIELD as FIELD


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
