# make run   - set up .venv and narrate the seed article into output/
# make run-neural - the same with the neural narrator (Piper, from the neural extra)
# make test  - set up .venv (if needed) and run the test suite
# make bench - quality and speed figures on ../shared/corpus with ../shared/judges (when present)
# make lint  - ruff and mypy
# make test-browser - install Debian's chromium and chromium-driver if missing, run the page tests in it

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
SHARED ?= ../shared
SEED   := seeds/000_c7231357d1905d75.txt
export PATH := $(CURDIR)/$(BIN):$(PATH)

.PHONY: run run-neural test test-browser bench lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,neural,ray]'
	$(BIN)/python -m compileall -q narrate
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/narrate render $(SEED) -o output

run-neural: $(STAMP)
	$(BIN)/narrate render $(SEED) --engine piper -o output

# Podcast Index's feed parser (npm) for the feed tests; they skip it where node or npm is missing.
PARTYTIME := tests/node/node_modules/podcast-partytime/package.json
$(PARTYTIME): tests/node/package.json
	-command -v npm >/dev/null && npm install --prefix tests/node --no-audit --no-fund --silent

test: $(STAMP) $(PARTYTIME)
	$(BIN)/python -m pytest -q

# apt-get as root, else through sudo; the tests start Chromium headless with a fresh profile.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
test-browser: $(STAMP)
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || { \
		$(SUDO) apt-get update && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium chromium-driver; }
	$(BIN)/python -m pytest -q -m browser

lint: $(STAMP)
	$(BIN)/ruff check narrate tests bench
	$(BIN)/mypy narrate

# Byte-compiled ahead: with PYTHONDONTWRITEBYTECODE set, every run would compile the package anew.
bench: $(STAMP)
	$(BIN)/python -m compileall -q narrate
	$(BIN)/python bench/run.py --shared $(SHARED)

clean:
	rm -rf output build dist *.egg-info
