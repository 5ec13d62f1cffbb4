# Two commands set everything up: `make run` and `make test`. Both create or reuse .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
IMAGE ?= sgp-model-inspector:latest

.PHONY: run record test lint format bench e2e image clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# A stamp per requirements file: reinstall only when the pins change.
$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

run: $(VENV)/.runtime
	$(BIN)/streamlit run app.py --server.port $(PORT)

# The history's recorder (README, "Record history"): RECORD_ARGS="--once" for one round.
record: $(VENV)/.runtime
	$(BIN)/python -m sgp.history.recorder $(RECORD_ARGS)

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(VENV)/.dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: lint
	$(BIN)/python -m pytest

bench: $(VENV)/.dev
	$(BIN)/python -m bench $(BENCH_ARGS)

# The container image (see Dockerfile). Needs Docker; `make test` checks the Dockerfile without it.
image:
	@command -v docker >/dev/null 2>&1 || { echo "make image needs Docker (docker build)"; exit 1; }
	docker build --tag $(IMAGE) .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache .cache
