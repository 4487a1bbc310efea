"""Material's script bundle, mended once the site is written: no third-party address, no needless lookup.

This is the one place the project touches Material's internals (its minified bundle), with a loud failure
(`ReleaseChanged`) when a new release no longer matches, so that it is looked at, not half-patched.
"""

from __future__ import annotations

import re
from pathlib import Path

from macros.common import messages


class ReleaseChanged(RuntimeError):
    """Material's bundle no longer has the code this module takes out."""


THIRD_PARTY = "https://unpkg.com/"  # Material's fallbacks: a ResizeObserver polyfill, and Mermaid for diagrams


# Material's language selector: on every page it fetches `sitemap.xml` beside each <link rel="alternate">, that
# is, in the folder of the counterpart page, to find the same page in the other language when a reader
# clicks the selector. Our links already name the counterpart and assets/site.js handles their clicks, so
# the lookup only costs a request (and a one-entry sitemap per page to answer it). Its call is taken out.
_SELECTOR_LOOKUP = re.compile(r'function (\w+)\(\{document\$:\w+\}\)\{let \w+=new Map;\w+\.pipe\(\w+\(\(\)=>\w+\("link\[rel=alternate\]"\)\)')


def drop_selector_lookup(text: str) -> str:
    """Material's bundle without the call that starts its language selector's sitemap lookup.

    Raises if the bundle no longer has exactly one such function and call: a new Material release
    must be looked at, not silently half-patched.
    """
    found = _SELECTOR_LOOKUP.findall(text)
    if len(found) != 1:
        raise ReleaseChanged(messages.text("material_changed_function", count=len(found)))
    call = re.compile(rf"(?<![\w.]){re.escape(found[0])}\(\{{document\$:\w+\}}\);")
    patched, calls = call.subn("", text)
    if calls > 1:  # none: a bundle patched by the previous build (`mkdocs serve` copies unchanged files once)
        raise ReleaseChanged(messages.text("material_changed_call", count=calls))
    return patched


def patch(site: Path) -> None:
    """Take the third-party addresses and the language selector's sitemap lookup out of Material's script bundle.

    The bundle would fetch a polyfill for very old browsers and Mermaid for
    diagram blocks (the site has none) from unpkg.com. The Content-Security-Policy
    already forbids it; removing the addresses makes sure nothing in the site
    even names another host. They become empty `data:` scripts.
    """
    for bundle in (site / "assets" / "javascripts").glob("bundle.*.js"):
        text = bundle.read_text(encoding="utf-8")
        patched = drop_selector_lookup(text.replace(THIRD_PARTY, "data:text/javascript,//"))
        if patched != text:
            bundle.write_text(patched, encoding="utf-8")
