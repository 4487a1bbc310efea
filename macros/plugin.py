"""The `records` MkDocs plugin: the data's way into the site.

It validates the data before anything is built, adds the record and year
pages and the files that are not pages (open data, feeds, calendars, the
annual reports in PDF), and
finishes each page: Content-Security-Policy, search marker, per-language 404
pages and sitemaps, the Pagefind index at the end.

mkdocs-static-i18n builds one language after the other and rebuilds its file
list from `docs_dir` at priority -100; the record pages are therefore added
after it (priority -200), for the language being built only. Each carries the
three attributes i18n reads from a page's file (`_name_language`), so that its
language menu points at the counterpart; the sitemap template lists them from
this plugin's own `generated_pages`, not from i18n's file lists.
"""

from __future__ import annotations

import subprocess
from copy import deepcopy
from html import escape
from itertools import chain
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import AnchorLink

from macros import messages, settings
from macros.files import extras, pdf, reports, search
from macros.model.locale import LANGUAGES
from macros.model.records import COLLECTIONS
from macros.pages import alternates, codeblocks, conformance, csp, theme
from macros.pages.record_pages import VirtualPage, counterpart, record_pages, year_pages
from macros.pages.render import TITLE_ID, labels, language_root
from macros.reading import dataset, redirects
from macros.reading.images import MEDIA_FOLDER
from macros.reading.problems import InvalidData
from macros.finish import material_bundle, sitemaps


WATCHED = (*COLLECTIONS, MEDIA_FOLDER, "schemas", "templates", "macros", redirects.FILE)


def data_root(config: MkDocsConfig) -> Path:
    """The data folders sit beside mkdocs.yml (a test's copy of the site has its own)."""
    return Path(config.config_file_path).parent


class RecordPages(BasePlugin):
    """Registered as `records` (pyproject.toml entry point); listed after i18n in mkdocs.yml."""

    def __init__(self):
        super().__init__()
        self.printing = True  # the annual reports are printed, except in `mkdocs serve`
        self.indexing: dict[str, subprocess.Popen] = {}  # language → its Pagefind run, until the site is finished

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """A preview (`mkdocs serve`) prints no annual report: its rebuilds would wait for WeasyPrint.

        Defining this event also keeps one plugin object for all of serve's rebuilds (MkDocs ≥ 1.4).
        """
        self.printing = command != "serve"

    @event_priority(-150)  # after i18n has set the language of this build
    def on_config(self, config: MkDocsConfig) -> None:
        """Fail the build at once, with every located problem, if the data is invalid, or with one sentence if a
        setting is not one (MACROS_LANG, SITE_URL, CONTACT_EMAIL).

        Also say once why the pages are not dated by git, if they are not, and hand the theme the
        interface words of the language being built.
        """
        try:
            messages.language()  # every message below needs it
            settings.site_address(config.site_url)
        except ValueError as refused:  # MACROS_LANG or SITE_URL, each refused in one sentence
            raise PluginError(str(refused)) from None
        try:
            self.data = dataset.load(data_root(config))
        except InvalidData as invalid:
            raise PluginError(messages.text("build_invalid") + "\n" + invalid.report()) from None
        lang = config.plugins["i18n"].current_language
        if self.data.history_note and lang == LANGUAGES[0]:  # once a build; information, not a warning (--strict)
            get_plugin_logger("records").info(self.data.history_note)
        self.last_date = self.data.model.as_of().first_day().isoformat()  # MkDocs needs a day
        email = config.extra.get("contact_email", "")
        if email and not settings.EMAIL.fullmatch(email):
            raise PluginError(messages.text("bad_contact_email", email=email))
        config.extra["ui"] = theme.words_for_theme(lang)

    @event_priority(-200)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Add this language's record and year pages (with the i18n attributes of their counterparts) and files."""
        lang = config.plugins["i18n"].current_language
        if lang == LANGUAGES[0]:  # printed once for both languages
            self.sitemap_files = {}
            try:
                self.reports = reports.reports(self.data.model, config.site_url, data_root(config), printing=self.printing)
            except (pdf.Unavailable, RuntimeError) as failed:
                raise PluginError(str(failed)) from None
        self.pages, self.sitemap_files[lang] = _add_generated_files(files, config, self.data, self.reports)
        return files

    def on_pre_page(self, page, config: MkDocsConfig, files: Files):
        """Date every page by the data, so the sitemap never depends on the day of the build."""
        page.update_date = self.last_date
        return page

    @event_priority(-50)  # before i18n's (-100), which builds the next language
    def on_post_build(self, config: MkDocsConfig) -> None:
        """Index each language's pages once written; finish the site once its last language is: reproducible sitemap.

        Runs before i18n's own `on_post_build`, which builds the next language: the
        default language's search index is made meanwhile, on another core.
        """
        lang = config.plugins["i18n"].current_language
        self.indexing[lang] = search.start_index(config.site_dir, lang, data_root(config))
        if lang != LANGUAGES[-1]:
            return
        for indexed, run in self.indexing.items():
            search.finish_index(run, config.site_dir, indexed)
        self.indexing = {}
        try:
            material_bundle.patch(Path(config.site_dir))
        except material_bundle.ReleaseChanged as changed:
            raise PluginError(str(changed)) from None
        sitemaps.compress(Path(config.site_dir) / "sitemap.xml")

    def on_build_error(self, error: Exception) -> None:
        """A failed build leaves no search index being written into the folder it abandons."""
        for run in self.indexing.values():
            run.kill()
            run.communicate()
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
            return codeblocks.focusable(html, page.file.locale)
        title = AnchorLink(page.title, TITLE_ID, 1)
        title.children = [AnchorLink(text, anchor, 2) for anchor, text in record_page.toc()]
        page.toc.items[:] = [title]
        return record_page.html

    def on_pre_template(self, template, template_name: str, config: MkDocsConfig):
        """The 404 page is no page's counterpart: its switcher leads to each language's home."""
        if template_name == "404.html":
            homes = deepcopy(config.plugins["i18n"].extra_alternate)  # i18n sets the attribute
            config.extra.alternate = alternates.absolute(homes, config.site_url)
        return template

    def on_serve(self, server, config: MkDocsConfig, builder):
        """Rebuild on any change to the data, media, schemas, templates or code, in the folders that exist."""
        for name in WATCHED:
            if (data_root(config) / name).exists():
                server.watch(str(data_root(config) / name))
        return server

    def on_env(self, env, config: MkDocsConfig, files: Files):
        """The theme's templates, from which each page's Content-Security-Policy is computed.

        MkDocs makes a new environment for every build, each language's and each
        `mkdocs serve` rebuild's; the templates' compiled code is kept for the process.
        """
        env.bytecode_cache = _COMPILED_TEMPLATES
        self.policies = csp.Policies(env, config)
        self.base_urls: dict[str, str] = {}
        return env

    def on_page_context(self, context, page, config: MkDocsConfig, nav):
        """Note the page's depth (the theme's scripts depend on it); make its alternates absolute, with x-default.

        Runs after i18n (priority 50) has put this page's counterparts in config.extra.alternate.
        """
        self.base_urls[page.url] = context["base_url"]
        config.extra.alternate = alternates.absolute(getattr(config.extra, "alternate", None) or [], config.site_url)
        return context

    def on_template_context(self, context, template_name: str, config: MkDocsConfig):
        """Note the template's depth; give the sitemap (overrides/sitemap.xml) the generated pages and the reports."""
        self.base_urls[template_name] = context["base_url"]
        context["generated_pages"] = self.sitemap_files
        context["report_entries"] = sitemaps.report_entries(self.reports, self.last_date)
        return context

    def on_post_page(self, output: str, page, config: MkDocsConfig) -> str:
        _restore_alternates(config)
        searchable = search.mark_searchable(output, page.url, escape(labels()["search_type_page"][page.file.locale]))
        return self.policies.add(conformance.mend(searchable), self.base_urls.pop(page.url))

    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig) -> str:
        """Give each language its own 404 page and a sitemap of its own pages (/en/sitemap.xml).

        i18n builds every language into the same site folder, so without this the last
        language's 404.html would replace the default one at the root.
        """
        lang = config.plugins["i18n"].current_language
        if template_name == "404.html":
            output = self.policies.add(conformance.mend(output), self.base_urls.pop(template_name))
            _restore_alternates(config)
        if lang == LANGUAGES[0] or template_name not in {"404.html", "sitemap.xml"}:
            return output
        target = Path(config.site_dir) / language_root(lang) / template_name
        target.parent.mkdir(parents=True, exist_ok=True)
        own = output if template_name == "404.html" else sitemaps.only_below(output, config.site_url + language_root(lang))
        target.write_text(own, encoding="utf-8")
        # the complete sitemap (all languages) also stays at the root; the 404 page does not
        return output if template_name == "sitemap.xml" else ""


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates in memory, by name; Jinja compiles a template again if its source changed."""

    def __init__(self):
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


_COMPILED_TEMPLATES = _CompiledTemplates()


def _restore_alternates(config: MkDocsConfig) -> None:
    """Leave i18n's language list as i18n made it: its next language build reads it again."""
    config.extra.alternate = deepcopy(config.plugins["i18n"].extra_alternate)


