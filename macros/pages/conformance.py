"""Material's own markup that the Nu HTML Checker refuses, mended in one place after each page is written.

Material writes two checkboxes with `autocomplete` (an attribute HTML allows on
text fields only; Material added it so that Firefox does not restore the menu's
state on Back) in base.html outside any template block, and a table-of-contents
title as `<label for="__toc">` even on pages that are not in the navigation,
where no `__toc` checkbox exists. No template block reaches either, so the
written page is mended here; tests/test_standards_html.py checks that Material
still writes exactly this markup, so an upgrade that changes it fails loudly.
"""

from __future__ import annotations

import re


# (what Material writes, what the page gets instead)
CHECKBOXES = [
    ('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">',
     '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">'),
    ('<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">',
     '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">'),
]
TOC_LABEL = re.compile(r'<label class="md-nav__title" for="__toc">(.*?)</label>', re.S)
TOC_CHECKBOX = 'id="__toc"'


def mend(html: str) -> str:
    for written, valid in CHECKBOXES:
        html = html.replace(written, valid, 1)
    if TOC_CHECKBOX not in html:  # a page outside the navigation: its contents title labels nothing
        html = TOC_LABEL.sub(r'<div class="md-nav__title">\1</div>', html)
    return html
