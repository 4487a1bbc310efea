"""The `records` MkDocs plugin: the data's way into one language's build, and the site's finishing.

Each language is built from its own configuration (`mkdocs.yml` for Vietnamese, `mkdocs.en.yml` for
English, which inherits it): the plugin checks the data, keeps that language's hand-written pages
(`content/<lang>/`), adds its record and year pages and its files (open data, feeds, calendars, the annual
reports in PDF), points each page's language menu and alternates at its counterparts (`counterparts`), and
finishes each page: Content-Security-Policy, search marker, markup mends.

The Vietnamese build is the site's build: it forks the other languages' builds (`language_builds`), each of
which makes its own pages' search index, moves their folders in, and runs the whole-site steps over the
written folder: its own language's search index, the sitemaps, the theme bundle's mend.
"""

from __future__ import annotations

import subprocess
from html import escape
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.toc import AnchorLink

from macros import language_builds, language_files, preview
from macros.common import messages, settings
from macros.common.collections import COLLECTIONS
from macros.common.interface import labels, language_root
from macros.common.locale import LANGUAGES
from macros.files import reports, search
from macros.finish import material_bundle, sitemaps
from macros.model import dataset, redirects
from macros.pages import alternates, codeblocks, conformance, csp, theme
from macros.pages.counterparts import address_below_root, counterparts
from macros.reading.images import MEDIA_FOLDER
from macros.reading.problems import InvalidData
from macros.rendering.templates import TITLE_ID


WATCHED = (*COLLECTIONS, MEDIA_FOLDER, "schemas", "templates", "macros", redirects.FILE,
           *(language_builds.config_file(Path(), lang).name for lang in LANGUAGES[1:]))


def data_root(config: MkDocsConfig) -> Path:
    """The data folders sit beside mkdocs.yml (a test's copy of the site has its own)."""
    return Path(config.config_file_path).parent


def build_language(config: MkDocsConfig) -> str:
    """The language this configuration builds: the theme's (`theme.language`), one of LANGUAGES."""
    lang = config.theme["language"]
    if lang not in LANGUAGES:
        raise PluginError(messages.text("theme_language", lang=repr(lang), file=config.config_file_path,
                                        languages=", ".join(LANGUAGES)))
    return lang


