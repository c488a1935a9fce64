# Two commands set everything up on a fresh machine with Python 3.11:
#   make book   build the website into _build/html
#   make test   run every check (lint, unit tests, notebooks, strict build, browser)
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NOTEBOOKS := $(sort $(wildcard book/*.ipynb))

.PHONY: help venv book book-strict lab test lint unit notebooks browser bench clean

help:
	@echo "make book   build the website into _build/html (creates .venv if missing)"
	@echo "make test   lint, kltools tests, nbval on every notebook, strict build, browser test"
	@echo "make lab    open the chapters in JupyterLab"
	@echo "make bench  kltools speed against naive NumPy and SciPy (writes benchmarks/RESULTS.md)"
	@echo "make clean  remove _build and caches (keeps .venv)"

# The environment: created from requirements.txt, re-installed when it changes.
$(STAMP): requirements.txt pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) not found: install Python 3.11 or run 'make PYTHON=python3 ...'"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

venv: $(STAMP)

book: $(STAMP)
	$(BIN)/jupyter-book build . --quiet
	@echo "The book: $(CURDIR)/_build/html/index.html"

# What `make test` builds: every page re-read (--all, so no warning hides in an
# unchanged page), every Sphinx warning an error, nitpicky references. Notebook
# executions still come from the cache.
book-strict: $(STAMP)
	$(BIN)/jupyter-book build . --all -n -W --keep-going --quiet

lab: $(STAMP)
	$(BIN)/jupyter lab book/

lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/mypy

unit: $(STAMP)
	$(BIN)/python -m pytest kltools tests --ignore=tests/test_browser.py

notebooks: $(STAMP)
	$(BIN)/python -m pytest --nbval --nbval-current-env \
		--nbval-sanitize-with tests/nbval_sanitize.cfg $(NOTEBOOKS)

browser: $(STAMP)
	$(BIN)/python -m pytest tests/test_browser.py

test: lint unit notebooks book-strict browser
	@echo "make test: all checks passed"

bench: $(STAMP)
	$(BIN)/python -m pytest benchmarks -p no:cacheprovider

clean:
	rm -rf _build .pytest_cache .ruff_cache .hypothesis .benchmarks htmlcov .coverage
	find . -name __pycache__ -not -path "./$(VENV)/*" -prune -exec rm -rf {} +
