"""Code blocks a keyboard can scroll: each `<pre><code>` of a page gets `tabindex="0"` and a name.

A long line scrolls sideways inside its block (on a phone, most of the guide's
examples do). Material's script makes a block focusable once the page has run it;
this gives every block, in the written page, a tab stop and a name, whichever
wrote it: Python-Markdown's fences or the guide's example records
(templates/lists/example_record.html.j2). The name is the file's, when the block
shows one, else "Code".
"""

from __future__ import annotations

import re
from html import escape

from macros.common.interface import words


BLOCK = re.compile(r'(?:<span class="filename">(?P<name>[^<]*)</span>)?<pre(?P<pre>[^>]*)>(?P<lead>(?:<span></span>)?)<code>')


def focusable(html: str, lang: str) -> str:
    """`html` with every highlighted block's `<code>` a named, focusable region."""
    said = words(lang)

    def named(block: re.Match) -> str:
        name = said["code_file"].format(name=block["name"]) if block["name"] else said["code_block"]
        return (block[0][:-len("<code>")]
                + f'<code tabindex="0" role="region" aria-label="{escape(name, quote=True)}">')

    return BLOCK.sub(named, html)
