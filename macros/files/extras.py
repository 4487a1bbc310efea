"""The built site's files that are not pages: open data, feeds, calendars, citations, robots.txt, redirects.

Each is made in memory and handed to MkDocs as a generated file, so MkDocs
writes it with the pages and nothing is written into the source tree.
"""

from __future__ import annotations

import json
from html import escape

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from macros.common.interface import labels, language_root
from macros.files import feeds, opendata
from macros.model.dataset import Dataset
from macros.rendering.citation import Citation, cite


def generated(config: MkDocsConfig, path: str, content: bytes | str) -> File:
    """A file of the site at `path` (below the site root) with `content`."""
    file = File.generated(config, path, content=content)
    file.dest_uri = path
    return file


def shared_files(config: MkDocsConfig, data: Dataset) -> list[File]:
    """Files common to both languages: the open data and robots.txt."""
    files = [generated(config, download.path, download.content) for download in opendata.downloads(data)]
    files.append(generated(config, "robots.txt", f"User-agent: *\nAllow: /\nSitemap: {config.site_url}sitemap.xml\n"))
    return files


def language_files(config: MkDocsConfig, data: Dataset, lang: str) -> list[File]:
    """Files of one language: its RSS and Atom feeds, its calendar, the feed of the records' changes, each record's
    citation, and the pages of its moved records' old addresses."""
    contents = {**feeds.feeds(data.model, lang, config.site_url, config.site_name),
                **feeds.ics(data.model, lang, config.site_url, config.site_name),
                **feeds.changes_feed(data.model, lang, config.site_url, config.site_name),
                **citations(data, lang, config.site_url, config.site_name)}
    files = [generated(config, path, content) for path, content in contents.items()]
    for old, new in sorted(data.redirects.items()):
        files.append(generated(config, f"{language_root(lang)}{old}/index.html", _redirect_page(config, lang, new)))
    return files


def citations(data: Dataset, lang: str, site_url: str, site_name: str) -> dict[str, str]:
    """Each record's citation in `lang` as CSL-JSON (an array of one item), beside the record's page, which links it."""
    return {language_root(lang) + record.path + Citation.FILE:
            json.dumps([cite(record, lang, site_url, site_name).csl(f"{record.collection}/{record.id}", lang)],
                       ensure_ascii=False, indent=2) + "\n"
            for record in data.model.records()}


def _redirect_page(config: MkDocsConfig, lang: str, new: str) -> str:
    """A page that sends browsers, and tells search engines, to the record's new address."""
    target = escape(config.site_url + language_root(lang) + new + "/")
    text = labels()["moved"][lang]
    return (f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f'<title>{escape(text)}</title>\n<link rel="canonical" href="{target}">\n'
            f'<meta name="robots" content="noindex">\n<meta http-equiv="refresh" content="0; url={target}">\n'
            f'</head>\n<body>\n<p>{escape(text)} <a href="{target}">{target}</a></p>\n</body>\n</html>\n')
