"""The interface's words and addresses, shared by the pages, the files and the theme: words.yml, the template
folder, each language's root, where the feeds and the search page are."""

from __future__ import annotations

import operator
from functools import partial
from pathlib import Path

import yaml

from macros.common import PROJECT
from macros.common.latest import Latest
from macros.common.locale import DEFAULT_LANGUAGE, LANGUAGES


TEMPLATE_DIR = PROJECT / "templates"
WORDS = "words.yml"  # the catalogue: the interface's words, and the messages of the validator and commands
FEEDS = ("rss", "atom")
CHANGES_PAGE = "changes/"  # the records' recent changes, newest first
RECENT_CHANGES = 100  # the changes that page and its feed list; every change is in the open data's:
CHANGES_DATA = "data/changes.json"
SEARCH_PAGE = "search/"  # the results page; assets/site.js finds the search bundle beside it


def words(lang: str, section: str | None = None) -> dict[str, str]:
    """The plain labels (not the enum tables) of words.yml, or of one of its sections, in `lang`.

    Computed once per language and section while the file stays as it is, though asked for on every page.
    """
    catalogue = labels()
    chosen = _WORDS.get(catalogue, dict)  # a new one when the catalogue is read again
    if (lang, section) not in chosen:
        entries = catalogue if section is None else catalogue[section]
        chosen[lang, section] = {key: value[lang] for key, value in entries.items()
                                 if isinstance(value, dict) and set(value) == set(LANGUAGES)}
    return dict(chosen[lang, section])  # a copy: callers may add to it


def labels() -> dict:
    """The catalogue; read again when the file changes (during `mkdocs serve`)."""
    path = TEMPLATE_DIR / WORDS
    return _CATALOGUE.get((path, path.stat().st_mtime_ns), partial(_read, path))


def _read(path: Path) -> dict:
    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=yaml.CSafeLoader)  # libyaml: a tenth of the pure-Python time


_CATALOGUE: Latest[dict] = Latest()
_WORDS: Latest[dict] = Latest(operator.is_)  # (lang, section) → words, for the catalogue last read


def language_root(lang: str) -> str:
    """`""` for the default language, `en/` for the others."""
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


def calendar_subscription(site_url: str, lang: str) -> str:
    """The `webcal://` address of `lang`'s calendar on the site at `site_url`: a calendar program that opens it
    subscribes (and fetches it again as the calendar's refresh hint says) instead of importing a copy once."""
    return "webcal://" + site_url.partition("://")[2] + feed_path(lang, "ics")


def changes_feed_path(lang: str) -> str:
    """The Atom feed of the records' recent changes in `lang`, at the language's root as the activities' are."""
    return language_root(lang) + "changes.atom.xml"


def feed_path(lang: str, kind: str) -> str:
    """`activities.rss.xml`, `activities.atom.xml` or `activities.ics` at the language's root.

    At the root, because Material looks for `sitemap.xml` beside every
    `<link rel="alternate">` of a page, and the language roots have one.
    """
    return language_root(lang) + (f"activities.{kind}.xml" if kind in FEEDS else "activities.ics")
