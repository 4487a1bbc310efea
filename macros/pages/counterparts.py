"""Which page is which page's counterpart in the other languages: from the content folders and the data alone.

A page's address below its language's root is the same in every language (`partners/kr-mois/` is
`/partners/kr-mois/` in Vietnamese, `/en/partners/kr-mois/` in English). A hand-written page has a
counterpart where the other language's folder has the same file; a record's or a year's page is made in
every language. The language menu, the pages' hreflang alternates and the sitemap all read this one map,
so each language can be built on its own, in its own process, and still point at the other.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from macros.common.interface import language_root
from macros.common.locale import LANGUAGES
from macros.model.records import Model
from macros.pages.record_pages import activity_years, year_path


class Counterparts:
    """Each language's pages, by their address below its root, in the order the sitemap lists them."""

    def __init__(self, pages: dict[str, tuple[str, ...]]):
        self.pages = pages
        self._present = {lang: frozenset(addresses) for lang, addresses in pages.items()}

    def of(self, address: str) -> dict[str, str]:
        """The page at `address` (below a language's root) in each language that has it: language → full address."""
        return {lang: language_root(lang) + address for lang in LANGUAGES if address in self._present[lang]}


def counterparts(docs_dir: Path, model: Model) -> Counterparts:
    """The map for the content below `docs_dir` (one folder per language) and the records of `model`."""
    generated = [record.path for record in model.records()] + [year_path(year) for year in activity_years(model)]
    return Counterparts({lang: tuple(hand_written(docs_dir / lang)) + tuple(generated) for lang in LANGUAGES})


def address_below_root(page_url: str, lang: str) -> str:
    """A built page's address (MkDocs' `page.url`) without its language's root: `en/about/` → `about/`."""
    return page_url.removeprefix(language_root(lang)).removeprefix("./")


def hand_written(folder: Path) -> list[str]:
    """The addresses of the Markdown pages below `folder`, in MkDocs' order: a folder's index first, then its
    other pages by name, then its subfolders (`mkdocs.structure.files.file_sort_key`)."""
    sources = [PurePosixPath(path.relative_to(folder).as_posix()) for path in folder.rglob("*.md")]
    sources.sort(key=lambda source: (source.parts[:-1], source.stem != "index", source.name))
    return [_address(source) for source in sources]


def _address(source: PurePosixPath) -> str:
    """`index.md` → ``, `about.md` → `about/`, `guide/index.md` → `guide/` (MkDocs' directory URLs)."""
    folder = "" if source.parent == PurePosixPath(".") else f"{source.parent}/"
    return folder if source.stem == "index" else f"{folder}{source.stem}/"
