"""The model: typed, cross-linked records, and what is computed from them (figures, charts, regions).

Nothing here reads files or writes pages: the model is built by `macros.reading`
and read by `macros.pages` and `macros.files`.
"""
