"""Located problems: what is wrong, where, and how to fix it.

Every check in the project reports through `Problem` so that the validator,
the build and the tests all print the same `FILE:LINE:COL: message — hint`
line an editor can click in their editor or CI log.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from macros.common.messages import plural


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one data file."""

    file: str
    line: int | None
    column: int | None
    message: str
    hint: str = ""
    pending: bool = False  # a missing English text: reported, never fatal

    def __str__(self) -> str:
        place = self.file
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        text = f"{place}: {self.message}"
        return _one_line(f"{text} — {self.hint}" if self.hint else text)


def _one_line(text: str) -> str:
    """A problem is one line of output, whatever the value it quotes: `https://x/\\n` stays on its line."""
    return text.translate(_VISIBLE_ESCAPES)


# every character that breaks a line for str.splitlines (and terminals): C0, DEL, NEL, the line and paragraph separators
_VISIBLE_ESCAPES = ({code: f"\\x{code:02x}" for code in [*range(32), 0x7F, 0x85]}
                    | {0x2028: "\\u2028", 0x2029: "\\u2029", ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"})


PER_FILE = 50  # problems printed for one file: a file with thousands has one mistake repeated


class InvalidData(Exception):
    """Raised once with every problem of a run, never one at a time."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self) -> str:
        """Every problem, one a line; past PER_FILE in one file, a count of the rest (fix the first ones first)."""
        lines, per_file = [], Counter(problem.file for problem in self.problems)
        shown: Counter = Counter()
        for problem in self.problems:
            shown[problem.file] += 1
            if shown[problem.file] <= PER_FILE:
                lines.append(str(problem))
            elif shown[problem.file] == PER_FILE + 1:
                lines.append(f"{problem.file}: " + plural("more_problems", per_file[problem.file] - PER_FILE))
        lines.append(plural("errors", len(self.problems)))
        return "\n".join(lines)
