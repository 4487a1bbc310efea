"""HTML to PDF with WeasyPrint: bundled fonts, nothing fetched, the same bytes for the same input, tagged.

- Nothing is fetched: the URL fetcher refuses any address that is not a file
  inside the report's own folder (templates/report/: its stylesheet and fonts),
  and a refused or missing file stops the rendering instead of being skipped.
- Reproducible: WeasyPrint writes no date the HTML does not give (the report
  gives the data's date, `Model.as_of`), and the file identifier (/ID) is the
  digest the caller computes from everything the PDF is made of, not a random one.
- Tagged: PDF/UA-1 (`pdf/ua-1`), with the document's language, title and
  structure; WeasyPrint reports what PDF/UA misses (an image without alt text, a
  missing language) as an error, which stops the build like any other warning.
- WeasyPrint draws text with Pango and HarfBuzz, system libraries: without them
  it cannot even be imported, and the build stops with one sentence saying what
  to install (`make pdf-libs` installs them from Debian when run as root).
"""

from __future__ import annotations

import logging
import mimetypes
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from macros import messages
from macros.pages.render import TEMPLATE_DIR


REPORT_DIR = TEMPLATE_DIR / "report"  # the report's templates, stylesheet and fonts
VARIANT = "pdf/ua-1"
REGULAR_FONT = REPORT_DIR / "fonts" / "NotoSans-Regular.ttf"


class Unavailable(Exception):
    """WeasyPrint or the system libraries it needs are missing: the message says what to install."""


def weasyprint():
    """The weasyprint module, or Unavailable with what to install."""
    try:
        import weasyprint
    except OSError as error:  # cffi could not open libpango, libharfbuzz…
        raise Unavailable(messages.text("report_libraries", error=str(error).splitlines()[0])) from None
    except ImportError:
        raise Unavailable(messages.text("report_weasyprint")) from None
    return weasyprint


def write_pdf(html: str, identifier: str) -> bytes:
    """The PDF of `html`, whose relative addresses are files of templates/report/, with /ID `identifier`.

    Raises RuntimeError with WeasyPrint's own words if it reported any problem.
    """
    library = weasyprint()
    problems = _Problems()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(problems)
    try:
        document = library.HTML(string=html, base_url=REPORT_DIR.as_uri() + "/", url_fetcher=_local_fetcher(library))
        content = document.write_pdf(pdf_variant=VARIANT, pdf_identifier=identifier.encode("ascii"))
    except library.urls.FatalURLFetchingError as refused:  # not an Exception: WeasyPrint lets it through
        raise RuntimeError(f"WeasyPrint: {refused}") from None
    finally:
        logger.removeHandler(problems)
    if problems.lines:
        raise RuntimeError("WeasyPrint: " + "; ".join(problems.lines))
    return content


class _Problems(logging.Handler):
    """WeasyPrint's warnings and errors during one rendering (an unknown CSS property, a missing alt text…)."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def _local_fetcher(library):
    """A URL fetcher that opens only files inside templates/report/ and stops the rendering otherwise."""

    class LocalOnly(library.urls.URLFetcher):
        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            path = Path(unquote(parts.path)).resolve()
            if parts.scheme != "file" or not path.is_relative_to(REPORT_DIR) or not path.is_file():
                raise library.urls.FatalURLFetchingError(messages.text("report_fetch_refused", url=url))
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return library.urls.URLFetcherResponse(url, path.read_bytes(), {"Content-Type": kind})

    return LocalOnly(fail_on_errors=True)


def text_width(text: str, size: float) -> float:
    """How wide `text` is in the report's regular font at `size`, kerning aside (hundredths of an em).

    A chart's labels are SVG text, which never wraps: the chart makes room for its longest label with this.
    """
    advances, glyphs, units_per_em = _font_metrics()
    return sum(advances[glyphs.get(ord(character), ".notdef")] for character in text) * size / units_per_em


@cache
def _font_metrics() -> tuple[dict[str, int], dict[int, str], int]:
    """The regular font's advance width of each glyph, its glyph of each code point, and its units per em."""
    from fontTools.ttLib import TTFont  # WeasyPrint's own dependency

    with TTFont(REGULAR_FONT, lazy=True) as font:
        advances = {glyph: advance for glyph, (advance, _) in font["hmtx"].metrics.items()}
        return advances, font.getBestCmap(), font["head"].unitsPerEm
