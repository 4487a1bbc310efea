"""A data file read and written back as it was stored, and replaced whole: the editor's and `reviewed`'s writes.

Editors' files come from many machines: a byte-order mark and CRLF line ends are kept, so that a save
changes only the lines it means to. A file is never rewritten in place: the new content goes to a hidden
file beside it, which then takes its place in one rename, so a reader (the preview, a build) sees the old
file or the new one, never a part, whatever happens to the process writing it.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

_BOM = b"\xef\xbb\xbf"


class Changed(Exception):
    """The file is no longer what the writer read: another program changed it meanwhile."""


def decoded(content: bytes) -> tuple[str, bytes]:
    """A file's text with `\\n` line ends, and how it was stored (byte-order mark, line ends) to store it again."""
    bom = content.startswith(_BOM)
    text = content[len(_BOM) if bom else 0:].decode("utf-8")
    crlf = "\r\n" in text
    return text.replace("\r\n", "\n"), (_BOM if bom else b"") + (b"\r\n" if crlf else b"")


def encoded(text: str, encoding: bytes) -> bytes:
    """`text` stored as the file was: its byte-order mark and its line ends kept."""
    bom = encoding.startswith(_BOM)
    if encoding.endswith(b"\r\n"):
        text = text.replace("\n", "\r\n")
    return (_BOM if bom else b"") + text.encode("utf-8")


def staged(target: Path, content: bytes, suffix: str = "") -> Path:
    """`content` on disk in a new hidden file beside `target`, with the permissions a new file gets (the umask's).

    Its name starts with a dot and does not end in `.yml`, so no build or check reads it as data.
    """
    path = target.with_name(f".{target.stem}.{secrets.token_hex(4)}.partial{suffix}")
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), "wb") as file:
        file.write(content)
        file.flush()
        os.fsync(file.fileno())
    return path


def write_whole(target: Path, content: bytes, expected: bytes | None) -> None:
    """Put `content` at `target` in one rename, if the file still holds `expected` (None: no file yet).

    Raises Changed if it does not, FileExistsError if a file appeared where none was expected, and the
    OSError of a folder or file that cannot be written; in every case `target` is left as it was.
    """
    new = staged(target, content)
    try:
        if expected is None:
            os.link(new, target)  # fails if the file appeared meanwhile
            return
        os.chmod(new, target.stat().st_mode & 0o7777)
        if target.read_bytes() != expected:
            raise Changed(target)
        os.replace(new, target)
    finally:
        new.unlink(missing_ok=True)
