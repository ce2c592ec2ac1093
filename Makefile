# The course's commands. The README's quick start uses two of them:
#   make lab   set up everything and open the course in JupyterLab
#   make test  set up everything and run every test (what CI runs)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9]*.ipynb))

.PHONY: help setup setup-dev data check lab test lint test-helpers \
	test-notebooks test-browser solutions reset bench format clean

help:
	@echo "make lab        set up and open the course in JupyterLab"
	@echo "make test       set up and run every test"
	@echo "make check      check the environment (versions, widgets, data)"
	@echo "make data       download the full MNIST set into data/ (for workshops)"
	@echo "make solutions  write solved notebooks to solutions/"
	@echo "make reset NB=notebooks/01_perceptron.ipynb   restore a notebook (your copy is kept)"
	@echo "make bench      run the benchmarks under bench/"

$(PY):
	@$(PYTHON) -c 'import sys; v = sys.version_info[:2]; \
	  sys.exit(0 if (3, 10) <= v <= (3, 12) else \
	  f"Python 3.10 to 3.12 is needed; $(PYTHON) is {v[0]}.{v[1]}. Try: make PYTHON=python3.11 lab")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Installs are redone only when a requirements file changes.
$(VENV)/.stamp-learner: requirements.txt pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.stamp-dev: requirements-dev.txt $(VENV)/.stamp-learner
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

setup: $(VENV)/.stamp-learner
	@$(PY) -m helpers.data prepare

setup-dev: $(VENV)/.stamp-dev
	@$(PY) -m helpers.data prepare

data: $(VENV)/.stamp-learner
	$(PY) -m helpers.data download

check: $(VENV)/.stamp-learner
	$(PY) -m helpers.check

lab: setup
	@$(PY) -m helpers.check || true
	$(BIN)/jupyter lab notebooks/00_start_here.ipynb

lint: $(VENV)/.stamp-dev
	$(BIN)/ruff check helpers tests bench notebooks
	$(BIN)/ruff format --check helpers tests bench

test-helpers: $(VENV)/.stamp-dev
	COURSE_DATA_DIR=$$(mktemp -d) $(BIN)/pytest --doctest-modules helpers
	$(BIN)/pytest -m "not browser" tests

test-notebooks: $(VENV)/.stamp-dev
	COURSE_FAST=1 MPLBACKEND=Agg COURSE_DATA_DIR=$$(mktemp -d) $(BIN)/pytest --nbval-lax --nbval-current-env \
	  --nbval-cell-timeout=300 -p no:randomly $(NOTEBOOKS)

test-browser: $(VENV)/.stamp-dev
	COURSE_FAST=1 $(BIN)/pytest -m browser tests

test: setup-dev lint test-helpers test-notebooks test-browser

solutions: $(VENV)/.stamp-learner
	$(PY) -m helpers.solutions

reset: $(VENV)/.stamp-learner
	@test -n "$(NB)" || (echo "Name the notebook: make reset NB=notebooks/01_perceptron.ipynb"; exit 2)
	$(PY) -m helpers.reset $(NB)

bench: $(VENV)/.stamp-dev
	@for script in bench/[!_]*.py; do echo "# $$script"; $(PY) $$script || exit 1; done

format: $(VENV)/.stamp-dev
	$(BIN)/ruff format helpers tests bench
	$(BIN)/ruff check --fix helpers tests bench

clean:
	rm -rf solutions test-artifacts .pytest_cache .ruff_cache
