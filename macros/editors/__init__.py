"""Editing in the browser: the Decap CMS form generated from the schemas, its local backend, clean saves.

cms_config   the CMS configuration, generated from schemas/ (committed as cms/config.yml)
normalise    what the form sends → the record's file in the house style, changed lines only
local_backend  `make edit`: Decap's proxy protocol on 127.0.0.1, writing inside the data folders only
admin        the /admin/ page (its own Content-Security-Policy) and the files it serves
"""
