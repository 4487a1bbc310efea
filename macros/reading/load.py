"""Read one YAML data file into plain Python data, remembering where each value was.

PyYAML's loaders forget positions, keep the last of two duplicate keys, expand
aliases without limit, construct objects from tags and recurse once per level
of nesting (LibYAML's composer crashes the process on a deeply nested file).
This loader builds the data itself from the parser's event stream, with an
explicit stack and a depth limit, so no file can exhaust the stack or the
memory; it refuses what an editor never needs (aliases, anchors, tags,
duplicate keys, invisible or control characters) and records the line and
column of every key and value so that later checks can point at the exact place.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from macros.common.messages import text
from macros.reading.fonts import first_undrawable
from macros.reading.problems import Problem


MAX_FILE_BYTES = 256 * 1024  # a record is a few kilobytes; more is a mistake or an attack
MAX_DEPTH = 12  # a record nests six levels at most (plan → task group → item → partners)

Path_ = tuple[str | int, ...]

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_MAPPING, _SEQUENCE = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_STRING = "tag:yaml.org,2002:str"

# Characters no reader-facing text needs, which YAML escapes (`"\x0b"`, `"\ud800"`) let through; the name
# of the group is the message they get. C0 and C1 controls but tab and line feed; the bidirectional
# embeddings, overrides and isolates that can show text in another order than it is stored; lone
# surrogates and noncharacters.
_UNFIT = re.compile(
    "(?P<control_character_in_text>[\x00-\x08\x0b-\x1f\x7f-\x9f])"
    "|(?P<direction_character>[\u202a-\u202e\u2066-\u2069])"
    "|(?P<line_separator_in_text>[\u2028\u2029])"  # escaped ("\u2028"): fonts map it, no printer draws it
    "|(?P<invalid_character>[\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)) + "])"
)
# Letters that show nothing (fillers), and the blank braille pattern, which Unicode counts as a symbol.
_BLANK_GRAPHICS = {"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800"}
# Raw line breaks only YAML 1.1 knows: PyYAML breaks lines there, editors and YAML 1.2 do not.
_HIDDEN_BREAKS = re.compile("[\x85\u2028\u2029]")


def _visible(value: str) -> bool:
    """True if some character shows: a letter, digit, punctuation mark or symbol (a combining accent alone does not)."""
    if value[:1].isascii() and value[:1].isalnum():  # nearly every text: decided by its first letter
        return True
    return any(unicodedata.category(char)[0] in "LNPS" and char not in _BLANK_GRAPHICS for char in value)


def _printable(value: str) -> bool:
    """True if nothing but printable characters, line feeds and tabs: then `_UNFIT` cannot match (it finds only
    controls, format characters, surrogates and noncharacters, none of which Python counts as printable)."""
    return value.isprintable() or value.replace("\n", "").replace("\t", "").isprintable()


@dataclass
class Document:
    """The data of one file and the position (line, column; 1-based) of each part."""

    file: str
    data: object
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    plain_words: dict[Path_, str] = field(default_factory=dict)  # unquoted values YAML read as a number, true/false…
    content: bytes = b""  # the file's bytes as read: what the dataset's version digests, without reading them again

    def where(self, path: Path_) -> tuple[int | None, int | None]:
        """Position of `path`, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, (None, None))

    def problem(self, path: Path_, message: str, hint: str = "", pending: bool = False) -> Problem:
        line, column = self.where(path)
        return Problem(self.file, line, column, message, hint, pending)


def describe(path: Path_) -> str:
    """A field's name as an editor reads it: `leaders[1].role` (lists count from 1)."""
    if not path:
        return text("the_record")
    parts = [f"[{part + 1}]" if isinstance(part, int) else f".{part}" for part in path]
    return text("field", name="".join(parts).lstrip("."))


def read(path: Path, root: Path, empty: object = None, content: bytes | None = None
         ) -> tuple[Document | None, list[Problem]]:
    """Load `path` (or `content`, the bytes it is about to hold); return the document, or None and the
    problems that stopped it.

    A file with nothing but comments is an error, unless `empty` is given: its data then.
    """
    name = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    raw, source, problem = _decode(path, name, content)
    if problem:
        return None, [problem]
    document, problems = _parse(name, source, empty)
    if document is not None:
        document.content = raw
    return document, problems


