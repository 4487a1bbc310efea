"""A Content-Security-Policy for each page: the site's own origin, nothing else.

The policy goes in a `<meta>` tag (static hosting gives us no headers). Pagefind's
search runs WebAssembly, hence 'wasm-unsafe-eval' (it allows compiling WebAssembly
only, not JavaScript `eval`). Inline
scripts are allowed by the SHA-256 of their exact text, computed per page,
because Material's small bootstrap script differs with the page's depth.
"""

from __future__ import annotations

import base64
import hashlib
import re

# inline scripts that run: not `src=` ones, not data blocks (JSON, JSON-LD), which CSP does not govern
_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>(.*?)</script>", re.S)

_POLICY = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {hashes}; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'"
)


def policy(html: str) -> str:
    """The policy allowing exactly the inline scripts of `html`."""
    hashes = sorted({_sha256(script) for script in _INLINE_SCRIPT.findall(html)})
    return _POLICY.format(hashes=" ".join(hashes)).replace("  ", " ")


def add_policy(html: str) -> str:
    """`html` with its policy as the first element of `<head>`."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return html.replace("<head>", "<head>\n    " + meta, 1)


def _sha256(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"
