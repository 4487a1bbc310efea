"""A minimal Hugo site from the same records, to compare build times side by side.

One content page per record and language (title, summary, dates, partners,
the Markdown body), a list page per collection and language, hreflang
alternates, Vietnamese at the root and English under /en/, as our site has.
No search index, no open data, no feeds beyond Hugo's defaults: a floor for
what a static generator needs for the pages alone. Needs Debian's `hugo`.

    python bench/hugo_site.py PROJECT TARGET   # writes TARGET/ (a Hugo project) from PROJECT's YAML
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import yaml


LANGUAGES = ("vi", "en")
COLLECTIONS = ("decisions", "plans", "partners", "activities")

CONFIG = """\
baseURL = "http://127.0.0.1:8000/"
title = "Hop tac quoc te"
defaultContentLanguage = "vi"
defaultContentLanguageInSubdir = false
disableKinds = ["taxonomy", "term"]
[languages.vi]
  weight = 1
  contentDir = "content/vi"
  languageName = "Tiếng Việt"
[languages.en]
  weight = 2
  contentDir = "content/en"
  languageName = "English"
"""

BASEOF = """\
<!doctype html>
<html lang="{{ .Language.Lang }}">
<head>
<meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}</title>
<meta name="description" content="{{ .Params.summary }}">
<link rel="canonical" href="{{ .Permalink }}">
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
{{ end }}</head>
<body>
<header><nav>{{ range site.Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}
{{ range .Translations }}<a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a>{{ end }}</nav></header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
"""

SINGLE = """\
{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<p class="lede">{{ .Params.summary }}</p>
<dl>{{ with .Params.dates }}<dt>Dates</dt><dd>{{ . }}</dd>{{ end }}
{{ with .Params.partners }}<dt>Partners</dt><dd>{{ range . }}<a href="{{ relLangURL (printf "partners/%s/" .id) }}">{{ .name }}</a> {{ end }}</dd>{{ end }}</dl>
{{ .Content }}
</article>{{ end }}
"""

LIST = """\
{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.dates }}</li>{{ end }}</ul>{{ end }}
"""


def text(value, lang: str) -> str:
    """A localised text in `lang` (the Vietnamese one while the English is pending)."""
    if isinstance(value, dict):
        return value.get(lang) or value.get("vi") or ""
    return "" if value is None else str(value)


def write(project: Path, target: Path) -> int:
    """Write the Hugo project; return the number of content pages."""
    if target.exists():
        shutil.rmtree(target)
    for folder, files in {"layouts/_default": {"baseof.html": BASEOF, "single.html": SINGLE, "list.html": LIST}}.items():
        (target / folder).mkdir(parents=True)
        for name, content in files.items():
            (target / folder / name).write_text(content, encoding="utf-8")
    (target / "config.toml").write_text(CONFIG, encoding="utf-8")
    records = {name: [yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
                      for path in sorted((project / name).glob("*.yml"))] for name in COLLECTIONS}
    names = {record["id"]: record["name"] for record in records["partners"]}
    pages = 0
    for lang in LANGUAGES:
        for name, items in records.items():
            folder = target / "content" / lang / name
            folder.mkdir(parents=True)
            (folder / "_index.md").write_text(f"---\ntitle: {json.dumps(name)}\n---\n", encoding="utf-8")
            for record in items:
                title = text(record.get("title") or record.get("name"), lang)
                front = {"title": title, "summary": text(record.get("summary") or record.get("description"), lang),
                         "dates": record.get("start") or record.get("date_signed") or "",
                         "partners": [{"id": pid, "name": text(names.get(pid), lang)} for pid in record.get("partners", [])
                                      if isinstance(pid, str)]}
                body = text(record.get("body"), lang)
                (folder / f"{record['id']}.md").write_text(f"{json.dumps(front, ensure_ascii=False)}\n\n{body}\n",
                                                           encoding="utf-8")
                pages += 1
    return pages


if __name__ == "__main__":
    print(write(Path(sys.argv[1]), Path(sys.argv[2])), "content pages")