def _parse(name: str, source: str, empty: object) -> tuple[Document | None, list[Problem]]:
    """The document `source` holds, or None and the problems that stopped it (`read`)."""
    if empty is not None and not any(line.strip() and not line.lstrip().startswith("#") for line in source.splitlines()):
        return Document(name, empty), []
    try:
        return _Builder(name).build(yaml.CSafeLoader(source))
    except yaml.YAMLError:
        pass  # LibYAML words its errors tersely: PyYAML's own parser says it better
    return _careful(name, source)


def _careful(name: str, source: str) -> tuple[Document | None, list[Problem]]:
    """PyYAML's pure-Python parser: slower, but its errors can be worded for editors."""
    try:
        return _Builder(name).build(yaml.SafeLoader(source))
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_problem(name, error)]
    except yaml.reader.ReaderError as error:  # a control character YAML does not allow
        line = source[: error.position].count("\n") + 1
        return None, [Problem(name, line, None, text("control_character", code=error.character),
                              text("control_character_hint"))]
    except yaml.YAMLError as error:  # unmarked errors are rare; still report the file
        return None, [Problem(name, None, None, text("not_yaml", error=error), text("not_yaml_hint"))]


def _decode(path: Path, name: str, content: bytes | None) -> tuple[bytes, str, Problem | None]:
    """Read at most the size limit from a regular file (unless its `content` is given), and turn the bytes
    into NFC text (returning both), or say why not."""
    raw, problem = _read_bytes(path, name) if content is None else (content, None)
    if problem:
        return raw, "", problem
    if len(raw) > MAX_FILE_BYTES:
        size = path.stat().st_size if content is None else len(content)
        return raw, "", Problem(name, None, None, text("file_too_big", size=size, limit=MAX_FILE_BYTES),
                                text("file_too_big_hint"))
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        return raw, "", Problem(name, line, None, text("nul_byte"), text("nul_byte_hint"))
    try:
        source = raw.decode("utf-8-sig")  # a byte-order mark is harmless: accept it
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return raw, "", Problem(name, line, None, text("not_utf8", byte=raw[error.start]), text("not_utf8_hint"))
    hidden = _HIDDEN_BREAKS.search(source)
    if hidden:  # YAML 1.1 would start a new line here that the editor cannot see: a comment could become a field
        line = source[: hidden.start()].count("\n") + 1
        return raw, "", Problem(name, line, None, text("hidden_break", code=f"{ord(hidden.group()):04X}"),
                                text("hidden_break_hint"))
    return raw, unicodedata.normalize("NFC", source), None


def _read_bytes(path: Path, name: str) -> tuple[bytes, Problem | None]:
    """The file's first MAX_FILE_BYTES + 1 bytes; never follows a link, never reads a device or a pipe."""
    if path.is_symlink():
        return b"", Problem(name, None, None, text("symlink"), text("symlink_hint"))
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        key = "symlink" if error.errno == errno.ELOOP else "unreadable"
        return b"", Problem(name, None, None, text(key, error=error.strerror), text(f"{key}_hint"))
    if not stat.S_ISREG(os.fstat(handle).st_mode):  # a folder named x.yml, a pipe, a device
        os.close(handle)
        return b"", Problem(name, None, None, text("not_a_file"), text("not_a_file_hint"))
    with os.fdopen(handle, "rb") as file:
        return file.read(MAX_FILE_BYTES + 1), None


def _at(name: str, mark, message: str, hint: str) -> Problem:
    return Problem(name, mark.line + 1, mark.column + 1, message, hint)


