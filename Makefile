# misaka-io build. Everything runs from .venv, created from requirements.lock on first use,
# and node_modules, installed from package-lock.json (Redocly CLI).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed-$(shell cat requirements.lock package-lock.json pyproject.toml | cksum | cut -d" " -f1)
export REDOCLY_TELEMETRY := off
export REDOCLY_SUPPRESS_UPDATE_NOTICE := true

.PHONY: help setup test lint lint-spec generate check-generated contract stub lock clean \
	regenerate spec-diff spec-diff-ci vendor bench e2e release redis-server propose-spec mutate

help:
	@echo "make contract   run the contract harness against the embedded stub"
	@echo "make test       lint, spec checks, drift check and the whole test suite"
	@echo "make generate   regenerate generated/ from spec/misaka-v3.yaml"
	@echo "make lint       ruff (all code), mypy --strict (overlay), workflow files (check-jsonschema, zizmor)"
	@echo "make lint-spec  openapi-spec-validator and Redocly lint (0 problems allowed)"
	@echo "make stub       serve the stub on 127.0.0.1:8080 (STUB_PORT to change)"
	@echo "make regenerate after a spec change: lint, generate, format, contract, summary"
	@echo "make spec-diff BASE=<ref|file> [HEAD=<ref|file>]  breaking changes between specs"
	@echo "make vendor DEST=<path> [PACKAGE=<name>] [NO_CLI=1]  copy the client into another project"
	@echo "make propose-spec FROM=<dir> [APPLY=1]  the spec corrected from recorded answers (reports/spec-proposal.*)"
	@echo "make release    bump the version and draft the CHANGELOG entry from the spec and API diffs (DRY=1)"
	@echo "make e2e        certbot gets certificates from pebble through the stub (installs pebble)"
	@echo "make bench      benchmarks; writes bench/results.md (installs Prism, and wrk if it can)"
	@echo "make mutate     mutation testing of the modules that hold the promises [MODULES=... FRESH=1]"

$(STAMP): requirements.lock package-lock.json pyproject.toml
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

setup: $(STAMP)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/ruff check --isolated generated
	$(BIN)/ruff format --check --isolated generated
	$(BIN)/mypy --strict overlay/misaka_io
	$(BIN)/mypy --strict scripts/templates/model_base.py scripts/templates/wire.py
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml
	$(BIN)/zizmor --offline --quiet --pedantic .github/workflows

lint-spec: $(STAMP)
	$(PY) scripts/check_spec.py

generate: $(STAMP)
	$(PY) scripts/generate.py

check-generated: $(STAMP)
	$(PY) scripts/generate.py --check

test: lint lint-spec check-generated redis-server
	$(PY) -m pytest
	$(MAKE) --no-print-directory contract
	$(MAKE) --no-print-directory spec-diff-ci

regenerate: lint-spec
	$(PY) scripts/generate.py
	$(BIN)/ruff format overlay scripts contract_tests tests
	$(MAKE) --no-print-directory contract
	@echo
	@ALLOW_BREAKING=1 $(PY) scripts/spec_diff.py HEAD --summary

spec-diff: $(STAMP)
	@test -n "$(BASE)" || { echo "usage: make spec-diff BASE=<git ref or file> [HEAD=<git ref or file>]"; exit 2; }
	$(PY) scripts/spec_diff.py $(BASE) $(HEAD) --json reports/spec-diff.json

# CI: what changed in the spec since the previous release tag (or the previous commit).
# Informational: it never fails the build.
spec-diff-ci: $(STAMP)
	@base=$$(git describe --tags --abbrev=0 --match 'v*' HEAD~1 2>/dev/null || git rev-parse --verify -q HEAD~1 || true); \
	if [ -n "$$base" ]; then echo "spec diff against $$base:"; ALLOW_BREAKING=1 $(PY) scripts/spec_diff.py $$base --summary; \
	else echo "spec-diff: no earlier version to compare with"; fi

# From the spec diff and the Python API diff (griffe) against the last release: the new version
# in pyproject.toml, the spec and _version.py, and its CHANGELOG entry. DRY=1 only prints.
release: $(STAMP)
	$(PY) scripts/release.py $(if $(DRY),--dry-run) $(if $(BASE),--base $(BASE))

