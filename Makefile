# One-command set-up: `make run` starts the app, `make test` runs the whole test suite.
# Both create .venv with Python 3.11 or 3.12 (durable-rules does not build on 3.13).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: install run test soak lint bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; v=sys.version_info[:2]; sys.exit(0 if (3,11)<=v<(3,13) else "sie-rules needs Python 3.11 or 3.12, found %d.%d" % v)'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

run: install
	$(VENV)/bin/streamlit run app.py

test: install
	./scripts/ensure-chromium
	./scripts/ensure-postgresql
	$(PY) -m pytest

# The whole suite 20 times from a clean state, counting crashes (not part of `make test`).
soak: install
	./scripts/ensure-chromium
	./scripts/ensure-postgresql
	./scripts/soak $(or $(RUNS),20)

lint: install
	$(VENV)/bin/ruff check sie_rules tests bench app.py
	$(VENV)/bin/mypy sie_rules
	$(VENV)/bin/sie-rules lint

bench: install
	./scripts/ensure-chromium
	./scripts/ensure-postgresql
	$(PY) bench/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
