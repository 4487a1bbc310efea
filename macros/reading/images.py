"""Images of records: files inside media/, checked by what they contain, not by their name.

An image is published as it is, so a file named `.jpg` must really be a JPEG
(a page of HTML renamed would otherwise be served from the site's own
origin), must sit inside media/ itself (never a link to somewhere else) and
must open as an image. Pillow reads the header, checks the structure, then
decodes every pixel: a JPEG cut short keeps an intact header and passes the
structure check, yet readers would see it broken.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from PIL import Image, UnidentifiedImageError


MEDIA_FOLDER = "media"
FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}  # the schema allows these names


def problem(root: Path, file: str) -> tuple[str, dict] | None:
    """What is wrong with the image `file` (a path like `media/x.jpg` below `root`): a message key and its values."""
    media, target = root / MEDIA_FOLDER, root / file  # the schema allows no folder inside media/
    if media.is_symlink() or target.is_symlink():
        return "image_link", {}
    if not target.resolve().is_relative_to(media.resolve()) or not target.is_file():
        return "no_image", {}
    expected = FORMATS[target.suffix.lower()]
    try:
        actual = _decoded_format(target)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError,
            Image.DecompressionBombWarning):
        return "image_unreadable", {"expected": expected}
    if actual != expected:
        return "image_format", {"expected": expected, "actual": actual}
    return None


def _decoded_format(target: Path) -> str:
    """The format of the image `target`, once its structure is verified and every pixel decoded.

    `verify()` checks chunks and checksums but decodes nothing, and leaves the image unusable,
    so the file is opened again to decode it (`load()`), which refuses a file cut short. Opening
    refuses an image of more pixels than Pillow's limit (a decompression bomb) before any decoding.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(target) as image:
            actual = image.format
            image.verify()
        with Image.open(target) as image:
            image.load()
    return actual
