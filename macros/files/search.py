"""Site search: a Pagefind bundle per language, built from the finished HTML.

Pagefind ignores accents (so "hop tac" finds "hợp tác"). Each language has a
bundle of its own below its root (`/pagefind/`, `/en/pagefind/`), so results never
mix the languages, and each run holds one language's index in memory, not both.
The English build indexes its own pages in its own process as soon as they are
written, while the Vietnamese pages are still being rendered on the other core;
the Vietnamese index starts once that process has ended, so two runs never hold
their indexes at once, and the build waits for it at the end (`finish_index`).
Pagefind treats `đ` as a letter of its own; assets/site.js therefore also
searches each `d` of a query as `đ`. Only the article of each page is indexed,
not the menus repeated on every page, and not the editors' guide.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
from pathlib import Path

from mkdocs.exceptions import PluginError

from macros.common import messages
from macros.common.interface import SEARCH_PAGE, language_root
from macros.common.locale import LANGUAGES


ARTICLE = '<article class="md-content__inner md-typeset">'
BUNDLE = "pagefind/"  # below each language's root
EDITORS_GUIDE = "guide/"  # for editors, not readers: its example files would answer every search
TITLE_WEIGHT = 10  # Pagefind's highest: a word in the title counts a hundred times a word in the text
YEAR_PAGES = "activities/years/"  # lists of activities that have their own pages: found through those
# Pagefind 1.6 from npm (`npm ci --prefix search`): it counts accent variants (hợp, họp, hộp…) in its chunk
# sizes, so a first search for "hop tac" loads about 35 KB of index instead of 330 KB. PyPI has 1.5.2 only.
# Installed below the project being built (`root`), not below this code's checkout.
NPM_PAGEFIND = Path("search") / "node_modules" / ".bin" / "pagefind"


def mark_searchable(html: str, url: str, kind: str) -> str:
    """Tell Pagefind to index this page's article, rank its title above its text, and call it `kind`.

    A record page names its own kind (partner, activity…) in its template;
    `kind` (a plain page) is only the default.
    """
    first, _, rest = url.partition("/")
    path = rest if first in LANGUAGES else url  # below the language root
    if path.startswith((SEARCH_PAGE, EDITORS_GUIDE, YEAR_PAGES)):
        return html
    html = html.replace(ARTICLE, ARTICLE[:-1] + f' data-pagefind-body data-pagefind-default-meta="type:{kind}">', 1)
    return html.replace("<h1", f'<h1 data-pagefind-weight="{TITLE_WEIGHT}"', 1)


def start_index(site_dir: str, lang: str, root: Path) -> subprocess.Popen:
    """Start Pagefind (installed from npm by `make install` in the project `root`) on `lang`'s pages;
    `finish_index` waits for it."""
    pagefind = root / NPM_PAGEFIND
    if not pagefind.exists():
        raise PluginError(messages.text("pagefind_missing"))
    command = [str(pagefind), "--site", str(Path(site_dir)), "--glob", _pages_of(lang),
               "--output-subdir", language_root(lang) + BUNDLE, "--silent", "--exclude-selectors", ".headerlink"]
    # npm's `pagefind` starts Pagefind's binary: a session of their own lets `stop_index` end both
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def finish_index(run: subprocess.Popen, site_dir: str, lang: str) -> None:
    """Wait for `start_index`'s run; stop the build with Pagefind's words if it failed."""
    output, errors = run.communicate()
    if run.returncode != 0:
        raise PluginError(failed(errors or output))
    _sort_entry(Path(site_dir) / language_root(lang) / BUNDLE / "pagefind-entry.json")


def stop_index(run: subprocess.Popen) -> str | None:
    """End `start_index`'s run if it is still going (a preview's rebuild replaces the pages it reads); Pagefind's
    words if it had already failed on its own, else None."""
    running = run.poll() is None
    if running:
        os.killpg(run.pid, signal.SIGKILL)  # the binary too: it holds the output pipes open until it ends
    output, errors = run.communicate()
    return errors or output if not running and run.returncode != 0 else None


def failed(output: str) -> str:
    """What the build says when Pagefind failed: that, then Pagefind's own words."""
    return messages.text("pagefind_failed") + "\n" + output


def _pages_of(lang: str) -> str:
    """Pagefind's glob for `lang`'s pages: below its root, or, for the default language, outside the others'.

    Pagefind's globs cannot exclude, so "not below `en/`" is spelled as every other
    name a top-level folder can have: `[!e]*`, `e`, `e[!n]*`, `en?*`.
    """
    if lang != LANGUAGES[0]:
        return f"{language_root(lang)}**/*.html"
    (name,) = [language_root(other).rstrip("/") for other in LANGUAGES[1:]]  # the site's one other language
    folders = [name[:index] + f"[!{char}]*" for index, char in enumerate(name)]
    folders += [name[:index] for index in range(1, len(name))] + [name + "?*"]
    return "{" + ",".join(["*.html"] + [f"{folder}/**/*.html" for folder in folders]) + "}"


def _sort_entry(entry: Path) -> None:
    """Pagefind lists its languages in a random order: sort them, so that two builds are identical."""
    data = json.loads(entry.read_text(encoding="utf-8"))
    entry.write_text(json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
