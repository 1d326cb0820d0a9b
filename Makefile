# The handbook's commands. On a fresh machine two of them do all the set-up:
#   make serve   build the site and serve it at http://127.0.0.1:8000
#   make test    run the linters, then every test
# Each creates the virtual environment .venv and installs what it needs.
# Also: make test-fast (no build, no browser: seconds), make lint, make build, make publish, make rollback,
# and for next year's plan: make import FILE=ke-hoach-2023.docx, make check-citations PLAN=dan-van-2023;
# for the legal basis: make status-report (which cited documents to check next, and where).

VENV ?= .venv
PYTHON := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

# Where `make publish` puts the site unless told otherwise: make publish TARGET=/srv/www/so-tay
TARGET ?= publish/so-tay

.PHONY: serve build test test-fast lint lint-python lint-js publish rollback system-packages import check-citations status-report

$(PYTHON):
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install -q --upgrade pip

# The handbook's own package (macros/, publishing/) is installed in editable mode: pyproject.toml
$(VENV)/.runtime-installed: requirements.txt pyproject.toml | $(PYTHON)
	$(PYTHON) -m pip install -q -r requirements.txt
	$(PYTHON) -m pip install -q --no-deps -e .
	touch $@

$(VENV)/.test-installed: requirements-test.txt $(VENV)/.runtime-installed
	$(PYTHON) -m pip install -q -r requirements-test.txt
	touch $@

# axe-core, the Nu HTML Checker, Lighthouse and ESLint come from npm, pinned by tests/package-lock.json.
tests/node_modules/.installed: tests/package.json tests/package-lock.json
	npm ci --prefix tests --no-audit --no-fund --silent
	touch $@

# Browser tests use Debian's Chromium; PDF checks use poppler-utils; print uses Liberation fonts
# (Liberation Serif 2, from fonts-liberation2, is the version with Vietnamese letters: ư, ơ, ạ, ể …);
# the Nu HTML Checker (vnu.jar) runs on Java.
system-packages:
	@if ! command -v chromium >/dev/null || ! command -v pdftotext >/dev/null || ! command -v java >/dev/null || ! fc-list ":family=Liberation Serif:charset=1b0 1ec3" | grep -q .; then \
	  echo "Installing Debian packages: chromium poppler-utils fonts-liberation fonts-liberation2 default-jre-headless"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils fonts-liberation fonts-liberation2 default-jre-headless >/dev/null; \
	fi

serve: $(VENV)/.runtime-installed
	$(VENV)/bin/mkdocs serve -a 127.0.0.1:8000

build: $(VENV)/.runtime-installed
	$(VENV)/bin/mkdocs build

# Build aside, check, swap in atomically, keep the previous version, zip (publishing/publish.py)
publish: $(VENV)/.runtime-installed
	$(PYTHON) -m publishing.publish "$(TARGET)"

rollback: $(VENV)/.runtime-installed
	$(PYTHON) -m publishing.publish --rollback "$(TARGET)"

# A plan as received (.docx, .pdf, .txt) into data/: make import FILE=ke-hoach-2023.docx [FORCE=1] [ID=dan-van-2023]
import: $(VENV)/.runtime-installed
	@test -n "$(FILE)" || { echo "Cách dùng: make import FILE=ke-hoach-2023.docx (thêm FORCE=1 để ghi đè)"; exit 2; }
	$(PYTHON) -m macros.commands.import_plan "$(FILE)" $(if $(FORCE),--force) $(if $(ID),--id "$(ID)")

# Every reference to a document in a plan (PLAN=dan-van-2022; none: every plan), drafts for the new ones
check-citations: $(VENV)/.runtime-installed
	$(PYTHON) -m macros.commands.check_citations $(PLAN)

# The cited documents in the order their standing needs checking, with where to check each
# (macros/commands/status_report.py); TODAY=YYYY-MM-DD counts the 12 months from another day
status-report: $(VENV)/.runtime-installed
	$(PYTHON) -m macros.commands.status_report $(if $(TODAY),--today $(TODAY))

test: lint $(VENV)/.test-installed tests/node_modules/.installed system-packages
	$(PYTHON) -m pytest tests

# The fast part: unit tests and data checks, no site build and no browser (tests/pytest.ini markers)
test-fast: $(VENV)/.test-installed tests/node_modules/.installed
	$(PYTHON) -m pytest tests -m "not build and not browser"

lint: lint-python lint-js

# ruff, configured in pyproject.toml
lint-python: $(VENV)/.test-installed
	$(VENV)/bin/ruff check .

# ESLint on the site's own JavaScript (tests/eslint.config.mjs)
lint-js: tests/node_modules/.installed
	tests/node_modules/.bin/eslint --config tests/eslint.config.mjs --max-warnings 0 \
	  docs/assets/javascripts tests/js tests/eslint.config.mjs
