# Two commands matter: `make demo` and `make test`. Both build .venv from the pinned lock first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint format bench lock clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

# A fresh demo.db each time (ingest is idempotent: a second run would only find duplicates).
demo: $(STAMP)
	rm -f demo.db demo.db-wal demo.db-shm
	$(BIN)/sourcetrace demo --db demo.db --html demo.html

test: $(STAMP) lint
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

format: $(STAMP)
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

bench: $(STAMP)
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/attribution.py
	$(BIN)/python bench/stories.py
	$(BIN)/python bench/stories_batch.py
	$(BIN)/python bench/report.py
	$(BIN)/python bench/e2e.py

# Re-pin every dependency after changing pyproject.toml (needs the registry).
lock:
	rm -rf .lockenv && $(PYTHON) -m venv .lockenv
	.lockenv/bin/pip install --quiet setuptools==80.9.0 -e '.[dev,ray]'
	.lockenv/bin/pip freeze --all --exclude-editable | grep -v -E '^(sourcetrace|pip)==' > requirements.lock
	rm -rf .lockenv

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache .ruff_cache
