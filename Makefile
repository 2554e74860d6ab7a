# The two commands: `make run` (ingest the bundled sample into the default store and summarise it) and
# `make test`. Both create .venv and install what they need on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench bench-api bench-page bench-scale score clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/diplokg ingest --sample
	$(BIN)/diplokg summary
	$(BIN)/diplokg serve

# The suite on every core (at most 4; pytest-xdist), a module per worker at a time so that a module's fixtures
# (its servers, its stores) are built once; tests/conftest.py sends the longest modules first.
test: $(STAMP)
	$(BIN)/python -m pytest -n auto --maxprocesses=4 --dist loadscope --no-loadscope-reorder

lint: $(STAMP)
	$(BIN)/ruff check .

bench: $(STAMP)
	$(BIN)/python benchmarks/ingest.py

bench-api: $(STAMP)
	$(BIN)/python benchmarks/api.py

bench-page: $(STAMP)
	$(BIN)/python benchmarks/page.py

bench-scale: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python benchmarks/run.py --sizes 10000,100000,1000000 --plain-max 100000 --clients 4 --requests 400

# docs/evaluation.md's scores: seed, dev, extra, real/tune, real/tune2, real/test (benchmarks/score.py) and the
# error kinds on real/tune (benchmarks/error_kinds.py); then the shared
# scorer's figures for seed and dev, through the CLI, as a cross-check (where ../shared is there).
score: $(STAMP)
	$(BIN)/python benchmarks/score.py
	$(BIN)/python benchmarks/error_kinds.py
	if [ -d ../shared/corpus ]; then \
	  $(BIN)/python ../shared/tools/score_events.py ../shared/corpus/seed --cmd $(BIN)/diplokg; \
	  $(BIN)/python ../shared/tools/score_events.py ../shared/corpus/dev --cmd $(BIN)/diplokg; fi

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
