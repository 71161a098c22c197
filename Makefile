# Two commands do everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.12 2>/dev/null || echo $(HOME)/.pyenv/versions/3.12.1/bin/python)
VENV := .venv
BIN := $(VENV)/bin
DB ?= parley.duckdb

.PHONY: install demo test bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

install: $(VENV)/.installed

demo: install
	$(BIN)/parley ingest examples/ --db $(DB)
	$(BIN)/parley articles --db $(DB)

test: install
	$(BIN)/pytest

bench: install
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/nlp.py
	$(BIN)/python bench/link.py

clean:
	rm -rf $(VENV) $(DB) $(DB).wal .pytest_cache
