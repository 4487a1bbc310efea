"""The Python layer of the site: read and check the YAML records, build their pages and files.

The stages, in the order data flows through them:
`reading` (YAML files → checked dataset), `model` (typed, linked records and
what is computed from them), `pages` (record pages, the macros of hand-written
pages), `files` (open data, feeds, calendars, search, annual reports) and
`editors` (the editors' commands). `plugin.py` is the `records` MkDocs plugin
that joins them to the build; `python -m macros` is the editors' command line.
"""


def define_env(env) -> None:
    """mkdocs-macros' entry point (`module_name: macros` in mkdocs.yml).

    Imported on call, so that reading and checking the data (`python -m macros
    validate`, the model's users) never loads MkDocs.
    """
    from macros.files import opendata
    from macros.pages.lists import define_env as define_list_macros

    define_list_macros(env, downloads=opendata.downloads, licence=opendata.LICENCE)
