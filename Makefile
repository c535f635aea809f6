# Newsroom — the only entry points a newcomer needs: make run, make test, make serve.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export HOST PORT

.PHONY: run test serve lint format bench guide-images clean help
.DEFAULT_GOAL := help

help:
	@echo "make run    — site de démonstration sur http://$(HOST):$(PORT) (SQLite intégré par défaut)"
	@echo "make test   — toute la suite de tests, sur un PostgreSQL jetable"
	@echo "make serve  — réglages de production (gunicorn + whitenoise), DATABASE_URL requis"
	@echo "make lint   — ruff check + ruff format --check"
	@echo "make bench  — banc d'essai court (corpus synthétique, wrk, Varnish) ; voir benchmarks/README.md"
	@echo "make guide-images — copie les captures des guides faites par make test dans docs/guides/captures/"

# The stamp files make a second `make run` skip the installs: it only re-installs when a
# requirements file changes.
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.runtime

# Test-only JavaScript tools (axe-core, vnu-jar, the MDN HTTP Observatory), pinned by package-lock.json.
# --ignore-scripts: the Observatory's install hooks download the HSTS preload and TLD lists, which a
# closed network refuses and a loopback scan does not need.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent --ignore-scripts
	@touch $@

# The project's French catalogue (overrides of Wagtail's wording), compiled at build, never committed.
MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/*.po))
$(MO_FILES): %.mo: %.po
	scripts/compile-messages.sh

run: $(VENV)/.runtime $(MO_FILES)
	DJANGO_SETTINGS_MODULE=newsroom.settings.dev $(BIN)/python manage.py migrate --noinput -v 0
	DJANGO_SETTINGS_MODULE=newsroom.settings.dev $(BIN)/python manage.py load_demo
	DJANGO_SETTINGS_MODULE=newsroom.settings.dev $(BIN)/python manage.py runserver $(HOST):$(PORT)

# Two pytest-xdist workers, a whole file at a time (module fixtures load once): 14.9 min of tests
# on a quiet 2-core machine against 25 min in one process. A worker may be handed ordinary tests
# after a transactional one flushed the database; tests/conftest.py restores the migration data
# then. PYTEST_ARGS="-n 0" runs one process (pytest-django puts the transactional tests last).
PYTEST_ARGS ?= -n 2 --dist loadfile

test: $(VENV)/.dev node_modules/.installed $(MO_FILES)
	scripts/ensure-system-packages.sh
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	BIN=$(BIN) scripts/audit-dependencies.sh
	PATH="$(CURDIR)/$(BIN):$$PATH" scripts/with-postgres.sh $(BIN)/python -m pytest $(PYTEST_ARGS)

serve: $(VENV)/.runtime $(MO_FILES)
	DJANGO_SETTINGS_MODULE=newsroom.settings.production $(BIN)/python manage.py check --deploy
	DJANGO_SETTINGS_MODULE=newsroom.settings.production $(BIN)/python manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=newsroom.settings.production $(BIN)/python manage.py collectstatic --noinput -v 0
	DJANGO_SETTINGS_MODULE=newsroom.settings.production $(BIN)/gunicorn -c gunicorn.conf.py newsroom.wsgi:application

bench: $(VENV)/.dev
	scripts/ensure-system-packages.sh
	PATH="$(CURDIR)/$(BIN):$$PATH" scripts/with-postgres.sh benchmarks/run.sh $(BENCH_ARGS)

# The guides' screenshots as the last `make test` saved them, committed with the guides so that a
# fresh `make run` shows them (the admin prefers the test run's own copies when there are some).
guide-images:
	test -n "$$(ls test-artifacts/screenshots/guides/*.png 2>/dev/null)" || { echo "run make test first"; exit 1; }
	cp test-artifacts/screenshots/guides/*.png docs/guides/captures/

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) var .pytest_cache test-artifacts node_modules $(MO_FILES)
