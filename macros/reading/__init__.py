"""Reading and checking the data: YAML files in, a checked, linked dataset (or located problems) out.

`dataset.load` is the one entry point, shared by the `records` plugin, the
macros and the editors' commands: it reads each file with positions (`load`),
checks it against its JSON Schema (`schemas`) and its values (`values`), then
the links between files (`references`), and caches the result for the build.
"""
