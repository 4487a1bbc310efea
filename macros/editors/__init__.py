"""The editors' commands and the editor in the browser.

scaffold       `make new`: a new record from a commented template
translation    which English is pending, or older than the Vietnamese it translates
publish        a build that never half-publishes (built aside, swapped in on success)
cms_config     the Decap CMS configuration, generated from schemas/ (committed as cms/config.yml)
normalise      what the form sends → the record's file in the house style, changed lines only
local_backend  `make edit`: Decap's proxy protocol on 127.0.0.1, writing inside the data folders only
admin          the /admin/ page (its own Content-Security-Policy) and the files it serves
commands       the editor's commands of `python -m macros`
"""
