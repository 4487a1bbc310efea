"""What every stage shares: languages and dates, the message catalogue, the settings, the collections, the
interface's words and addresses, where the project is."""

from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]  # this checkout: mkdocs.yml, the data folders, schemas/, templates/
PREVIEW_COMMAND = ("mkdocs", "serve", "--dirty", "--strict")  # `make serve`, `make edit`'s preview (macros/preview.py)
