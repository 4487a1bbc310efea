"""Everything one language's build gets from the data and the content folders, as MkDocs files.

Its hand-written pages at their addresses (the default language's at the site root), its record and year
pages, its files (feeds, calendars, redirect pages, the annual reports in PDF) and, in the default
language's build, the files both languages share (images, open data, robots.txt).
"""

from __future__ import annotations

from itertools import chain
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from macros import preview
from macros.common.locale import LANGUAGES
from macros.files import extras, reports
from macros.model import dataset
from macros.pages.record_pages import VirtualPage, record_pages, year_pages


def language_of(file: File) -> str | None:
    """The language folder a hand-written file is in (`content/en/…` → en); None for shared files and the theme's."""
    first = file.src_uri.split("/", 1)[0]
    return first if first in LANGUAGES else None


def at_address(file: File, lang: str, config: MkDocsConfig) -> File:
    """A hand-written page of the default language at the site root (`vi/about.md` → `about/`); any other file as is."""
    if lang != LANGUAGES[0] or language_of(file) != lang:
        return file
    return File(file.src_uri, config.docs_dir, config.site_dir, config.use_directory_urls,
                dest_uri=file.dest_uri.removeprefix(f"{lang}/"), inclusion=file.inclusion)


def add_generated_files(files: Files, config: MkDocsConfig, lang: str, data: dataset.Dataset,
                        printed: list[reports.Report], signature: str | None = None) -> dict[str, VirtualPage]:
    """Add this language's record pages (and the shared and language files, reports included) to `files`.

    With the theme's `signature`, an incremental preview's: each record page's source is a stand-in
    that changes only with the page's content (`preview`). Returns the record and year pages by source path.
    """
    model = data.model
    if lang == LANGUAGES[0]:  # shared by both languages: written once, by the default language's build
        root = str(Path(config.config_file_path).parent)  # media/ sits beside mkdocs.yml
        for image in model.images():
            files.append(File(image.file, root, config.site_dir, config.use_directory_urls))
        for file in extras.shared_files(config, data):
            files.append(file)
    for file in extras.language_files(config, data, lang):
        files.append(file)
    for report in printed:
        if report.lang == lang and report.printed:
            files.append(extras.generated(config, report.path, report.content))
    linked = reports.by_year(printed, lang)
    pages = {}
    for page in chain(record_pages(model, lang, config.site_url, config.site_name, linked), year_pages(model, lang, linked)):
        pages[page.src_uri] = page
        files.append(_file(config, page, signature))
    return pages


def _file(config: MkDocsConfig, page: VirtualPage, signature: str | None) -> File:
    """A generated page's file: its source is empty (or an incremental preview's stand-in), the plugin gives the
    page its content. Not in the menu, on purpose: MkDocs need not list the thousands of them as left out."""
    dest_uri = page.path + "index.html"
    if signature is not None:
        return preview.record_file(config, page.src_uri, dest_uri, preview.page_digest(signature, page.html, page.meta))
    file = File.generated(config, page.src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)
    file.dest_uri = dest_uri
    return file
