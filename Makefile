# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEMO_BIND ?= 127.0.0.1:8000
# The demo publishes for Sonora (INEGI 26), whose CECOP report it reproduces;
# `make demo DEMO_MUNICIPALITY=02002` runs it as Mexicali's own instance
# (docs/setting-up-a-municipality.md), its state implied.
DEMO_STATE ?= 26
DEMO_MUNICIPALITY ?=
DEMO_SCOPE = $(if $(DEMO_MUNICIPALITY),RUTA_MUNICIPALITY=$(DEMO_MUNICIPALITY),RUTA_STATE=$(DEMO_STATE))

NODE_STAMP := node_modules/.installed-stamp

# Python writes each module's bytecode once and every later process reads it
# (the test workers, the servers and commands the tests start, the next run).
# An environment that turns that off would have each of them compile the
# project and its tests again.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: install browser-deps ocr-deps demo test test-fast lint bench openapi messages clean-db

# The packages pyproject.toml pins, installed by uv from the same registry as
# pip (12 s against pip's 34 s with warm caches), each module compiled once.
UV := uv==0.13.9

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet '$(UV)'
	$(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# axe-core, which the browser tests serve to the pages they check, from the
# npm registry at the version package-lock.json pins. Without npm the browser
# tests are skipped (CI requires them: .ci/run).
$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund && touch $(NODE_STAMP); \
	else echo "npm not found: the browser tests will be skipped"; fi

browser-deps: $(NODE_STAMP)

# Tesseract with its Spanish data reads scanned PDF pages (docs/importing.md).
# Installed from Debian's packages when missing and apt-get can run;
# otherwise the OCR tests are skipped (CI requires them: .ci/run).
ocr-deps:
	@if tesseract --list-langs 2>/dev/null | grep -qx spa; then :; \
	elif command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr tesseract-ocr-spa; \
	else echo "tesseract-ocr and tesseract-ocr-spa not installed: the OCR tests will be skipped"; fi

demo: install
	$(BIN)/ruta migrate --noinput
	$(BIN)/ruta collectstatic --noinput --verbosity 0
	$(BIN)/ruta load-demo
	@echo "Serving on http://$(DEMO_BIND)/ with a background worker (Ctrl-C stops both)"
	export RUTA_SITE_URL=$${RUTA_SITE_URL:-http://$(DEMO_BIND)}; \
	$(DEMO_SCOPE) $(BIN)/ruta worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(DEMO_SCOPE) RUTA_DEBUG=0 $(BIN)/ruta serve $(DEMO_BIND)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy ruta config

# The whole suite, spread over the machine's cores (pytest-xdist: one test
# database per worker, a test module's tests kept together so its shared
# world is built once, the files handed out in the suite's own order:
# testkit/database.py). TEST_WORKERS=0 runs it in one process.
TEST_WORKERS ?= auto
XDIST := -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder

test: lint browser-deps ocr-deps
	$(BIN)/pytest $(XDIST)

# The tests that need no database (the readers, rules, parsers, settings):
# about a minute, for the edit-and-check loop. `make test` runs them too.
test-fast: install
	$(BIN)/pytest -m "pure and not slow and not real_data" $(XDIST)

bench: install
	$(BIN)/ruta collectstatic --noinput --verbosity 0
	RUTA_DEBUG=0 $(BIN)/python -m bench
	RUTA_DEBUG=0 $(BIN)/python -m bench scans

openapi: install
	$(BIN)/python -c "import json, django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings.dev'); django.setup(); from config.api import api; print(json.dumps(api.get_openapi_schema(), indent=2, ensure_ascii=False))" > docs/openapi.json

# The English catalogue (docs/architecture.md#translations): every string
# marked for translation, the findings' sentences included (the project's
# makemessages adds their marker, --keyword=sentence). Fill in the msgstr of
# new or fuzzy entries, then run it again to compile. Then each string as its
# own Spanish translation (GNU gettext's msgfilter, msgen and msgfmt).
SPANISH_SOURCE := ruta/spanish_source/es_MX/LC_MESSAGES/django.mo

messages: install
	cd ruta && ../$(BIN)/ruta makemessages -l en -i 'tests/*'
	cd ruta && ../$(BIN)/ruta compilemessages -l en
	mkdir -p $(dir $(SPANISH_SOURCE))
	msgfilter --keep-header -i ruta/locale/en/LC_MESSAGES/django.po sed -e d \
	  | sed 's/^"Language: en\\n"$$/"Language: es_MX\\n"/' | msgen - \
	  | msgfmt -o $(SPANISH_SOURCE) -

clean-db:
	rm -rf .pgdata
