# ERMS: the two commands are `make run` (demo) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test setup browser worker beat lint typecheck messages clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "ERMS needs Python 3.11 or newer"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# axe-core (package.json, pinned by package-lock.json) for the accessibility browser test.
NODE_STAMP := node_modules/.package-lock.json

$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "Install Node.js 20 and npm for the accessibility test (axe-core)"; exit 1; }
	npm ci --no-audit --no-fund

setup: $(STAMP) $(NODE_STAMP)

# Demo: SQLite under var/, Celery over kombu's filesystem transport (no Redis), console e-mail.
# erms/demo.py starts the web server, a worker and beat together; one Ctrl-C stops all three.
run: $(STAMP)
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	$(BIN)/python -m erms.demo

# Debian's Chromium drives the browser tests (Playwright uses /usr/bin/chromium, never its own download).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	  else echo "Install Debian's chromium and chromium-driver for the browser tests (sudo apt-get install chromium chromium-driver)"; exit 1; fi; }

# The whole check: ruff and mypy first (quick), then every test.
test: $(STAMP) $(NODE_STAMP) browser lint typecheck
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# mypy with django-stubs over the files listed in pyproject.toml ([tool.mypy] files).
typecheck: $(STAMP)
	$(BIN)/mypy

messages: $(STAMP)
	$(BIN)/python manage.py makemessages -l nb -l vi --ignore=.venv --ignore=var --ignore=tests
	$(BIN)/python manage.py compilemessages --ignore=.venv

clean:
	rm -rf var
