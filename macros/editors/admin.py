"""The /admin/ page: Decap CMS's bundle from npm (cms/, pinned), our page and style, its own CSP.

The same files are served by `make edit` (local_backend) and copied into the published site
(`python -m macros admin`, after the site's checks), so what editors use locally is what goes live. Public pages keep their
own policy (macros/pages/csp.py); this one is the editor's alone, and allows only what Decap needs,
found by running it in Chromium with each directive taken away in turn:
  - script-src 'unsafe-eval': without it Decap does not start (it compiles its configuration's
    JSON Schema with ajv, which builds functions from strings);
  - style-src 'unsafe-inline': Decap's components are styled by emotion, which writes `<style>`
    elements at run time; without it the form is unstyled;
  - img-src blob: data:: the local backend hands images over as data that Decap shows through
    object URLs (blob:); small icons are data: URLs;
  - connect-src https://api.github.com, in production only: the GitHub backend reads and writes
    the repository through GitHub's API. Sign-in opens GitHub's (or the OAuth provider's) page in
    a pop-up window, which a policy does not govern. Avatars from GitHub's image host stay blocked.
No inline script, no frame (the preview pane is off: the site itself is the preview), no worker.
"""

from __future__ import annotations

from pathlib import Path

from macros.common import PROJECT, messages
from macros.editors import cms_config

CMS = PROJECT / "cms"
PAGE = CMS / "admin"
BUNDLE = CMS / "node_modules" / "decap-cms" / "dist"
GITHUB_API = "https://api.github.com"
_POLICY = ("default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
           "img-src 'self' data: blob:; connect-src 'self'{connect}; object-src 'none'; base-uri 'self'; "
           "form-action 'self'")


class BundleMissing(Exception):
    """Decap CMS is not installed: `make cms` installs it."""


def policy(production: bool) -> str:
    """The /admin/ page's Content-Security-Policy; GitHub's API only where the GitHub backend is used."""
    return _POLICY.format(connect=f" {GITHUB_API}" if production else "")


def page(production: bool) -> str:
    return (PAGE / "index.html").read_text(encoding="utf-8").replace("{policy}", policy(production))


def files() -> dict[str, Path]:
    """Every file /admin/ serves besides its page and configuration, by name: ours, and Decap's
    bundle with the chunks and WebAssembly it loads on demand (never its source maps)."""
    if not (BUNDLE / "decap-cms.js").is_file():
        raise BundleMissing(messages.text("cms_missing"))
    served = {path.name: path for path in PAGE.iterdir() if path.name != "index.html"}
    served.update({path.name: path for path in BUNDLE.iterdir()
                   if path.name.endswith((".decap-cms.js", ".wasm")) or path.name in ("decap-cms.js", "cms.css")})
    return served


def write(site: Path, root: Path, elements: list[tuple[str, str]]) -> Path:
    """Write /admin/ into a built `site`: the page, the files, the production configuration."""
    folder = site / "admin"
    folder.mkdir(parents=True, exist_ok=True)
    for name, path in files().items():
        (folder / name).write_bytes(path.read_bytes())
    (folder / "index.html").write_text(page(production=True), encoding="utf-8")
    config = cms_config.served(elements, cms_config.github_backend(root))
    (folder / "config.yml").write_text(config, encoding="utf-8")
    return folder
