"""A Content-Security-Policy for each page: the site's own origin, and the theme's own inline scripts.

The policy goes in a `<meta>` tag (static hosting gives us no headers). Pagefind's
search runs WebAssembly, hence 'wasm-unsafe-eval' (it allows compiling WebAssembly
only, not JavaScript `eval`). Inline scripts are allowed by the SHA-256 of the
scripts the project ships, never of what a page happens to contain: the theme's
script partials (`partials/javascripts/*.html`, Material's and any override) are
rendered for the page's depth, the only thing that changes them, and hashed. A
script that is not the project's stays blocked even if some escaping bug were
ever to let one into a page.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache

import jinja2


SCRIPT_PARTIALS = "partials/javascripts/"
# inline scripts that run: not `src=` ones, not data blocks (JSON, JSON-LD), which CSP does not govern
_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>(.*?)</script>", re.S)

_POLICY = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {hashes}; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'"
)


class Policies:
    """The policy of each page of one build, from the theme's templates (the Jinja environment MkDocs uses)."""

    def __init__(self, env: jinja2.Environment, config):
        self.env, self.config = env, config
        self.partials = sorted(env.list_templates(filter_func=lambda name: name.startswith(SCRIPT_PARTIALS)))
        self.policy = lru_cache(maxsize=None)(self._policy)  # one per depth of the site

    def _policy(self, base_url: str) -> str:
        hashes = sorted({_sha256(script) for script in self.scripts(base_url)})
        return _POLICY.format(hashes=" ".join(hashes)).replace("  ", " ")

    def scripts(self, base_url: str) -> list[str]:
        """The inline scripts the theme's partials write on a page whose root is `base_url`."""
        context = {"config": self.config, "base_url": base_url, "features": self.config.theme.get("features", [])}
        return [script for name in self.partials
                for script in _INLINE_SCRIPT.findall(self.env.get_template(name).render(context))]

    def add(self, html: str, base_url: str) -> str:
        """`html` with its policy as the first element of `<head>`."""
        meta = f'<meta http-equiv="Content-Security-Policy" content="{self.policy(base_url)}">'
        return html.replace("<head>", "<head>\n    " + meta, 1)


def inline_scripts(html: str) -> list[str]:
    """The inline scripts a page would run (for checking a built page against its policy)."""
    return _INLINE_SCRIPT.findall(html)


def _sha256(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"
