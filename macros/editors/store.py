"""The files the browser editor reads and writes: records merged, checked, then written whole; images added, never replaced.

What a save promises (`make edit`, README "Editing in the browser"):
  - no lost update: every record the form opens carries a version (`VERSION_FIELD`, taken out again
    before anything is written). A save whose file changed since (another tab, a text editor, `git
    pull`) is merged value by value with that change (`merge.py`), or refused with the fields where
    both changed; a new record whose file appeared meanwhile is refused;
  - validated before written: the whole dataset is checked with the new text in place of the file
    (`dataset.load(replaced=…)`), and the save is refused if it brings any problem that was not
    there before (in its own file, any problem at all);
  - written whole: the text goes to a temporary file beside the record, which then replaces it in one
    rename, so the record on disk (and the preview reading it) is the old one or the new one, never a
    part, whatever happens to the process; a refused save touches nothing, and a saved file keeps its
    line endings and byte-order mark;
  - images are checked as the validator checks them (`images.problem`), and an existing one is never
    replaced; the images a refused save brought are removed again.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path

from macros.common import messages
from macros.common.collections import COLLECTIONS
from macros.editors import cms_config, merge, normalise, textfile
from macros.model import dataset
from macros.reading import images
from macros.reading.load import read
from macros.reading.problems import InvalidData, Problem

RECORD = re.compile(r"(?P<collection>%s)/(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)\.yml" % "|".join(COLLECTIONS))
MEDIA = re.compile(r"media/[a-z0-9][a-z0-9._-]*\.(?:jpg|jpeg|png|webp)")
VERSION_FIELD = "_version"  # in the data the form is given: "<opening>/<digest of the file it was opened on>"
_UNSEEN = "-"  # the opening of a record listed, not opened: only its digest can be checked
_KEPT = 1000  # openings remembered: far more forms than one editor has open


class Refused(Exception):
    """A request the editor will not carry out; the message is shown to the editor in the form."""

    def __init__(self, message: str, status: HTTPStatus = HTTPStatus.UNPROCESSABLE_ENTITY):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Opened:
    """What one opening of a record gave the form: the file's bytes then (None: a record not yet written)."""

    path: str
    content: bytes | None


