# Two commands set everything up on a fresh machine with Python 3.11, 3.12 or 3.13:
#   make book   build the website into _build/html
#   make test   run every check (lint, unit tests, notebooks, strict build, browser,
#               PDF, handouts)
#   make pdf    the book as one PDF, _build/pdf/book.pdf
#   make handouts  the chapters without solutions, _build/handouts/
SHELL := /bin/bash
.DEFAULT_GOAL := help

# The Python: PYTHON=/path/to/python names one (3.11 to 3.13); otherwise the
# first supported one found on PATH or in pyenv (tools/find_python.sh).
ifndef PYTHON
PYTHON := $(shell tools/find_python.sh 2>/dev/null)
endif
# One virtual environment per checkout; VENV=.venv-3.13 keeps a second one.
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYVER := $(shell $(PYTHON) -c 'import sys; print("%d%d" % sys.version_info[:2])' 2>/dev/null)
# The whole environment, every package pinned with its hashes, one file per
# Python (make lock writes them from requirements.txt).
LOCK := requirements/lock-py$(PYVER).txt
NOTEBOOKS := $(sort $(wildcard book/*.ipynb))
# nbval runs each notebook in one kernel; --dist loadfile keeps a notebook's
# cells together and spreads the notebooks over the cores.
NBVAL_JOBS ?= 2
# CPU variants of this machine under which `make portability` repeats the unit
# tests and nbval (tools/cpu_variant.py says what each stands for).
CPU_VARIANTS := avx2 baseline

.PHONY: help venv lock book book-strict lab test lint lint-notebooks unit unit-plain \
	notebooks portability browser pdf pdf-test handouts handouts-test test-steps bench clean

help:
	@echo "make book   build the website into _build/html (creates .venv if missing)"
	@echo "make test   lint, kltools tests, nbval on every notebook, strict build, browser test,"
	@echo "            PDF and handout checks"
	@echo "make pdf    the book as one PDF: _build/pdf/book.pdf"
	@echo "make handouts  one notebook per chapter, plain Markdown: _build/handouts/student and"
	@echo "            teacher (with solutions)"
	@echo "make lab    open the chapters in JupyterLab"
	@echo "make portability  unit tests and nbval again under other CPU code paths"
	@echo "make lock   re-resolve requirements/lock-py3*.txt from requirements.txt"
	@echo "make bench  kltools speed against naive NumPy and SciPy (writes benchmarks/RESULTS.md)"
	@echo "make clean  remove _build and caches (keeps .venv)"

# The environment: installed from the lock of its Python (hashes checked),
# re-installed when the lock changes; kltools itself from the working tree.
$(STAMP): $(LOCK) pyproject.toml
	@[ -n "$(PYTHON)" ] || { tools/find_python.sh; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 13))' || \
		{ echo "$(PYTHON) is Python $$($(PYTHON) -V 2>&1): the book supports 3.11 to 3.13"; exit 1; }
	@if [ -x $(BIN)/python ] && [ "$$($(BIN)/python -c 'import sys; print("%d%d" % sys.version_info[:2])')" != "$(PYVER)" ]; then \
		echo "$(VENV) holds another Python than $(PYTHON): remove it, or choose another VENV=" ; exit 1; fi
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

$(LOCK):
	@echo "no lock for Python $(PYVER) ($(LOCK)): the book supports 3.11 to 3.13"; exit 1

venv: $(STAMP)

# Every package, for each supported Python, on every platform (uv's universal
# resolution), with hashes. Run after editing requirements.txt; needs PyPI.
lock: $(STAMP)
	for v in 3.11 3.12 3.13; do \
		$(BIN)/uv pip compile requirements.txt --universal --python-version $$v \
			--generate-hashes --no-emit-package kltools --quiet \
			--custom-compile-command "make lock" -o requirements/lock-py$${v/./}.txt || exit 1; \
	done

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

# ruff and mypy; the GitHub Actions workflow against its schema (bundled with
# check-jsonschema: no network).
lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/mypy
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml

# Code lines in notebooks fit the page: at most 88 characters.
lint-notebooks: $(STAMP)
	$(BIN)/ruff check --select E501 --line-length 88 --config "lint.per-file-ignores = {}" book/

# The kltools tests, doctests included, with line and branch coverage: below
# 100% fails (pyproject.toml: fail_under).
unit: $(STAMP)
	$(BIN)/python -m pytest kltools coursekit tests --ignore=tests/test_browser.py \
		--ignore=tests/test_quiz_browser.py --ignore=tests/test_explore_browser.py \
		--ignore=tests/test_pdf.py \
		--ignore=tests/test_handouts.py --cov=kltools --cov=coursekit --cov-report=term-missing:skip-covered -n $(NBVAL_JOBS)

# The same tests without coverage (the CPU variants and the second Python).
unit-plain: $(STAMP)
	$(BIN)/python -m pytest -q kltools coursekit tests --ignore=tests/test_browser.py \
		--ignore=tests/test_quiz_browser.py --ignore=tests/test_explore_browser.py \
		--ignore=tests/test_pdf.py \
		--ignore=tests/test_handouts.py -n $(NBVAL_JOBS)

# The one execution of each notebook in `make test`: every output, figures
# included (compared by pixels, tests/nbval_figures.py), must equal the
# committed one that the website and the PDF show.
notebooks: $(STAMP)
	$(BIN)/python -m pytest -p tests.nbval_figures --nbval --nbval-current-env \
		--nbval-sanitize-with tests/nbval_sanitize.cfg -n $(NBVAL_JOBS) --dist loadfile \
		$(NOTEBOOKS)

# The unit tests and nbval again, with the same committed outputs, as other
# CPUs compute: NumPy without AVX-512 and OpenBLAS's Haswell kernels (a laptop
# or hosted runner), then NumPy at its x86-64-v2 baseline and OpenBLAS's
# Nehalem kernels. On a machine that is not x86-64 there is nothing to vary.
portability: $(STAMP)
	@for v in $(CPU_VARIANTS); do \
		vars=$$($(BIN)/python tools/cpu_variant.py $$v); status=$$?; \
		if [ $$status -eq 3 ]; then exit 0; elif [ $$status -ne 0 ]; then exit $$status; fi; \
		echo "::: CPU variant $$v: $$vars"; \
		eval env $$vars $(MAKE) --no-print-directory unit-plain notebooks || exit 1; \
	done

# Both cores: each pytest-xdist worker runs its own Chromium.
browser: $(STAMP)
	$(BIN)/python -m pytest tests/test_browser.py tests/test_quiz_browser.py \
		tests/test_explore_browser.py -n $(NBVAL_JOBS)

# The PDF: the single-page HTML build printed by Chromium (tools/make_pdf.py).
pdf: $(STAMP)
	$(BIN)/jupyter-book build . --builder singlehtml --quiet
	$(BIN)/python tools/make_pdf.py --site _build/singlehtml --out _build/pdf/book.pdf
	@# The website links it for download (book/intro.md).
	mkdir -p _build/html/downloads && cp _build/pdf/book.pdf _build/html/downloads/book.pdf

# The PDF test compares the PDF with the website, so it needs both.
pdf-test: pdf book
	$(BIN)/python -m pytest tests/test_pdf.py

# Handouts in plain Markdown, a student and a teacher edition
# (tools/make_handouts.py); equation and exercise numbers come from the site.
handouts: book
	$(BIN)/python tools/make_handouts.py --out _build/handouts --site _build/html
	@# The website links both editions for download (book/intro.md).
	mkdir -p _build/html/downloads
	for edition in student teacher; do \
		rm -f _build/html/downloads/handouts-$$edition.zip; \
		(cd _build/handouts && ../../$(BIN)/python -m zipfile -c ../html/downloads/handouts-$$edition.zip $$edition) || exit 1; \
	done

handouts-test: handouts
	$(BIN)/python -m pytest tests/test_handouts.py -n $(NBVAL_JOBS)

# The steps of `make test`, in order (.ci/run times each one).
TEST_STEPS := lint lint-notebooks unit notebooks portability book-strict browser pdf-test \
	handouts-test

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
