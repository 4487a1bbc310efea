"""Read one YAML data file into plain Python data, remembering where each value was.

PyYAML's loaders forget positions, keep the last of two duplicate keys, expand
aliases without limit and construct objects from tags. This loader composes the
node tree itself (which executes nothing), refuses what an editor never needs
(aliases, tags, duplicate keys) and records the line and column of every key
and value so that later checks can point at the exact place.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from macros.messages import text
from macros.problems import Problem

MAX_FILE_BYTES = 256 * 1024  # a record is a few kilobytes; more is a mistake or an attack

Path_ = tuple[str | int, ...]

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


@dataclass
class Document:
    """The data of one file and the position (line, column; 1-based) of each part."""

    file: str
    data: object
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)

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


class _Reject(Exception):
    """A construct this loader refuses, with the node that has it."""

    def __init__(self, mark, key: str):
        super().__init__(key)
        self.mark, self.message, self.hint = mark, text(key), text(f"{key}_hint")


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses aliases before the composer can expand them."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _Reject(event.start_mark, "alias")
        event = self.peek_event()
        if getattr(event, "anchor", None):
            raise _Reject(event.start_mark, "anchor")
        return super().compose_node(parent, index)


def read(path: Path, root: Path) -> tuple[Document | None, list[Problem]]:
    """Load `path`; return the document, or None and the problems that stopped it."""
    name = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    source, problem = _decode(path, name)
    if problem:
        return None, [problem]
    return _fast(name, source) or _careful(name, source)


def _fast(name: str, source: str) -> tuple[Document | None, list[Problem]] | None:
    """LibYAML's parser, ten times quicker; None when the file needs the careful reading.

    LibYAML's nodes do not tell an anchor (`&name`): a file with `&` anywhere
    takes the careful path, which refuses anchors where it meets them.
    """
    if "&" in source:
        return None
    try:
        node = yaml.compose(source, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return None
    if node is None:
        return None
    document, problems = Document(name, None), []
    try:
        document.data = _Builder(document, problems).build(node, ())
    except _AliasSeen:
        return None
    return (None if problems else document), problems


def _careful(name: str, source: str) -> tuple[Document | None, list[Problem]]:
    """PyYAML's own parser: slower, but it refuses anchors as it meets them and words its errors better."""
    try:
        node = yaml.compose(source, Loader=_Loader)
    except _Reject as reject:
        return None, [_at(name, reject.mark, reject.message, reject.hint)]
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_problem(name, error)]
    except yaml.reader.ReaderError as error:  # a control character YAML does not allow
        line = source[: error.position].count("\n") + 1
        return None, [Problem(name, line, None, text("control_character", code=error.character),
                              text("control_character_hint"))]
    except yaml.YAMLError as error:  # unmarked errors are rare; still report the file
        return None, [Problem(name, None, None, text("not_yaml", error=error), text("not_yaml_hint"))]
    if node is None:
        return None, [Problem(name, 1, 1, text("empty_file"), text("empty_file_hint"))]
    document = Document(name, None)
    problems: list[Problem] = []
    document.data = _Builder(document, problems).build(node, ())
    return (None if problems else document), problems


def _decode(path: Path, name: str) -> tuple[str, Problem | None]:
    """Read the bytes and turn them into NFC text, or say why they cannot be."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return "", Problem(name, None, None, text("file_too_big", size=size, limit=MAX_FILE_BYTES),
                           text("file_too_big_hint"))
    raw = path.read_bytes()
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        return "", Problem(name, line, None, text("nul_byte"), text("nul_byte_hint"))
    try:
        source = raw.decode("utf-8-sig")  # a byte-order mark is harmless: accept it
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return "", Problem(name, line, None, text("not_utf8", byte=raw[error.start]), text("not_utf8_hint"))
    return unicodedata.normalize("NFC", source), None


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


class _AliasSeen(Exception):
    """A node met twice: the fast parser expanded an alias, which the careful one will report."""


class _Builder:
    """Turns a node tree into dicts, lists and scalars, recording each position."""

    def __init__(self, document: Document, problems: list[Problem]):
        self.document, self.problems = document, problems
        self.seen: set[int] = set()

    def build(self, node: yaml.Node, path: Path_):
        if id(node) in self.seen:
            raise _AliasSeen()
        self.seen.add(id(node))
        self.document.positions.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if node.tag not in _PLAIN_TAGS:
            self.problems.append(_at(
                self.document.file, node.start_mark,
                text("tag", tag=node.tag.replace("tag:yaml.org,2002:", "!!")), text("tag_hint"),
            ))
            return None
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (index,)) for index, item in enumerate(node.value)]
        if node.tag == "tag:yaml.org,2002:timestamp":
            return node.value  # dates stay text: their form (day, month or year) is meaningful
        return yaml.SafeLoader.yaml_constructors[node.tag](_SCALARS, node)

    def mapping(self, node: yaml.MappingNode, path: Path_) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                self.problems.append(_at(self.document.file, key_node.start_mark, text("key_not_text"),
                                         text("key_not_text_hint")))
                continue
            key = key_node.value
            if key in result:
                first_line = self.document.positions[path + (key,)][0]
                self.problems.append(_at(
                    self.document.file, key_node.start_mark,
                    text("duplicate_key", name=key, line=first_line), text("duplicate_key_hint"),
                ))
                continue
            self.document.positions[path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.build(value_node, path + (key,))
        return result


_SCALARS = yaml.SafeLoader("")  # a constructor for plain scalars; holds no document
