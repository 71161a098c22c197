# Two commands do everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.12 2>/dev/null || echo $(HOME)/.pyenv/versions/3.12.1/bin/python)
VENV := .venv
BIN := $(VENV)/bin
DB ?= parley.duckdb

.PHONY: install chromium java demo serve lint test bench vendor clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test,spark]'
	touch $@

# Spark (parley spark, its tests) needs a Java 17+ runtime: Debian's, installed when missing.
java:
	@if ! command -v java >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "installing Debian's Java runtime for Spark"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends default-jre-headless >/dev/null; \
		else \
			echo "Spark needs Java 17+: run 'sudo apt-get install default-jre-headless'" >&2; exit 1; \
		fi; \
	fi


install: $(VENV)/.installed chromium java

# The browser tests drive Debian's Chromium (Playwright's python package, no browser download).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

demo: install
	$(BIN)/parley ingest examples/ --db $(DB)
	$(BIN)/parley articles --db $(DB)
	@echo "Open the UI on this store: make serve, then http://127.0.0.1:8000/ (API docs at /docs)"

serve: install
	$(BIN)/parley serve --db $(DB)

# ruff and mypy read their settings (rules, line length, files) from pyproject.toml.
lint: $(VENV)/.installed
	$(BIN)/ruff check parley tests
	$(BIN)/mypy

test: install lint
	$(BIN)/pytest

bench: install
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/nlp.py
	$(BIN)/python bench/api.py
	$(BIN)/python bench/scale.py
	$(BIN)/python bench/link.py

# Front-end libraries vendored from npm with their licences (committed; no build step at install).
vendor:
	rm -rf .vendor-tmp && mkdir .vendor-tmp && cd .vendor-tmp && npm pack -q cytoscape@3.34.4 d3@7.9.2 >/dev/null \
	  && for f in *.tgz; do mkdir "$${f%.tgz}" && tar xzf "$$f" -C "$${f%.tgz}"; done
	cp .vendor-tmp/cytoscape-3.34.4/package/dist/cytoscape.min.js parley/web/static/vendor/
	cp .vendor-tmp/cytoscape-3.34.4/package/LICENSE parley/web/static/vendor/cytoscape.LICENSE
	cp .vendor-tmp/d3-7.9.2/package/dist/d3.min.js parley/web/static/vendor/
	cp .vendor-tmp/d3-7.9.2/package/LICENSE parley/web/static/vendor/d3.LICENSE
	rm -rf .vendor-tmp

clean:
	rm -rf $(VENV) $(DB) $(DB).wal .pytest_cache .mypy_cache .ruff_cache test-output
