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

.PHONY: serve build test lint lock bench screenshots manifest translations translation-done clean

# Installs take only the locked files, checked against their hashes, and only wheels (no
# build scripts run, no unhashed build tools are fetched). pip stays the venv's own (ensurepip,
# part of the interpreter): upgrading it would fetch the one package that no hash checks, and
# a fully pinned, hashed set needs no newer resolver (pip 23.2.1 installs it).
PIP_INSTALL := $(BIN)/pip install --quiet --require-hashes --only-binary :all:

$(BIN)/mkdocs: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) -r requirements.txt
	touch $@

$(BIN)/pytest: requirements-test.txt requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) -r requirements-test.txt
	touch $@

# A maintainer runs this after editing requirements*.in: every package pinned and hashed for
# every platform, the versions already locked kept (pass UV_ARGS=--upgrade to move them).
# 3.11.5 is the oldest Python that pymdown-extensions 13.1 supports.
LOCK := $(BIN)/uv pip compile --quiet --no-config --generate-hashes --universal \
	--python-version 3.11.5 --custom-compile-command "make lock" $(UV_ARGS)

lock: $(BIN)/pytest
	$(LOCK) requirements.in -o requirements.txt
	$(LOCK) requirements-test.in -o requirements-test.txt

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

# Not a test: every page, ko and en, light and dark, 360 and 1280 px, as PNGs in screenshots/,
# and the whole-course print page as PDFs, for a reviewer to look at.
screenshots: $(BIN)/pytest node_modules/.package-lock.json
	$(BIN)/pytest -q tests/screenshots.py

# Not a test: builds a plain-Material baseline and this site, compares build time, page
# weight and Lighthouse Performance, and rewrites bench/REPORT.md (ARGS=--quick for a smoke run).
bench: $(BIN)/pytest node_modules/.package-lock.json
	$(BIN)/python -m bench.run $(ARGS)

clean:
	rm -rf site $(VENV) node_modules .pytest_cache .mypy_cache .ruff_cache
