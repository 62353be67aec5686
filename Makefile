# Two commands for a newcomer: `make run` and `make test`. Both set everything up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Debian packages the tests use: Chromium (its headless shell walks the pages; the whole browser
# shows notifications and installs the app), a real PostgreSQL server, and espeak-ng for spoken
# cues. Installed only when missing.
DEBS := chromium chromium-headless-shell postgresql espeak-ng
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Python writes its compiled bytecode by default; some machines turn that off for every
# process, and then each test worker compiled and assertion-rewrote every module again on
# every run (collection 10 s of CPU a process instead of 6) and every server a test starts
# compiled the app from source.
unexport PYTHONDONTWRITEBYTECODE

NODE_STAMP := node_modules/.installed
# pytest-xdist workers for `make test`: twice this machine's two cores, since much of the suite
# waits on browsers, servers, subprocesses and the disk rather than computing. Here four workers
# left 5 s of the cores idle in a run where three left 46 s idle or waiting on the disk: 228 s
# against 252 s for the same suite, minutes apart.
TEST_WORKERS ?= 4

.PHONY: run test check bench lint system-deps clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,motion]'
	@touch $(STAMP)

# axe-core for the accessibility tests, from the npm registry (package-lock.json), loaded from
# disk by the tests. npm comes from Debian when the machine has none.
$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq npm >/dev/null; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $(NODE_STAMP)

system-deps:
	@missing=""; for p in $(DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

HOST ?= 127.0.0.1
PORT ?= 8000

run: $(STAMP)
	$(BIN)/sciatica serve --host $(HOST) --port $(PORT)

lint: $(STAMP)
	$(BIN)/ruff check src tests bench docs
	$(BIN)/mypy
	$(BIN)/lint-imports

test: $(STAMP) system-deps $(NODE_STAMP) lint
	SCIATICA_REQUIRE_PG=1 $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist worksteal

# The fast inner loop: lint and every test but the real browser, PostgreSQL and slow ones,
# with fewer Hypothesis examples. `make test` stays the whole suite, and CI runs it.
check: $(STAMP) lint
	$(BIN)/python -m pytest -q -n auto --hypothesis-profile=check \
		-m "not browser and not postgres and not slow"

bench: $(STAMP) system-deps
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) node_modules .pytest_cache .mypy_cache .ruff_cache
