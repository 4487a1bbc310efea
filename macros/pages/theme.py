"""What the theme's overrides (overrides/) are handed: the interface words of a language and the addresses the
header and footer link to; and where the theme's compiled templates are kept between builds."""

from __future__ import annotations

import jinja2

from macros.common.interface import CHANGES_PAGE, SEARCH_PAGE, changes_feed_path, feed_path, language_root, words

OPEN_DATA_PAGE = "open-data/"
CONTACT_PAGE = "contact/"
GUIDE_PAGE = "guide/"  # for editors: linked from the About page, not from the readers' menu or footer


def words_for_theme(lang: str) -> dict[str, str]:
    """The labels in `lang` and the addresses the header and footer link to, for the theme overrides."""
    return {
        **words(lang), **words(lang, "ui"),
        "search_path": language_root(lang) + SEARCH_PAGE, "open_data_path": language_root(lang) + OPEN_DATA_PAGE,
        "contact_path": language_root(lang) + CONTACT_PAGE, "guide_path": language_root(lang) + GUIDE_PAGE,
        "feed_rss_path": feed_path(lang, "rss"), "feed_atom_path": feed_path(lang, "atom"),
        "calendar_path": feed_path(lang, "ics"), "changes_path": language_root(lang) + CHANGES_PAGE,
        "changes_feed_path": changes_feed_path(lang),
    }


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates in memory, by name; Jinja compiles a template again if its source changed."""

    def __init__(self):
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


COMPILED_TEMPLATES = CompiledTemplates()  # the theme's, kept for the process: every build makes a new environment
