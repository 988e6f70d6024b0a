# SAKIP Portal developer commands. `make help` lists them.
#
#   make run    fresh machine -> .venv, install, migrate (SQLite), demo data, http://127.0.0.1:8000
#   make test   the whole suite (SQLite; PostgreSQL when DATABASE_URL is set; browser tests when
#               /usr/bin/chromium exists, required with REQUIRE_BROWSER=1)
#
# Installs are keyed on a hash of the requirement files: when nothing changed, the install step
# is a file check (no pip call), so every target starts in well under a second.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
BENCH_ARGS ?=

# One stamp per set of requirement files; a change of either file gives a new stamp name.
REQ_HASH := $(shell cat requirements.txt 2>/dev/null | sha256sum | cut -c1-16)
DEV_HASH := $(shell cat requirements.txt requirements-dev.txt 2>/dev/null | sha256sum | cut -c1-16)
STAMP_RUNTIME := $(VENV)/.sakip-runtime-$(REQ_HASH)
STAMP_DEV := $(VENV)/.sakip-dev-$(DEV_HASH)

.PHONY: help install install-dev run migrate seed test lint fmt messages web worker beat check clean bench-report

help:
	@echo "make run       install, migrate SQLite, load demo data, serve on http://$(HOST):$(PORT)"
	@echo "make test      whole test suite (PostgreSQL when DATABASE_URL is set; REQUIRE_BROWSER=1 makes browser tests mandatory)"
	@echo "make lint      ruff check + ruff format --check"
	@echo "make fmt       ruff format + ruff check --fix"
	@echo "make messages  compile translations (needs GNU gettext's msgfmt)"
	@echo "make web       gunicorn through bin/web (as docker compose runs it)"
	@echo "make worker    Celery worker through bin/worker (needs REDIS_URL)"
	@echo "make beat      Celery beat through bin/beat (needs REDIS_URL)"
	@echo "make check     Django system checks + migrations up to date"
	@echo "make bench-report  monthly report benchmark (15/30/60 units, 3 runs; BENCH_ARGS=\"--units 60 --repeat 5\"); results in benchmarks/results/"

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "Python 3.10 or newer is required (set PYTHON=python3.x)")'
	$(PYTHON) -m venv $(VENV)

$(STAMP_RUNTIME): | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@rm -f $(VENV)/.sakip-runtime-*
	@touch $@

$(STAMP_DEV): | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@rm -f $(VENV)/.sakip-dev-* $(VENV)/.sakip-runtime-*
	@touch $@ $(STAMP_RUNTIME)

install: $(STAMP_RUNTIME)

install-dev: $(STAMP_DEV)

migrate: install
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_demo

# runserver: auto-reload while editing and nothing else to start; the production-shaped server
# (gunicorn + collectstatic, exactly as docker compose runs it) is `make web`.
# WHITENOISE_USE_FINDERS=1 serves static files straight from static/ and the installed packages,
# so a staticfiles/ directory left over from `make web` never shadows files you are editing.
run: seed
	@if command -v msgfmt >/dev/null 2>&1; then $(MAKE) --no-print-directory messages; \
	 else echo "msgfmt not found: English translations not compiled (Bahasa Indonesia works as is)"; fi
	@echo "SAKIP Portal: http://$(HOST):$(PORT)/  (demo logins: see README.md or the seed_demo output above)"
	WHITENOISE_USE_FINDERS=1 $(PY) manage.py runserver $(HOST):$(PORT)

test: install-dev
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

fmt: install-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

messages: install
	@if find . -path ./$(VENV) -prune -o -name '*.po' -print -quit | grep -q .; then \
	   $(PY) manage.py compilemessages --ignore '$(VENV)' --ignore 'node_modules'; \
	 else echo "no .po files to compile"; fi

check: install-dev
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

web: install
	SAKIP_PYTHON=$(abspath $(PY)) bin/web

worker: install
	SAKIP_PYTHON=$(abspath $(PY)) bin/worker

beat: install
	SAKIP_PYTHON=$(abspath $(PY)) bin/beat

clean:
	rm -rf $(VENV) staticfiles test-artifacts .pytest_cache .ruff_cache

bench-report: install
	$(PY) -m benchmarks.report_bench $(BENCH_ARGS)