def _syntax_problem(name: str, error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    problem, key = error.problem or text("syntax_invalid"), "syntax"
    if "\\t" in problem:
        key = "tab"
    elif "mapping values are not allowed" in problem:
        key = "colon"
    elif "expected <block end>" in problem or "did not find expected key" in (error.context or "") + problem:
        key = "indentation"
    elif "while scanning a quoted scalar" in (error.context or ""):
        # PyYAML stops at the end of the file; the editor needs the opening quote
        mark, key = error.context_mark, "unclosed_quote"
    if key != "syntax":
        problem = text(key)  # PyYAML's wording is English only; these common cases have ours
    return _at(name, mark, text("syntax", problem=problem), text(f"{key}_hint"))


class _Stop(Exception):
    """A problem after which the rest of the file cannot be read sensibly."""

    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem


_EXPECTING_KEY = object()  # a mapping's next value is a key
_REFUSED = object()        # a mapping's next value belongs to a refused or repeated key: read, not kept

_SPECIAL_WORDS = {"tag:yaml.org,2002:merge", "tag:yaml.org,2002:value"}  # `<<` and `=` unquoted


class _Frame:
    """A mapping or a list being built, and where its next value goes."""

    __slots__ = ("value", "path", "key", "is_key")

    def __init__(self, value: dict | list, path: Path_ | None, is_key: bool):
        self.value, self.path, self.is_key = value, path, is_key
        self.key: object = _EXPECTING_KEY if isinstance(value, dict) else None


class _Builder:
    """Turns the parser's events into dicts, lists and scalars, recording each position.

    Iterative on purpose: a stack of frames, never recursion, so that depth is
    a counted limit with a located message instead of a crash. The loop in
    `build` handles the common events itself; it is the validator's hot path.
    """

    def __init__(self, name: str):
        self.document = Document(name, None)
        self.problems: list[Problem] = []
        self.stack: list[_Frame] = []
        self.documents = 0

    def build(self, loader: yaml.CSafeLoader | yaml.SafeLoader) -> tuple[Document | None, list[Problem]]:
        stack, get_event = self.stack, loader.get_event
        try:
            while True:
                event = get_event()
                kind = type(event)
                if kind is yaml.ScalarEvent:
                    if event.anchor:
                        raise _Stop(self.at(event, "anchor"))
                    tag = event.tag
                    if tag is None or tag == "!":
                        tag = _implicit_tag(event.value) if event.implicit[0] else _STRING
                    frame = stack[-1] if stack else None
                    if frame is not None and frame.key is _EXPECTING_KEY:
                        self.key(frame, event, tag)
                        continue
                    path = self.value_path(frame, event)
                    if tag == _STRING:
                        value = self.checked_text(event.value, event)
                    else:
                        value = self.scalar_value(event, tag, path)
                    self.put(frame, value)
                elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                    if event.anchor:
                        raise _Stop(self.at(event, "anchor"))
                    self.start(event, {} if kind is yaml.MappingStartEvent else [])
                elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                    frame = stack.pop()
                    if frame.is_key:
                        stack[-1].key = _REFUSED  # reported at its start; its value is read, not kept
                    else:
                        self.put(stack[-1] if stack else None, frame.value)
                elif kind is yaml.AliasEvent:
                    raise _Stop(self.at(event, "alias"))
                elif kind is yaml.DocumentStartEvent:
                    self.documents += 1
                    if self.documents > 1:
                        raise _Stop(self.at(event, "two_documents"))
                elif kind is yaml.StreamEndEvent:
                    break
        except _Stop as stop:
            return None, [stop.problem]
        finally:
            loader.dispose()
        if self.documents == 0:
            return None, [Problem(self.document.file, 1, 1, text("empty_file"), text("empty_file_hint"))]
        return (None if self.problems else self.document), self.problems

    def at(self, event, key: str, **values) -> Problem:
        return _at(self.document.file, event.start_mark, text(key, **values), text(f"{key}_hint"))

    def value_path(self, frame: _Frame | None, event) -> Path_ | None:
        """The path of the value starting at `event`, its position recorded; None if it is not kept."""
        if frame is None:
            path: Path_ = ()
        elif frame.path is None or frame.key is _REFUSED:
            return None
        elif frame.key is None:
            path = frame.path + (len(frame.value),)
        else:
            path = frame.path + (frame.key,)
        mark = event.start_mark
        self.document.positions.setdefault(path, (mark.line + 1, mark.column + 1))
        return path

    def put(self, frame: _Frame | None, value) -> None:
        """A finished value goes into its list or mapping (or becomes the document)."""
        if frame is None:
            self.document.data = value
        elif frame.key is None:
            frame.value.append(value)
        else:
            if frame.key is not _REFUSED:
                frame.value[frame.key] = value
            frame.key = _EXPECTING_KEY

    def start(self, event, value: dict | list) -> None:
        if len(self.stack) >= MAX_DEPTH:
            raise _Stop(self.at(event, "too_deep", limit=MAX_DEPTH))
        frame = self.stack[-1] if self.stack else None
        if frame is not None and frame.key is _EXPECTING_KEY:
            self.problems.append(self.at(event, "key_not_text"))
            self.stack.append(_Frame(value, None, is_key=True))
            return
        tag = event.tag
        if tag not in (None, "!"):
            self.check_tag(tag, event, {_MAPPING} if isinstance(value, dict) else {_SEQUENCE})
        self.stack.append(_Frame(value, self.value_path(frame, event), is_key=False))

    def scalar_value(self, event, tag: str, path: Path_ | None):
        """A value YAML reads as something other than text: a number, true/false, nothing, a date."""
        if tag in _SPECIAL_WORDS and event.implicit[0]:
            self.problems.append(self.at(event, "special_word", word=event.value))
            return None
        if not self.check_tag(tag, event, _SCALAR_TAGS):
            return None
        if tag == "tag:yaml.org,2002:timestamp":
            return event.value  # dates stay text: their form (day, month or year) is meaningful
        if path is not None and event.implicit[0] and event.value:
            self.document.plain_words[path] = event.value  # `NO`, `2024`: a hint can suggest quotes
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            return yaml.SafeLoader.yaml_constructors[tag](_SCALARS, node)
        except (ValueError, KeyError, TypeError, OverflowError, yaml.YAMLError):  # `!!int abc`, 5,000 digits
            self.problems.append(self.at(event, "unreadable_value", value=event.value[:40],
                                         kind=tag.replace("tag:yaml.org,2002:", "")))
            return None

    def key(self, frame: _Frame, event, tag: str) -> None:
        key = event.value
        if tag == _STRING and key.isascii() and key.isprintable() and frame.path is not None \
                and key not in frame.value:  # nearly every key: a field name, written once
            self.document.positions[frame.path + (key,)] = (event.start_mark.line + 1, event.start_mark.column + 1)
            frame.key = key
            return
        frame.key = _REFUSED
        if tag in _SPECIAL_WORDS and event.implicit[0]:
            self.problems.append(self.at(event, "special_word", word=event.value))
            return
        if tag != _STRING:
            self.problems.append(self.at(event, "key_not_text"))
            return
        problems = len(self.problems)
        key = self.checked_text(key, event)
        if len(self.problems) > problems or frame.path is None:
            return
        if key in frame.value:
            first_line = self.document.positions[frame.path + (key,)][0]
            self.problems.append(self.at(event, "duplicate_key", name=key, line=first_line))
            return
        self.document.positions[frame.path + (key,)] = (event.start_mark.line + 1, event.start_mark.column + 1)
        frame.key = key

    def check_tag(self, tag: str, event, fitting: set[str]) -> bool:
        """True if `tag` is one of the plain tags that fit this kind of value; else a problem."""
        if tag in fitting:
            return True
        self.problems.append(self.at(event, "tag", tag=tag.replace("tag:yaml.org,2002:", "!!")))
        return False

    def checked_text(self, value: str, event) -> str:
        """`value` in NFC, after a problem for any character no reader should get."""
        unfit = None if _printable(value) else _UNFIT.search(value)
        if unfit:
            self.problems.append(self.at(event, unfit.lastgroup, code=f"{ord(unfit.group()):04X}"))
        elif value and not _visible(value):
            self.problems.append(self.at(event, "invisible_text"))
        elif undrawable := first_undrawable(value):
            self.problems.append(self.at(event, "character_not_in_fonts", code=f"{ord(undrawable):04X}"))
        elif not value.isascii() and not unicodedata.is_normalized("NFC", value):
            return unicodedata.normalize("NFC", value)  # an escape (`"e\u0301"`) can spell decomposed letters
        return value


_IMPLICIT = yaml.resolver.Resolver.yaml_implicit_resolvers  # first character → [(tag, pattern)]


def _implicit_tag(value: str) -> str:
    """The tag YAML gives an unquoted scalar: `2024` an int, `no` a bool, `~` null; text otherwise."""
    for tag, pattern in _IMPLICIT.get(value[:1], ()):
        if pattern.match(value):
            return tag
    return _STRING


_SCALARS = yaml.SafeLoader("")  # a constructor for plain scalars; holds no document
