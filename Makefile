# Two commands set everything up on a fresh machine with Python 3.11:
#   make book   build the website into _build/html
#   make test   run every check (lint, unit tests, notebooks, strict build, browser,
#               PDF, handouts)
#   make pdf    the book as one PDF, _build/pdf/book.pdf
#   make handouts  the chapters without solutions, _build/handouts/
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NOTEBOOKS := $(sort $(wildcard book/*.ipynb))

.PHONY: help venv book book-strict lab test lint lint-notebooks unit notebooks browser \
	pdf pdf-test handouts handouts-test test-steps bench clean

help:
	@echo "make book   build the website into _build/html (creates .venv if missing)"
	@echo "make test   lint, kltools tests, nbval on every notebook, strict build, browser test,"
	@echo "            PDF and handout checks"
	@echo "make pdf    the book as one PDF: _build/pdf/book.pdf"
	@echo "make handouts  one notebook per chapter without solutions: _build/handouts/"
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

# Renders the committed, executed notebooks: nothing is executed here
# (`execute_notebooks: off`); `make notebooks` proves the outputs are fresh.
book: $(STAMP)
	$(BIN)/jupyter-book build . --quiet
	@echo "The book: $(CURDIR)/_build/html/index.html"

# What `make test` builds: every page re-read (--all, so no warning hides in an
# unchanged page), every Sphinx warning an error, nitpicky references. It
# renders the committed outputs, as `make book` does.
book-strict: $(STAMP)
	$(BIN)/jupyter-book build . --all -n -W --keep-going --quiet

lab: $(STAMP)
	$(BIN)/jupyter lab book/

lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/mypy

# Code lines in notebooks fit the page: at most 88 characters.
lint-notebooks: $(STAMP)
	$(BIN)/ruff check --select E501 --line-length 88 --config "lint.per-file-ignores = {}" book/

# The kltools tests, doctests included, with line and branch coverage: below
# 100% fails (pyproject.toml: fail_under).
unit: $(STAMP)
	$(BIN)/python -m pytest kltools tests --ignore=tests/test_browser.py \
		--ignore=tests/test_pdf.py --ignore=tests/test_handouts.py \
		--cov=kltools --cov-report=term-missing:skip-covered

# The one execution of each notebook in `make test`: every output, figures
# included (compared by pixels, tests/nbval_figures.py), must equal the
# committed one that the website and the PDF show.
notebooks: $(STAMP)
	$(BIN)/python -m pytest -p tests.nbval_figures --nbval --nbval-current-env \
		--nbval-sanitize-with tests/nbval_sanitize.cfg $(NOTEBOOKS)

browser: $(STAMP)
	$(BIN)/python -m pytest tests/test_browser.py

# The PDF: the single-page HTML build printed by Chromium (tools/make_pdf.py).
pdf: $(STAMP)
	$(BIN)/jupyter-book build . --builder singlehtml --quiet
	$(BIN)/python tools/make_pdf.py --site _build/singlehtml --out _build/pdf/book.pdf

# The PDF test compares the PDF with the website, so it needs both.
pdf-test: pdf book
	$(BIN)/python -m pytest tests/test_pdf.py

# Student handouts: every solution removed, outputs cleared (tools/make_handouts.py).
handouts: $(STAMP)
	$(BIN)/python tools/make_handouts.py --out _build/handouts

handouts-test: handouts
	$(BIN)/python -m pytest tests/test_handouts.py

# The steps of `make test`, in order (.ci/run times each one).
TEST_STEPS := lint lint-notebooks unit notebooks book-strict browser pdf-test handouts-test

test: $(TEST_STEPS)
	@echo "make test: all checks passed"

test-steps:
	@echo $(TEST_STEPS)

bench: $(STAMP)
	$(BIN)/python -m pytest benchmarks -p no:cacheprovider

clean:
	rm -rf _build .pytest_cache .ruff_cache .mypy_cache .hypothesis .benchmarks htmlcov .coverage \
		kltools.egg-info
	find . -name __pycache__ -not -path "./$(VENV)/*" -prune -exec rm -rf {} +
