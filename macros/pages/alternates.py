"""A page's counterparts in the other languages, as search engines want them: absolute, with an x-default."""

from __future__ import annotations

from urllib.parse import urljoin

from macros.model.locale import LANGUAGES

X_DEFAULT = "x-default"  # the hreflang of the page for readers of any other language


def absolute(alternates: list[dict], site_url: str) -> list[dict]:
    """The page's counterparts as absolute addresses, and `x-default` (the default language's) last.

    Search engines want absolute hreflang links and an x-default, as the
    sitemap gives them; the language menu (overrides/partials/alternate.html)
    leaves x-default out.
    """
    absolute = [{**alternate, "link": urljoin(site_url, alternate["link"])}  # "/base/en/" or "en/partners/x/"
                for alternate in alternates if alternate.get("lang") != X_DEFAULT]
    default = next((alternate for alternate in absolute if alternate["lang"] == LANGUAGES[0]), None)
    return absolute + ([{**default, "lang": X_DEFAULT}] if default else [])
