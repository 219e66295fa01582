# make run   - set up .venv and narrate the seed article into output/
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

.PHONY: run test test-browser bench lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m compileall -q narrate
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/narrate render $(SEED) -o output

test: $(STAMP)
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
