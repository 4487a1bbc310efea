"""A page's language menu and its counterparts as search engines want them: absolute, with an x-default."""

from __future__ import annotations

from macros.common.interface import language_root
from macros.common.locale import LANGUAGES

X_DEFAULT = "x-default"  # the hreflang of the page for readers of any other language


def menu(languages: list[dict], site_url: str, found: dict[str, str]) -> list[dict]:
    """Material's `extra.alternate` for a page whose counterparts are `found` (language → address below the site).

    Each of `languages` (name, lang: the configured menu) leads to the page's counterpart in that language, or
    to that language's home where the page has none. The links are absolute and the default language's is
    repeated last as `x-default`, as search engines want them; the language menu
    (overrides/partials/alternate.html) makes them relative again and leaves x-default out.
    """
    entries = [{**language, "link": site_url + found.get(language["lang"], language_root(language["lang"]))}
               for language in languages]
    default = next(entry for entry in entries if entry["lang"] == LANGUAGES[0])
    return entries + [{**default, "lang": X_DEFAULT}]
