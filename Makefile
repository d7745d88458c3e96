# The two commands: `make run` and `make test` install everything they need first.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
NPM := npm --prefix frontend
NODE_STAMP := frontend/node_modules/.package-lock.json

.PHONY: run test lint typecheck bench install migration clean browser frontend api-client

$(STAMP): pyproject.toml requirements/constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip==25.3
	$(PY) -m pip install --quiet -c requirements/constraints.txt -e '.[dev]'
	# `trackers` requires opencv-python, which shares the cv2 folder with the contrib build
	# (CSRT/KCF trackers); reinstalling the contrib build last makes its cv2 the one imported.
	$(PY) -m pip install --quiet --force-reinstall --no-deps \
		$$(grep -o 'opencv-contrib-python-headless==[0-9.]*' pyproject.toml)
	$(PY) -c "import cv2; cv2.TrackerCSRT_create" || \
		{ echo "cv2 lacks the contrib trackers; see the Makefile's install step" >&2; exit 1; }
	touch $(STAMP)

install: $(STAMP)

# `npm ci` (which deletes node_modules and installs the lock file exactly) only when the lock
# file is newer than npm's record of the last install.
$(NODE_STAMP): frontend/package-lock.json
	$(NPM) ci --no-audit --no-fund
	touch $(NODE_STAMP)

# The web app `fovea server` serves at /: built into frontend/dist, then gzip siblings.
frontend: $(NODE_STAMP) install
	$(NPM) run build
	$(PY) scripts/compress_web.py frontend/dist

# frontend/openapi.json, from which the web app's typed client is generated.
api-client: install
	$(PY) scripts/export_openapi.py

# The two sample videos are the library unless FOVEA_VIDEO_DIR names another folder.
run: install frontend
	FOVEA_VIDEO_DIR="$${FOVEA_VIDEO_DIR:-samples/videos}" $(VENV)/bin/fovea up

browser:
	bash scripts/ensure_chromium.sh

lint: install
	$(VENV)/bin/ruff check src tests bench scripts
	$(VENV)/bin/ruff format --check src tests bench scripts
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

test: lint browser frontend
	$(NPM) test
	$(PY) -m pytest

bench: install
	PYTHONPATH=src $(PY) bench/expand_speed.py
	PYTHONPATH=. $(PY) -m bench.api_throughput
	PYTHONPATH=src $(PY) bench/media_speed.py
	PYTHONPATH=. $(PY) -m bench.video_list
	PYTHONPATH=src $(PY) bench/detect_track_speed.py
	PYTHONPATH=src $(PY) bench/ai_speed.py

migration: install
	$(PY) scripts/regenerate_initial_migration.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
	rm -rf frontend/node_modules frontend/dist
