"""The build's two settings from the environment, checked before anything uses them: the site's address
(SITE_URL) and the address readers write to (CONTACT_EMAIL).

The build, `python -m macros report` and the publishing check all read them here, without MkDocs.
"""

from __future__ import annotations

import re

from macros.common import messages

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")  # the address readers write to (CONTACT_EMAIL)
# The site's address (SITE_URL): http(s), a host name or [IPv6], a port, a path of unreserved characters and %XX.
# It is pasted into attributes, feeds, sitemaps and robots.txt unescaped, and every page's address is appended to it.
SITE_URL = re.compile(r"(?i:https?)://(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.?|\[[0-9A-Fa-f:.]+\])"
                      r"(?::(?P<port>[0-9]{1,5}))?(?:/(?:[A-Za-z0-9._~-]|%[0-9A-Fa-f]{2})*)*")


def site_address(url: str | None) -> str:
    """`url` as the site's address, ending in `/` as MkDocs makes it; ValueError, saying what is wanted, if it is not one.

    The build and `python -m macros report` both check the address here: a quote in it would
    break out of every page's attributes, `javascript:` would reach the canonical links and the
    feeds, and a query or fragment would swallow the page addresses appended to it.
    """
    found = SITE_URL.fullmatch(url or "")
    if not found or found["port"] and not 0 < int(found["port"]) < 65536:
        raise ValueError(messages.text("bad_site_url", url=url or ""))
    return url if url.endswith("/") else url + "/"
