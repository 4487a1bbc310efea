# Every target installs what it needs into .venv first; `make serve` and
# `make test` are the only two commands a fresh clone needs. What the machine must
# provide (a Python 3.11+, a Chromium-family browser, Node.js) is found by tools/,
# which says in one sentence what to install when something is missing.
SHELL := /bin/bash
VENV := .venv
PYTHON := $(VENV)/bin/python
STAMP := $(VENV)/.installed
CMS_BUNDLE := cms/node_modules/.installed
BOOTSTRAP := $(shell command -v python3 || command -v python)

# A .venv whose Python is older than 3.11, or gone (a removed pyenv version), is rebuilt.
ifneq ($(shell $(PYTHON) -c 'import sys; print(sys.version_info >= (3, 11))' 2>/dev/null),True)
$(shell rm -f $(STAMP))
endif

.PHONY: help
help: # List the targets
	@grep -E '^[a-z-]+:.*#' $(MAKEFILE_LIST) | sed -E 's/:.*# /\t/'

# Pagefind 1.6 (the search index; PyPI has 1.5.2 only), pinned in search/: macros/files/search.py runs it.
SEARCH := search/node_modules/.installed
$(SEARCH): search/package.json search/package-lock.json | node
	npm ci --prefix search --no-audit --no-fund
	touch $(SEARCH)

.PHONY: pagefind
pagefind: $(SEARCH) # Install Pagefind (pinned in search/), which indexes the built site

$(STAMP): requirements.txt requirements-test.txt constraints.txt pyproject.toml
	@[ -n "$(BOOTSTRAP)" ] || { echo "Python 3.11 or newer is needed: install it (see README, Two commands)." >&2; exit 1; }
	@chosen=$$($(BOOTSTRAP) tools/python.py) || exit 1; \
	if [ -e $(VENV) ] && ! $(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then \
	  echo "Rebuilding $(VENV): its Python is older than 3.11 or gone."; rm -rf $(VENV); fi; \
	[ -x $(PYTHON) ] || { echo "Creating $(VENV) with $$chosen"; $$chosen -m venv $(VENV); }
	$(PYTHON) -m pip install --quiet -r requirements-test.txt -c constraints.txt
	$(PYTHON) -m pip install --quiet --no-deps -e .
	touch $(STAMP)

.PHONY: install
install: $(STAMP) pagefind # Create .venv and install the pinned dependencies

# Programs and libraries from the system's packages: installed with apt-get when run as root on
# Debian/Ubuntu (CI), otherwise one sentence naming the package to install (apt or Homebrew).
# $(call system_package,CHECK,DEBIAN PACKAGES,HOMEBREW PACKAGE,WHAT)
define system_package
	@$(1) || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then apt-get update -qq && apt-get install -y -qq $(2); \
	  elif [ "$$(uname)" = Darwin ]; then echo "Install $(4) first: brew install $(3)" >&2; exit 1; \
	  else echo "Install $(4) first: sudo apt-get install $(2)" >&2; exit 1; fi; }
endef

.PHONY: poppler
poppler: # Make sure poppler's tools are there (the tests render the reports' first pages with pdftoppm)
	$(call system_package,command -v pdftoppm >/dev/null,poppler-utils,poppler,poppler-utils)

.PHONY: hugo
hugo: # Make sure Hugo is there (the benchmark builds the same records with it, for comparison)
	$(call system_package,command -v hugo >/dev/null,hugo,hugo,Hugo)

.PHONY: validate
validate: $(STAMP) # Check every data file; print located errors
	$(PYTHON) -m macros validate

.PHONY: build
build: validate pagefind # Validate, then build the site into site/ (swapped in only on success), annual reports included
	$(PYTHON) -m macros build

.PHONY: report
report: validate # Write one year's annual reports (PDF, both languages) into build/ without building the site: make report YEAR=2024
	$(PYTHON) -m macros report $(YEAR)

.PHONY: admin
admin: $(STAMP) $(CMS_BUNDLE) # Add the browser editor to the built site/ as site/admin/ (GitHub backend, editorial workflow)
	$(PYTHON) -m macros admin

.PHONY: publish
.PHONY: publish-check
publish-check: $(STAMP) # Refuse to publish unless SITE_URL and CONTACT_EMAIL are set (a local build keeps its defaults)
	$(PYTHON) -m macros publish-check

publish: publish-check build admin # Build site/ for any static host: copy the folder as it is (SITE_URL and CONTACT_EMAIL required)
	@echo "site/ is ready: copy its content to the web server's folder for $${SITE_URL:-http://127.0.0.1:8000/}."
	@echo "Nothing else is needed: its pages load nothing from other hosts (the editor, /admin/, talks to GitHub's API). GitHub Pages: see .github/workflows/publish.yml."

.PHONY: new
new: $(STAMP) # Start a record from its template: make new KIND=activity|partner|decision|plan ID=the-new-id
	$(PYTHON) -m macros new $(KIND) $(ID)

.PHONY: status
status: $(STAMP) # Translation status: English pending, records to review again
	$(PYTHON) -m macros status

.PHONY: serve
serve: validate pagefind # Validate, then serve the site with live reload on http://127.0.0.1:8000/
	$(PYTHON) -m mkdocs serve --dirty --strict # macros/preview.py: only what changed is rendered again

.PHONY: edit
edit: $(STAMP) pagefind $(CMS_BUNDLE) # Edit records in the browser: the editor on http://127.0.0.1:8081/admin/ saves into this folder; live preview on :8000
	$(PYTHON) -m macros edit

.PHONY: guide-screenshots
guide-screenshots: $(STAMP) pagefind browser $(CMS_BUNDLE) # Retake the editors' guide's pictures of the browser editor (content/assets/cms/) with its browser tests
	GUIDE_SCREENSHOTS=update $(PYTHON) -m pytest -q tests/test_cms_browser.py