class Store:
    """The data folders and media/ of one project, as the editor sees them."""

    def __init__(self, root: Path):
        self.root = root.resolve()
        self.forms = {collection["name"]: collection["fields"]
                      for collection in cms_config.configuration()["collections"]}
        self.openings: OrderedDict[str, Opened] = OrderedDict()
        self.lock = threading.Lock()  # one save at a time: read, merge, check, write

    # ── reading ──────────────────────────────────────────────────────────────────────────────────

    def path(self, path, form: re.Pattern) -> Path:
        """The file `path` names, if it has `form` whole and is a plain file or nothing yet (no link)."""
        if not isinstance(path, str) or not form.fullmatch(path):
            raise Refused(messages.text("editor_forbidden_path", path=repr(path)), HTTPStatus.FORBIDDEN)
        target = self.root / path
        if target.is_symlink() or (target.exists() and not target.is_file()) or target.parent.is_symlink():
            raise Refused(messages.text("editor_forbidden_path", path=path), HTTPStatus.FORBIDDEN)
        return target

    def existing(self, path, form: re.Pattern) -> bytes:
        """The bytes of an existing file the editor may read."""
        try:
            return self.path(path, form).read_bytes()
        except FileNotFoundError:
            raise Refused(messages.text("editor_not_found", path=path), HTTPStatus.NOT_FOUND) from None

    def entry(self, path: str, opening: bool) -> dict:
        """A record as Decap loads it: its data as JSON (YAML's subset), with the version of this opening.

        A record only listed (`opening` false) is not remembered: a save from it is checked by digest.
        """
        content = self.existing(path, RECORD)
        digest = hashlib.sha256(content).hexdigest()
        data = self._form_data(path, content)
        key = secrets.token_hex(8) if opening else _UNSEEN
        if opening:
            self._remember(key, path, content)
        served = json.dumps({**data, VERSION_FIELD: f"{key}/{digest}"}, ensure_ascii=False, indent=2, default=str)
        return {"data": served, "file": {"path": path, "id": digest}}

    def listed(self, path: str) -> dict:
        """A record in a list: one the form cannot show is listed all the same, its title saying so."""
        try:
            return self.entry(path, opening=False)
        except Refused as refused:
            if refused.status != HTTPStatus.UNPROCESSABLE_ENTITY:
                raise
        match = RECORD.fullmatch(path)
        title = {"vi": messages.text_in("vi", "editor_unopenable_title"),
                 "en": messages.text_in("en", "editor_unopenable_title")}
        data = {"id": match["id"], COLLECTIONS[match["collection"]].title_field: title}
        return {"data": json.dumps(data, ensure_ascii=False), "file": {"path": path, "id": "unreadable"}}

    def outside_form(self, files: list[str]) -> list[str]:
        """Of the validator's `files`, those the form cannot open (not a record's `.yml`, or unreadable as one).

        `make edit` names them, so that an editor knows which problems need a text editor.
        """
        def opens(path: str) -> bool:
            try:
                self._form_data(path, self.existing(path, RECORD))
            except Refused:
                return False
            return True
        return sorted({path for path in files if not opens(path)})

    def _form_data(self, path: str, content: bytes) -> dict:
        """The record as the form shows it, or Refused naming what keeps it out of the form (encoding, YAML)."""
        text, _ = self._decoded(path, content)
        try:
            return normalise.record(text, self.forms[RECORD.fullmatch(path)["collection"]])
        except normalise.Unwritable as unwritable:
            raise self._unopenable(path, unwritable) from None

    def _decoded(self, path: str, content: bytes) -> tuple[str, bytes]:
        try:
            return textfile.decoded(content)
        except UnicodeDecodeError as error:
            raise self._unopenable(path, error) from None

    def _unopenable(self, path: str, error: Exception) -> Refused:
        """What keeps the file `path` out of the form, in the validator's located words where it has them."""
        _, problems = read(self.root / path, self.root)
        detail = " ".join(f"{problem}." for problem in problems) or f"{error}."
        return Refused(messages.text("editor_unopenable", path=path, problems=detail))

    # ── saving a record ──────────────────────────────────────────────────────────────────────────

    def save(self, path: str, sent: str) -> None:
        """Write what the form sent to `path`, merged with what changed since it was opened, if the data stays valid."""
        target = self.path(path, RECORD)
        fields = self.forms[RECORD.fullmatch(path)["collection"]]
        try:
            mine = normalise.record(sent, fields)
        except normalise.Unwritable as unwritable:
            raise Refused(messages.text("editor_unwritable", path=path, reason=unwritable)) from None
        version = mine.pop(VERSION_FIELD, None)
        with self.lock:
            current = target.read_bytes() if target.exists() else None
            key, base = self._base(path, version, current)
            text, encoding = self._decoded(path, current) if current is not None else (None, b"")
            if base != current:
                mine = self._merged(path, base, mine, text, fields)
            try:
                content = textfile.encoded(normalise.written(mine, text, fields), encoding)
            except normalise.Unwritable as unwritable:
                raise Refused(messages.text("editor_unwritable", path=path, reason=unwritable)) from None
            if content != current:
                self._check(path, content)
                try:
                    textfile.write_whole(target, content, current)
                except textfile.Changed:
                    raise Refused(messages.text("editor_changed", path=path), HTTPStatus.CONFLICT) from None
                except FileExistsError:
                    raise Refused(messages.text("editor_exists", path=path), HTTPStatus.CONFLICT) from None
                except OSError as error:
                    raise _not_written(path, error) from None
            if key:
                self._remember(key, path, content)

    def _base(self, path: str, version, current: bytes | None) -> tuple[str | None, bytes | None]:
        """The opening the form was given (its key, None for a new record) and the bytes the form started from."""
        if version is None:  # a new record: nothing was opened
            if current is not None:
                raise Refused(messages.text("editor_exists", path=path), HTTPStatus.CONFLICT)
            return None, None
        key, _, digest = str(version).partition("/")
        opened = self.openings.get(key)
        if opened and opened.path == path:
            if opened.content is not None and current is None:
                raise Refused(messages.text("editor_gone", path=path), HTTPStatus.CONFLICT)
            return key, opened.content
        if current is not None and hashlib.sha256(current).hexdigest() == digest:
            return (None if key == _UNSEEN else key), current  # unchanged since; an opening from before a restart
        if current is None:
            raise Refused(messages.text("editor_gone", path=path), HTTPStatus.CONFLICT)
        raise Refused(messages.text("editor_changed", path=path), HTTPStatus.CONFLICT)

    def _merged(self, path: str, base: bytes | None, mine: dict, text: str | None, fields: list[dict]) -> dict:
        """The form's changes and the file's changes since `base`, together; Refused where they collide."""
        if base is None:  # the form started a new record, and the file has appeared since
            raise Refused(messages.text("editor_exists", path=path), HTTPStatus.CONFLICT)
        try:
            theirs = normalise.record(text, fields)
        except normalise.Unwritable as unwritable:  # the file on disk was broken since the form opened it
            raise self._unopenable(path, unwritable) from None
        together = merge.merged(normalise.record(textfile.decoded(base)[0], fields), mine, theirs)
        if together.conflicts:
            raise Refused(messages.text("editor_conflict", path=path, places=together.places()), HTTPStatus.CONFLICT)
        return together.value

    def _check(self, path: str, content: bytes) -> None:
        """Refuse the save if the dataset with `content` as `path` has a problem it did not have before."""
        before = {str(problem) for problem in self._problems()}
        introduced = [problem for problem in self._problems({path: content})
                      if problem.file == path or str(problem) not in before]
        if introduced:
            raise Refused("\n".join(map(str, introduced)))

    def _problems(self, replaced: dict[str, bytes] | None = None) -> list[Problem]:
        try:
            dataset.load(self.root, replaced)
        except InvalidData as invalid:
            return invalid.problems
        return []

    def _remember(self, key: str, path: str, content: bytes | None) -> None:
        self.openings[key] = Opened(path, content)
        self.openings.move_to_end(key)
        while len(self.openings) > _KEPT:
            self.openings.popitem(last=False)

    # ── images ───────────────────────────────────────────────────────────────────────────────────

    def add_image(self, path: str, content: bytes) -> bool:
        """Add an image to media/ if it is what its name says; False if that very file is there already."""
        target = self.path(path, MEDIA)
        with self.lock:
            if target.exists():
                if target.read_bytes() == content:
                    return False
                raise Refused(messages.text("editor_media_exists", path=path, users=self._users(path)),
                              HTTPStatus.CONFLICT)
            try:
                target.parent.mkdir(exist_ok=True)
                staged = textfile.staged(target, content, target.suffix)  # Pillow is told the format by the name too
            except OSError as error:
                raise _not_written(path, error) from None
            try:
                found = images.problem(self.root, staged.relative_to(self.root).as_posix())
                if found:
                    key, values = found
                    problem = messages.text(key, file=path, folder=images.MEDIA_FOLDER, **values)
                    raise Refused(messages.text("editor_media_bad", problem=problem))
                os.link(staged, target)  # fails if the name was taken meanwhile: never a replacement
            except FileExistsError:
                raise Refused(messages.text("editor_media_exists", path=path, users=""), HTTPStatus.CONFLICT) from None
            finally:
                staged.unlink()
        return True

    def remove_images(self, paths: list[str]) -> None:
        """Take back the images a refused save added, except one a record now names: another save may have sent
        the same image meanwhile, been told it was there already, and been accepted."""
        with self.lock:
            named = b"\n".join(file.read_bytes() for collection in COLLECTIONS
                               for file in sorted((self.root / collection).glob("*.y*ml")) if file.is_file())
            for path in paths:
                if path.encode() not in named:
                    (self.root / path).unlink(missing_ok=True)

    def _users(self, path: str) -> str:
        """The records that show the image `path`, as the refusal names them."""
        try:
            model = dataset.load(self.root).model
        except InvalidData:
            return ""
        users = sorted(record.file for record in model.records()
                       if getattr(record, "image", None) and record.image.file == path)
        return messages.text("editor_media_users", records=", ".join(users)) if users else ""


def _not_written(path: str, error: OSError) -> Refused:
    """A file the system would not let the editor write (a read-only folder, a full disk): nothing was saved."""
    return Refused(messages.text("editor_not_written", path=path, error=error.strerror or error),
                   HTTPStatus.INTERNAL_SERVER_ERROR)
