"""The Python layer of the site: load and check the YAML records, build their pages.

`define_env` is mkdocs-macros' entry point (module_name: macros in mkdocs.yml);
`hooks.py` adds the record pages; `python -m macros` is the editors' command line.
"""

from macros.lists import define_env

__all__ = ["define_env"]
