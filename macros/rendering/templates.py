"""The Jinja environment that turns records into page text, and its helpers.

Templates live in `templates/` and are compiled once per process. Data only
ever reaches them as values: autoescaping is on, so a `<script>` or `{{ }}`
typed in a YAML title is shown as text, and long Markdown texts are read as
CommonMark with raw HTML shown as text, then checked by an allow-list sanitiser (nh3).
"""

from __future__ import annotations

from functools import cache

import jinja2
import nh3
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markupsafe import Markup, escape
from mkdocs.utils import get_relative_url
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import YamlLexer

from macros.common.interface import TEMPLATE_DIR, labels, language_root
from macros.common.locale import LANGUAGES, PartialDate, Text, country_name, format_range
from macros.model.charts import group_progress
from macros.model.records import Further


TITLE_ID = "title"  # the id of a record page's <h1>: the skip link's target
HISTORY_SHOWN = 10  # a record's latest changes listed open; the earlier ones folded below them

_ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "h3", "h4", "code", "table",
                 "thead", "tbody", "tr", "th", "td"}


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["source_number"] = lambda source, cited: cited.index(source) + 1  # its number in the page's list
    env.globals.update(TITLE_ID=TITLE_ID, HISTORY_SHOWN=HISTORY_SHOWN, country_name=country_name, format_range=format_range,
                       group_progress=group_progress, inline_code=inline_code)
    return env


class PageContext:
    """What a template needs to know about the page it writes: language and place."""

    def __init__(self, lang: str, path: str):
        self.lang, self.path = lang, path
        self.labels = labels()  # looked up once per page: a template asks for dozens of words

    def t(self, key: str, value: str | None = None) -> str:
        """An interface word; `t("partner_kind", "company")` for the label of an enum value."""
        entry = self.labels[key] if value is None else self.labels[key][value]
        return entry[self.lang]

    def counted(self, key: str, count: int, **values) -> str:
        """The label `key` filled in with `count`, in its `KEY_one` form when the count is 1 and it has one."""
        one = f"{key}_one"
        return self.t(one if count == 1 and one in self.labels else key).format(count=count, **values)

    def say(self, text: Text) -> Markup:
        """The text in this page's language, marked up with `lang` when it falls back."""
        if text.pending(self.lang):
            return Markup('<span lang="{}">{}</span>').format(text.lang_of(self.lang), text.get(self.lang))
        return escape(text.get(self.lang))

    def further(self, field: Further) -> Markup:
        """A further field's value (macros/model/values.py), its texts in this page's language, `, `-separated."""
        return Markup(", ").join(self.say(part) if isinstance(part, Text) else escape(part)
                                 for part in field.parts(self.lang))

    def plain(self, text: Text) -> str:
        return text.get(self.lang)

    def date(self, value: PartialDate | None) -> str:
        return value.format(self.lang) if value else ""

    def date_element(self, value: PartialDate, last_day: bool = False) -> Markup:
        """The date written out inside a `<time>` element, for a sentence of the interface to hold; with `last_day`,
        the last day it covers (a term "2025" ends on 31/12/2025)."""
        if last_day:
            value = PartialDate.of(value.last_day())
        return Markup('<time datetime="{}">{}</time>').format(value.iso(), self.date(value))

    def date_last_day(self, value: PartialDate) -> str:
        """The last day a date covers, written out: a plan of 2024 ends on 31/12/2024."""
        return self.date(PartialDate.of(value.last_day()))

    def link(self, target_path: str) -> str:
        """Relative URL from this page to `target_path` (below the language root, or `#anchor` suffixed)."""
        path, _, anchor = target_path.partition("#")
        url = get_relative_url(language_root(self.lang) + path, self.path)
        return f"{url}#{anchor}" if anchor else url

    def size(self, size: int) -> str:
        """A file size as readers write it: 12,3 KB in Vietnamese, 12.3 KB in English."""
        if size < 1024:
            text = f"{size} B"
        else:
            text = f"{size / 1024:.1f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"
        return text.replace(".", ",") if self.lang == "vi" else text

    def asset(self, file: str) -> str:
        """Relative URL from this page to a file shared by all languages (e.g. `media/x.jpg`)."""
        return get_relative_url(file, self.path)

    def markdown(self, text: Text) -> Markup:
        """A long Markdown text as sanitised HTML: raw HTML shown as text, only http(s) and mailto links."""
        html = _markdown().render(text.get(self.lang))
        return Markup(nh3.clean(html, tags=_ALLOWED_TAGS, url_schemes={"http", "https", "mailto"},
                                link_rel="noopener noreferrer"))


@cache
def _markdown() -> MarkdownIt:
    """CommonMark (markdown-it-py): linear time on any input, and raw HTML written as text, not markup.

    An image would load from another host: it becomes a link to the image, named by its text.
    """
    parser = MarkdownIt("commonmark", {"html": False}).enable("table")
    parser.add_render_rule("image", _image_as_link)
    return parser


def _image_as_link(renderer, tokens, index, options, env) -> str:
    image = tokens[index]
    alt = renderer.renderInlineAsText(image.children or [], options, env)
    return f'<a href="{escapeHtml(image.attrGet("src") or "")}">{escapeHtml(alt or image.attrGet("src") or "")}</a>'


def inline_code(text: str) -> Markup:
    """A schema's description, its `backticked` words as code: every part escaped, only the <code> tags ours."""
    parts = text.split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick: show the text as it is
        return escape(text)
    return Markup("").join(Markup("<code>{}</code>").format(part) if index % 2 else escape(part)
                           for index, part in enumerate(parts))


def highlighted_yaml(source: str) -> Markup:
    """YAML text as the theme's highlighted code: Pygments escapes every character of it."""
    return Markup(highlight(source, YamlLexer(), HtmlFormatter(nowrap=True)))


def render(template: str, context: PageContext, **values) -> str:
    """Render `template` for one page."""
    return environment().get_template(template).render(page=context, t=context.t, say=context.say,
                                                       languages=LANGUAGES, **values)
