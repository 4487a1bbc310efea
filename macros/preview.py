"""The incremental preview (`mkdocs serve --dirty`, what `make serve` runs): after an edit, only the pages whose
content changed are rendered again.

MkDocs' documented `--dirty` mode skips a page whose source file is older than the page it wrote last time.
A record page has no source file of its own (its HTML comes from the data), so in this mode each one gets a
small stand-in file outside the project, holding a digest of the page's content, the theme's templates and the
site's settings: it is rewritten, and the page rendered again, only when that digest changes. An edit to one
partner thus renders that partner's page and the pages that show it, in both languages, not all of them.

Hand-written pages are always rendered again (their last output is removed before the build): their macros
list records, so any edit to the data can change them. What a dirty build cannot know is left as MkDocs
documents it: a page taken out of the data stays in the preview until the next start, and a changed menu
reaches only the pages rendered again.
"""

from __future__ import annotations

import glob
import hashlib
import logging
import os
import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

NOTICE = ("Incremental preview: after an edit, only the pages whose content changed are rendered again; a page "
          "taken out of the data stays until the preview is restarted.")
SETTINGS = ("mkdocs.yml", "mkdocs.en.yml")  # the site's settings: a change renders every page again


class _DirtyNotice(logging.Filter):
    """MkDocs warns on every dirty build that its menus may be out of date, which `--strict` (the site's setting)
    turns into a failed build. The preview says what it does once, at its start; this drops the warning."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


_DIRTY_NOTICE = _DirtyNotice()


def allow_strict(tool: str) -> None:
    """Let a strict build (`strict: true` in mkdocs.yml) be dirty: `tool` (mkdocs or properdocs) no longer warns."""
    logging.getLogger(f"{tool}.commands.build").addFilter(_DIRTY_NOTICE)  # adding it again changes nothing


def sources_folder(site_dir: str) -> Path:
    """Where one language's preview keeps its record pages' stand-ins: beside the preview's folder, never in the
    project."""
    return Path(f"{site_dir.rstrip(os.sep)}-sources")


def theme_signature(config: MkDocsConfig) -> str:
    """A digest of the theme's own templates (`overrides/`) and the site's settings: a page rendered with other
    ones is out of date even if its content is not."""
    root = Path(config.config_file_path).parent
    digest = hashlib.sha256()
    custom = Path(config.theme.custom_dir) if config.theme.custom_dir else None
    paths = sorted(custom.rglob("*")) if custom and custom.is_dir() else []
    for path in [*paths, *(root / name for name in SETTINGS)]:
        if path.is_file():
            digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def record_file(config: MkDocsConfig, src_uri: str, dest_uri: str, content: str) -> File:
    """A record page's file whose source is a stand-in, rewritten only when `content` (the page's digest) changed."""
    folder = sources_folder(config.site_dir)
    stand_in = folder / src_uri
    if not stand_in.is_file() or stand_in.read_text(encoding="utf-8") != content:
        stand_in.parent.mkdir(parents=True, exist_ok=True)
        stand_in.write_text(content, encoding="utf-8")
    return File(src_uri, str(folder), config.site_dir, config.use_directory_urls, dest_uri=dest_uri,
                inclusion=InclusionLevel.NOT_IN_NAV)


def page_digest(signature: str, html: str, meta: dict) -> str:
    """What a record page's stand-in holds: its HTML, its metadata and the theme's signature, digested."""
    return hashlib.sha256("\0".join((signature, html, repr(meta))).encode()).hexdigest()


def render_again(files: Files, generated: set[str]) -> None:
    """Remove the last output of every page not in `generated` (the hand-written ones), so MkDocs renders it again."""
    for file in files.documentation_pages():
        if file.src_uri not in generated:
            Path(file.abs_dest_path).unlink(missing_ok=True)


def mirror(folder: Path, target: Path) -> None:
    """Make `target` show what `folder` holds, by hard links: a file rewritten in place by the next build changes
    in both, so only new files need linking. Where the system cannot link (some network or FAT file systems),
    each file is copied, every time."""
    for source in folder.rglob("*"):
        if source.is_dir():
            continue
        placed = target / source.relative_to(folder)
        if placed.exists() and os.path.samefile(source, placed):
            continue
        placed.parent.mkdir(parents=True, exist_ok=True)
        placed.unlink(missing_ok=True)
        try:
            os.link(source, placed)
        except OSError:
            shutil.copyfile(source, placed)


def language_folder(site_dir: Path, lang: str) -> Path:
    """The folder an incremental preview keeps for another language's build, beside the preview's own."""
    return site_dir.with_name(f"{site_dir.name}-{lang}")


def remove(site_dir: str) -> None:
    """The folders kept beside a preview's (`<site_dir>-…`: stand-ins, other languages) go with it."""
    site = Path(site_dir)
    for folder in site.parent.glob(f"{glob.escape(site.name)}-*"):
        shutil.rmtree(folder, ignore_errors=True)
