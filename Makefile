# diplotext: the two set-up commands of the README, and a few more for maintainers.
#   make lab    create .venv, install the lessons' dependencies, open JupyterLab on lesson 00
#   make test   create .venv with the test extras and run every test (nbval strict included)

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
FIRST  := notebooks/00-start-here.ipynb
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
PYTEST_ARGS ?=
HUB_URL  ?= https://hub.example.edu
REPO_URL ?= https://github.com/OWNER/diplotext

.PHONY: lab test test-fast handouts booklet notebooks editions lint format bench clean help dist book

help:
	@echo "make lab       open the lessons in JupyterLab (creates $(VENV))"
	@echo "make test      run every test: library, notebooks (nbval strict), handouts, browser, Binder"
	@echo "make handouts  build student and teacher PDF handouts into build/handouts/"
	@echo "make booklet   the course booklets (every lesson, one PDF per edition) into build/handouts/"
	@echo "make notebooks re-execute the lessons in place (after changing the library)"
	@echo "make editions  write the student edition notebooks/ from the teacher edition teacher/"
	@echo "make lint      ruff + nbQA;  make bench  run the benchmarks"
	@echo "make dist      build the sdist and wheel into dist/ and check them with twine"
	@echo "make book      the web book (student edition) into build/book/, offline, zero warnings"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "diplotext needs Python 3.10 or newer; set PYTHON=python3.11 (or newer)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The lessons and handouts are extras: a plain `pip install diplotext` is the parser only.
$(VENV)/.lab-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[lessons,handouts]'
	@# An editable install compiles no bytecode; where none can be written (read-only, or
	@# PYTHONDONTWRITEBYTECODE) every lesson's kernel would compile the package again.
	$(BIN)/python -m compileall -q lib/diplotext
	@touch $@

$(VENV)/.test-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m compileall -q lib/diplotext
	@touch $@ $(VENV)/.lab-installed $(VENV)/.book-installed

$(VENV)/.book-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[book,handouts]'
	@touch $@

lab: $(VENV)/.lab-installed
	$(BIN)/jupyter lab $(ROOT_FLAG) $(FIRST)

test: $(VENV)/.test-installed
	$(BIN)/python -m pytest --nbval --nbval-current-env \
	  --nbval-sanitize-with tests/nbval-sanitize.cfg \
	  --junitxml=build/test-results.xml $(PYTEST_ARGS)

test-fast: $(VENV)/.test-installed
	$(BIN)/python -m pytest -m "not browser and not binder and not handouts and not release" tests

handouts: $(VENV)/.lab-installed
	$(BIN)/diplotext handouts --edition both --out build/handouts  # teacher twins from teacher/

booklet: $(VENV)/.lab-installed
	$(BIN)/diplotext handouts --booklet --out build/handouts

notebooks: $(VENV)/.lab-installed
	$(BIN)/python scripts/execute_notebooks.py

# The lessons are edited in teacher/; notebooks/ (what students open) is derived from it.
editions: $(VENV)/.lab-installed
	$(BIN)/diplotext editions

lint: $(VENV)/.test-installed
	$(BIN)/ruff check lib tests scripts bench
	$(BIN)/ruff format --check lib tests scripts bench
	$(BIN)/nbqa ruff notebooks teacher

format: $(VENV)/.test-installed
	$(BIN)/ruff check --fix lib tests scripts bench
	$(BIN)/ruff format lib tests scripts bench

bench: $(VENV)/.test-installed
	$(BIN)/python bench/run

# HUB_URL / REPO_URL: the class JupyterHub and the repository the launch buttons use.
book: $(VENV)/.book-installed
	DIPLOTEXT_HUB_URL=$(HUB_URL) DIPLOTEXT_REPO_URL=$(REPO_URL) $(BIN)/python scripts/build_book.py

dist: $(VENV)/.test-installed
	rm -rf dist
	$(BIN)/python -m build --outdir dist .
	$(BIN)/twine check --strict dist/*

clean:
	rm -rf build .pytest_cache .ruff_cache test-artifacts
