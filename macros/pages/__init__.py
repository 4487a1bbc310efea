"""The pages: record pages, the macros of hand-written pages, and what every page carries.

Templates in `templates/` get the model's records as values (`render`); each
page also gets its JSON-LD, its Content-Security-Policy and Material's markup
mended for the validators.
"""