.PHONY: cms-config
cms-config: $(STAMP) # Regenerate the editor's configuration cms/config.yml from the schemas (after changing a schema)
	$(PYTHON) -m macros cms-config

.PHONY: browser
browser: # Make sure a Chromium-family browser is there for the browser tests (Debian's chromium when root)
	@$(BOOTSTRAP) tools/browser.py >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then apt-get update -qq && apt-get install -y -qq chromium; \
	  else $(BOOTSTRAP) tools/browser.py; exit 1; fi; }

.PHONY: node
node: # Make sure Node.js and npm are there to install Pagefind and the validators (Lighthouse brings its own Node 22)
	@command -v npm >/dev/null || { echo "Node.js with npm is needed: install Node.js 22 (https://nodejs.org, or your system's package)." >&2; exit 1; }

.PHONY: java
java: # Make sure Java is there for the Nu HTML Checker (Debian's default-jre-headless)
	@command -v java >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq default-jre-headless; \
	  else echo "Install Java first: sudo apt-get install default-jre-headless" >&2; exit 1; fi; }

# --ignore-scripts: vnu-jar's install script would download a Java runtime of its own;
# the tests use Debian's (make java).
VALIDATORS := tests/js/node_modules/.installed
$(VALIDATORS): tests/js/package.json tests/js/package-lock.json | node
	npm ci --prefix tests/js --no-audit --no-fund --ignore-scripts
	touch $(VALIDATORS)

# Decap CMS, the browser editor served at /admin/, pinned in cms/package.json and package-lock.json;
# only its prebuilt bundle (dist/) is served. --ignore-scripts: nothing runs at install.
$(CMS_BUNDLE): cms/package.json cms/package-lock.json | node
	npm ci --prefix cms --no-audit --no-fund --ignore-scripts
	touch $(CMS_BUNDLE)

.PHONY: cms
cms: $(CMS_BUNDLE) # Install the browser editor (Decap CMS, pinned in cms/) that make edit and the built site serve

.PHONY: validators
validators: java $(VALIDATORS) # Install the validators the tests run (pinned in tests/js): axe-core, Nu HTML Checker, schema-dts, TypeScript

# Lighthouse and the Node 22 it needs (the npm package `node`, whose install script
# fetches its binary from the npm registry), pinned in bench/package.json.
LIGHTHOUSE := bench/node_modules/.installed
$(LIGHTHOUSE): bench/package.json bench/package-lock.json | node
	npm ci --prefix bench --no-audit --no-fund
	touch $(LIGHTHOUSE)

.PHONY: lighthouse
lighthouse: $(LIGHTHOUSE) # Install Lighthouse (pinned in bench) for the Lighthouse tests and the benchmark

.PHONY: test
test: $(STAMP) pagefind poppler browser validators lighthouse $(CMS_BUNDLE) # Run the whole test suite (browser, accessibility and standards tests included)
	$(PYTHON) -m pytest

.PHONY: test-fast
test-fast: $(STAMP) pagefind # The fast lane, while working: units, contracts on the real data, the fixture site's build (no browser, Java or Node's tools)
	$(PYTHON) -m pytest -q -m "not slow"

# The checks that read files only, on site/ as it was built (SITE_URL: the address it was built for):
# what CI runs on the exact folder it publishes.
SITE_CHECKS := tests/test_whole_site.py tests/test_standards_html.py tests/test_standards_feeds.py tests/test_standards_jsonld.py

.PHONY: check-site
check-site: $(STAMP) validators # Check the built site/ itself: links, counterparts, HTML, hreflang, feeds, JSON-LD
	@[ -d site ] || { echo "No site/ to check: run make build first." >&2; exit 1; }
	SITE_UNDER_TEST=site $(PYTHON) -m pytest -q -k "not two_builds" $(SITE_CHECKS)

.PHONY: properdocs-check
properdocs-check: $(STAMP) pagefind # Build with MkDocs and with ProperDocs (its maintained continuation) and compare the two sites
	rm -rf .cache/mkdocs-site .cache/properdocs-site
	$(PYTHON) -m mkdocs build --strict --quiet --site-dir .cache/mkdocs-site
	$(PYTHON) -m properdocs build --strict --quiet --site-dir .cache/properdocs-site
	$(PYTHON) tools/same_site.py .cache/mkdocs-site .cache/properdocs-site

.PHONY: audit-python
audit-python: $(STAMP) # Look up every pinned Python package in the vulnerability databases (pip-audit)
	$(PYTHON) -m pip install --quiet pip-audit==2.10.1
	$(PYTHON) -m pip_audit --strict --requirement constraints.txt

.PHONY: audit-npm
audit-npm: # Look up the pinned npm packages (Pagefind, validators, Lighthouse, the editor) in npm's vulnerability database
	npm audit --prefix search --audit-level=high
	npm audit --prefix tests/js --audit-level=high
	npm audit --prefix bench --audit-level=high
	npm audit --prefix cms --audit-level=high --omit=dev

.PHONY: bench
bench: $(STAMP) pagefind hugo browser lighthouse # Benchmark builds at 100, 1,000 and 5,000 activities (Hugo beside them); writes docs/benchmarks.md
	$(PYTHON) bench/run.py

.PHONY: clean
clean: # Remove the built site, the folders of an interrupted build, build/ (make report) and caches, printed reports too (`make clean-all`: .venv too)
	rm -rf site site.previous .site-* .pytest_cache build .cache/reports .cache/history

.PHONY: clean-all
clean-all: clean # Remove also .venv and the installed npm packages: the next command installs everything again
	rm -rf $(VENV) tests/js/node_modules bench/node_modules cms/node_modules
