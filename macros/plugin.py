"""The `records` MkDocs plugin: validate the data before anything is built, then add the record pages.

mkdocs-static-i18n builds one language after the other and rebuilds its file
list from `docs_dir` at priority -100; the record pages are therefore added
after it (priority -200), for the language being built only, with the
attributes i18n gives its own files so that its language switcher and
sitemap alternates include them.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from macros import dataset
from macros.locale import LANGUAGES
from macros.pages import counterpart, record_pages
from macros.problems import InvalidData


def data_root(config: MkDocsConfig) -> Path:
    """The data folders sit beside mkdocs.yml (a test's copy of the site has its own)."""
    return Path(config.config_file_path).parent


class RecordPages(BasePlugin):
    """Registered as `records` (pyproject.toml entry point); listed after i18n in mkdocs.yml."""

    def on_config(self, config: MkDocsConfig) -> None:
        """Fail the build at once, with every located problem, if the data is invalid."""
        try:
            dataset.load(data_root(config))
        except InvalidData as invalid:
            raise PluginError("the data files are invalid:\n" + invalid.report()) from None

    @event_priority(-200)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Add this language's record pages, with the i18n attributes of their counterparts."""
        return _add_record_pages(files, config)


def _add_record_pages(files: Files, config: MkDocsConfig) -> Files:
    i18n = config.plugins["i18n"]
    lang = i18n.current_language
    added = []
    for page in record_pages(dataset.load(data_root(config)).model, lang):
        file = _file(config, page.src_uri, page.path, page.markdown)
        file.alternates = {other: file if other == lang else _file(config, *counterpart(page, other))
                           for other in LANGUAGES}
        file.locale = file.locale_alternate_of = file.localization = lang
        file.norm_src_uri = page.src_uri.split("/", 1)[1]
        files.append(file)
        added.append(file)
    i18n.i18n_files_per_language[lang] = i18n.i18n_files_per_language.get(lang, []) + added
    return files


def _file(config: MkDocsConfig, src_uri: str, path: str, markdown: str = "") -> File:
    """A generated file; the other languages' copies are only needed for their URL."""
    file = File.generated(config, src_uri, content=markdown)
    file.dest_uri = path + "index.html"
    return file