# From recordings of `make contract LIVE=1 RECORD=<dir>`: reports/spec-proposal.yaml and .md;
# APPLY=1 also puts it into spec/, regenerates, and writes the CHANGELOG entry and the version.
propose-spec: $(STAMP)
	@test -n "$(FROM)" || { echo "usage: make propose-spec FROM=<dir of recordings> [APPLY=1]"; exit 2; }
	$(PY) -m scripts.propose_spec $(FROM) $(if $(APPLY),--apply)

vendor: $(STAMP)
	@test -n "$(DEST)" || { echo "usage: make vendor DEST=<path> [PACKAGE=<name>] [NO_CLI=1] [FORCE=1]"; exit 2; }
	$(PY) scripts/vendor.py $(DEST) $(if $(PACKAGE),--package $(PACKAGE)) $(if $(NO_CLI),--no-cli) $(if $(FORCE),--force)

stub: $(STAMP)
	$(PY) -m misaka_io.testing.stub

# End to end with real parts: pebble (Debian's package, installed when missing and this user
# may), certbot, a DNS responder answering from the stub, and the stub itself.
e2e: $(STAMP)
	@command -v pebble >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	  (apt-get install -y -qq pebble >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && \
	  apt-get install -y -qq pebble >/dev/null 2>&1; }); } || \
	  { echo "e2e: pebble is missing and cannot be installed here (Debian package pebble)"; exit 1; }
	$(PY) -m pytest e2e

# The shared DNS lock's tests and bench step run a real redis-server (Debian's package,
# installed when missing and this user may); they start and stop it on a free port.
redis-server:
	@command -v redis-server >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	  (apt-get install -y -qq redis-server >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && \
	  apt-get install -y -qq redis-server >/dev/null 2>&1; }); } || \
	  { echo "redis-server is missing and cannot be installed here (Debian package redis-server)"; exit 1; }

# LIVE=1: check MISAKA_BASE_URL (with MISAKA_API_TOKEN) instead of the stub;
# LIVE_WRITE=1: also the mutating operations that can be undone; LIVE=1 SWEEP=1: remove what
# earlier runs left (the harness's prefix, older than an hour); LIVE=1 RECORD=<dir>: also save
# every interaction, secrets masked, for the replay test (RECORDED=<dir> pytest
# contract_tests/test_replay.py) and `make propose-spec`. CONTRACT_ARGS: more flags.
contract: $(STAMP)
	$(PY) -m contract_tests.harness $(if $(or $(LIVE),$(LIVE_WRITE)),--live) $(if $(LIVE_WRITE),--write) \
	  $(if $(SWEEP),--sweep) $(if $(RECORD),--record $(RECORD)) $(CONTRACT_ARGS)

# requirements.lock: every package pinned with the sha256 of each of its files on PyPI, from
# requirements.in by pip-compile (pip-tools), itself installed by hash from scripts/lock-tools.txt
# in a throwaway venv. Pins already in the lock are kept; delete a line to upgrade that package.
LOCK_COMPILE := --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
	--no-emit-find-links
lock:
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --disable-pip-version-check --require-hashes -r scripts/lock-tools.txt
	CUSTOM_COMPILE_COMMAND="make lock" .lock-venv/bin/pip-compile $(LOCK_COMPILE) \
	  --output-file requirements.lock requirements.in
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) node_modules .pytest_cache .mypy_cache .ruff_cache

# Benchmarks (not tests: nothing asserts a time). Prism comes from bench/package-lock.json;
# wrk from Debian when this user may install it, else a Python load loop stands in.
bench: $(STAMP) redis-server
	npm ci --prefix bench --no-audit --no-fund --loglevel=error
	@command -v wrk >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	  (apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq wrk >/dev/null 2>&1; }); } || \
	  echo "bench: wrk is not available; the throughput figures use a Python load loop"
	$(PY) -m bench.run $(BENCH_ARGS)

# Mutation testing (mutmut, pinned in requirements.in) of the modules that hold the client's
# promises, each with the tests that cover it (scripts/mutate.toml; the lock's tests need
# redis-server); reports/mutation.md has the times measured. Not part of `make test` nor of
# .ci/run: the nightly mutation.yml runs it. It fails on a survivor that reports/mutation.md
# does not name, or on one it names that the run did not leave. MODULES="_retry.py ...": only
# those; FRESH=1: forget the progress kept in .mutate/.
mutate: $(STAMP) redis-server
	nice -n 10 $(PY) scripts/mutate.py $(if $(MODULES),--only $(MODULES)) $(if $(FRESH),--fresh)