class RecordPages(BasePlugin):
    """Registered as `records` (pyproject.toml entry point); listed last in mkdocs.yml."""

    def __init__(self):
        super().__init__()
        self.previewing = False  # `mkdocs serve`: no annual report printed, no search index waited for
        self.incremental = False  # `mkdocs serve --dirty`: only the pages whose content changed are rendered again
        self.indexing: dict[str, subprocess.Popen] = {}  # language → its Pagefind run, until the site is finished
        self.others: list[language_builds.LanguageBuild] = []  # the other languages' builds, until moved in

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """A preview (`mkdocs serve`) prints no annual report, and shows its pages before their search index is made:
        its rebuilds would wait for Typst and Pagefind. With `--dirty` (`make serve`), it is incremental
        (`preview`).

        Defining this event also keeps one plugin object for all of serve's rebuilds (MkDocs ≥ 1.4).
        """
        self.previewing = command == "serve"
        self.incremental = self.previewing and dirty
        if self.incremental:
            get_plugin_logger("records").info(preview.NOTICE)

    def on_shutdown(self) -> None:
        """A preview that stops leaves no search index running, and no folder of its own behind."""
        self._stop_indexing()
        if self.incremental:
            preview.remove(self.site_dir)

    def on_config(self, config: MkDocsConfig) -> None:
        """Fail the build at once, with every located problem, if the data is invalid, or with one sentence if a
        setting is not one (MACROS_LANG, SITE_URL, CONTACT_EMAIL); then, in the default language's build, print
        the annual reports and start the other languages' builds.

        Also say once why the pages are not dated by git, if they are not, and hand the theme the
        interface words of the language being built.
        """
        self._stop_indexing()  # a preview's previous rebuild may still be indexing the folder this one replaces
        self.site_dir = config.site_dir
        try:
            messages.language()  # every message below needs it
            settings.site_address(config.site_url)
        except ValueError as refused:  # MACROS_LANG or SITE_URL, each refused in one sentence
            raise PluginError(str(refused)) from None
        self.lang = build_language(config)
        email = config.extra.get("contact_email", "")
        if email and not settings.EMAIL.fullmatch(email):
            raise PluginError(messages.text("bad_contact_email", email=email))
        root = data_root(config)
        handover = language_builds.take(root) or self._prepare(root, config.site_url)
        self.data, self.reports = handover.data, handover.reports
        self.previewing, self.incremental = handover.previewing, handover.incremental
        if self.data.history_note and self.lang == LANGUAGES[0]:  # once a build; information, not a warning (--strict)
            get_plugin_logger("records").info(self.data.history_note)
        self.last_date = self.data.model.as_of().first_day().isoformat()  # MkDocs needs a day
        self.counterparts = counterparts(Path(config.docs_dir), self.data.model)
        self.languages = [dict(entry) for entry in config.extra["alternate"]]  # the menu's names, in order
        config.extra["ui"] = theme.words_for_theme(self.lang)
        tool = type(config).__module__.partition(".")[0]  # mkdocs or properdocs: the others are built alike
        if self.incremental:
            preview.allow_strict(tool)
        if self.lang == LANGUAGES[0]:
            self.others = [language_builds.LanguageBuild(lang, root, Path(config.site_dir), config.strict, tool,
                                                         handover) for lang in LANGUAGES[1:]]

    def _prepare(self, root: Path, site_url: str) -> language_builds.Handover:
        """The checked data and the annual reports of every language, printed where not cached."""
        try:
            data = dataset.load(root)
        except InvalidData as invalid:
            raise PluginError(messages.text("build_invalid") + "\n" + invalid.report()) from None
        try:
            printed = reports.reports(data.model, site_url, root, printing=not self.previewing)
        except RuntimeError as failed:
            raise PluginError(str(failed)) from None
        return language_builds.Handover(root, data, printed, self.previewing, self.incremental)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """This language's hand-written pages at their addresses, its record and year pages, and its files."""
        kept = Files([language_files.at_address(file, self.lang, config) for file in files
                      if language_files.language_of(file) in {None, self.lang}])
        signature = preview.theme_signature(config) if self.incremental else None
        self.pages = language_files.add_generated_files(kept, config, self.lang, self.data, self.reports, signature)
        if self.incremental:
            preview.render_again(kept, set(self.pages))
        return kept

    def on_nav(self, nav, config: MkDocsConfig, files: Files):
        """The home of this language's pages is its root (`en/`): the theme's logo and title lead there."""
        if self.lang != LANGUAGES[0]:
            nav.homepage = next((page for page in nav.pages if page.url == language_root(self.lang)), nav.homepage)
        return nav

    def on_pre_page(self, page, config: MkDocsConfig, files: Files):
        """Date every page by the data, so the sitemap never depends on the day of the build."""
        page.update_date = self.last_date
        return page

    def on_post_build(self, config: MkDocsConfig) -> None:
        """Index this language's pages; in the default language's build, first move the other languages' in, then
        finish the site.

        A build's other language indexes its own pages in its own process, while the default language's pages are
        still being rendered; the default language's index is started once that process has ended, so that two
        indexes (each holding a language's whole index in memory) never run at once. A preview indexes every
        language once its pages are in place, and waits for none.
        """
        root = data_root(config)
        if self.lang != LANGUAGES[0]:
            if not self.previewing:
                search.finish_index(search.start_index(config.site_dir, self.lang, root), config.site_dir, self.lang)
            return
        site_dir = Path(config.site_dir)
        for other in self.others:
            if not other.finish_into(site_dir):
                raise PluginError(messages.text("language_build_failed", config=language_builds.config_file(
                    root, other.lang).name))
        self.others = []
        for lang in LANGUAGES if self.previewing else LANGUAGES[:1]:
            self.indexing[lang] = search.start_index(config.site_dir, lang, root)
        if not self.previewing:  # a preview's index is ready a moment after its pages; search waits for nothing else
            for indexed, run in self.indexing.items():
                search.finish_index(run, config.site_dir, indexed)
            self.indexing = {}
        try:
            material_bundle.patch(site_dir)
        except material_bundle.ReleaseChanged as changed:
            raise PluginError(str(changed)) from None
        sitemaps.write(site_dir, config.site_url, self.counterparts, self.reports, self.last_date)

    def on_build_error(self, error: Exception) -> None:
        """A failed build leaves no other language's build and no search index running for the folder it abandons."""
        for other in self.others:
            other.stop()
        self.others = []
        self._stop_indexing()

    def _stop_indexing(self) -> None:
        """Stop the search indexes still running; say so if one had already failed on its own.

        A preview does not wait for its indexes: this is where their failures are told.
        """
        for run in self.indexing.values():
            failure = search.stop_index(run)
            if failure:
                get_plugin_logger("records").error(search.failed(failure))
        self.indexing = {}

    def on_page_markdown(self, markdown: str, page, config: MkDocsConfig, files: Files) -> str:
        """A record page's metadata, as a front matter would give it: title, description, JSON-LD."""
        record_page = self.pages.get(page.file.src_uri)
        if record_page:
            page.meta = dict(record_page.meta)
        return markdown

    def on_page_content(self, html: str, page, config: MkDocsConfig, files: Files) -> str:
        """A record page's HTML and its table of contents, the title first; elsewhere, code blocks a keyboard can scroll.

        Material's skip link goes to the table's first entry, which must be the
        title, and Material's sidebar leaves a leading title entry out by itself.
        """
        record_page = self.pages.get(page.file.src_uri)
        if not record_page:
            return codeblocks.focusable(html, self.lang)
        title = AnchorLink(page.title, TITLE_ID, 1)
        title.children = [AnchorLink(text, anchor, 2) for anchor, text in record_page.toc()]
        page.toc.items[:] = [title]
        return record_page.html

    def on_pre_template(self, template, template_name: str, config: MkDocsConfig):
        """The 404 page is no page's counterpart: its language menu leads to each language's home."""
        if template_name == "404.html":
            config.extra["alternate"] = alternates.menu(self.languages, config.site_url, {})
        return template

    def on_serve(self, server, config: MkDocsConfig, builder):
        """Rebuild on any change to the data, media, schemas, templates, code, the theme's own templates
        (`custom_dir`, which MkDocs watches only with `--watch-theme`) or the other languages' settings."""
        for name in WATCHED:
            if (data_root(config) / name).exists():
                server.watch(str(data_root(config) / name))
        if config.theme.custom_dir:
            server.watch(config.theme.custom_dir)
        return server

    def on_env(self, env, config: MkDocsConfig, files: Files):
        """The theme's templates, from which each page's Content-Security-Policy is computed.

        MkDocs makes a new environment for every build, each language's and each
        `mkdocs serve` rebuild's; the templates' compiled code is kept for the process.
        """
        env.bytecode_cache = theme.COMPILED_TEMPLATES
        self.policies = csp.Policies(env, config)
        self.base_urls: dict[str, str] = {}
        return env

    def on_page_context(self, context, page, config: MkDocsConfig, nav):
        """Note the page's depth (the theme's scripts depend on it); point its language menu and alternates at its
        counterparts (absolute, with x-default), or at the other language's home where it has none."""
        self.base_urls[page.url] = context["base_url"]
        found = self.counterparts.of(address_below_root(page.url, self.lang))
        config.extra["alternate"] = alternates.menu(self.languages, config.site_url, found)
        return context

    def on_template_context(self, context, template_name: str, config: MkDocsConfig):
        """Note the template's depth: the 404 page's Content-Security-Policy depends on it."""
        self.base_urls[template_name] = context["base_url"]
        return context

    def on_post_page(self, output: str, page, config: MkDocsConfig) -> str:
        searchable = search.mark_searchable(output, page.url, escape(labels()["search_type_page"][self.lang]))
        return self.policies.add(conformance.mend(searchable), self.base_urls.pop(page.url))

    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig) -> str:
        """Finish the 404 page; another language's goes below its root (`en/404.html`), as its folder is moved in."""
        if template_name != "404.html":
            return output
        output = self.policies.add(conformance.mend(output), self.base_urls.pop(template_name))
        if self.lang == LANGUAGES[0]:
            return output
        target = Path(config.site_dir) / language_root(self.lang) / template_name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(output, encoding="utf-8")
        return ""  # nothing at the root of this language's folder
