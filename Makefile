# Two commands a newcomer needs (see README.md):
#   make serve   set up .venv, then build and serve the site at http://127.0.0.1:8000/
#   make test    set up .venv and node_modules, then run every test
# Each target installs what it needs on a fresh clone; re-running is cheap.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Material and ProperDocs (pulled in by mkdocs-redirects) each print a long MkDocs 2.0 notice.
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: serve build test lint bench manifest translations translation-done clean

$(BIN)/mkdocs: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(BIN)/pytest: requirements-test.txt requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

serve: $(BIN)/mkdocs
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(BIN)/mkdocs
	$(BIN)/mkdocs build --strict

# Links that last: regenerate tests/data/url_manifest.txt from a fresh build (review the
# diff); list stale translations; record one as up to date.
manifest: $(BIN)/mkdocs
	PYTHONPATH=hooks $(BIN)/python -m cloudnotes.manifest --update

translations: $(BIN)/mkdocs
	PYTHONPATH=hooks $(BIN)/python -m cloudnotes.translation_records check

translation-done: $(BIN)/mkdocs
	@test -n "$(PAGE)" || { echo "usage: make translation-done PAGE=<slug, e.g. hypervisors>"; exit 2; }
	PYTHONPATH=hooks $(BIN)/python -m cloudnotes.translation_records refresh $(PAGE)

lint: $(BIN)/pytest
	$(BIN)/ruff check hooks tests bench
	$(BIN)/ruff format --check hooks tests bench
	$(BIN)/mypy

test: $(BIN)/pytest node_modules/.package-lock.json lint
	$(BIN)/pytest

# Not a test: builds a plain-Material baseline and this site, compares build time, page
# weight and Lighthouse Performance, and rewrites bench/REPORT.md (ARGS=--quick for a smoke run).
bench: $(BIN)/pytest node_modules/.package-lock.json
	$(BIN)/python -m bench.run $(ARGS)

clean:
	rm -rf site $(VENV) node_modules .pytest_cache .mypy_cache .ruff_cache