def _add_generated_files(files: Files, config: MkDocsConfig, data: dataset.Dataset,
                         printed: list[reports.Report]) -> tuple[dict[str, VirtualPage], list[File]]:
    """Add this language's record pages (and the shared and language files, reports included) to `files`.

    Returns the pages by source path, and their files (for the sitemap).
    """
    lang = config.plugins["i18n"].current_language
    model = data.model
    if lang == LANGUAGES[0]:  # shared by both languages: written once, outside the language folders
        for image in model.images():
            files.append(File(image.file, str(data_root(config)), config.site_dir, config.use_directory_urls))
        for file in extras.shared_files(config, data):
            files.append(file)
    for file in extras.language_files(config, data, lang):
        files.append(file)
    for report in printed:
        if report.lang == lang and report.printed:
            files.append(extras.generated(config, report.path, report.content))
    linked = reports.by_year(printed, lang)
    added, pages = [], {}
    for page in chain(record_pages(model, lang, config.site_url, linked), year_pages(model, lang, linked)):
        pages[page.src_uri] = page
        file = _file(config, page.src_uri, page.path)
        _name_language(file, lang, {other: _file(config, *counterpart(page, other)) for other in LANGUAGES if other != lang})
        files.append(file)
        added.append(file)
    return pages, added


def _name_language(file: File, lang: str, counterparts: dict[str, File]) -> None:
    """Give a generated page's file the three attributes mkdocs-static-i18n reads from every page's file.

    i18n's `on_page_context` reads `locale`, `locale_alternate_of` and
    `alternates` (to point the language menu at the counterpart), as it set them
    on the files it found in `docs_dir`; a page it did not find must carry them
    too. This is the only place the project writes i18n's attributes.
    """
    file.locale = file.locale_alternate_of = lang
    file.alternates = {lang: file, **counterparts}


def _file(config: MkDocsConfig, src_uri: str, path: str) -> File:
    """A generated page's file: its source is empty, the plugin gives the page its content."""
    file = File.generated(config, src_uri, content="")
    file.dest_uri = path + "index.html"
    return file


