# One command per job. Everything installs itself on a fresh machine (Debian + Python 3.11).
export NO_MKDOCS_2_WARNING := 1
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
SYSTEM_STAMP := $(VENV)/.system-installed
HOST ?= 127.0.0.1:8000

.PHONY: install system-deps serve site publier verifier-site test test-fast lint format-reference check validate bench bench-print bench-search bench-serve bench-links clean liens-externes

NODE_STAMP := node_modules/.installed

$(STAMP): requirements.txt requirements-dev.txt requirements-properdocs.txt pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements-dev.txt
	$(PIP) install --quiet --no-deps -e .
	touch $(STAMP)

# Debian packages: Chromium for the browser tests, Pango for the PDF fiches (WeasyPrint),
# Node.js and npm for ESLint (make lint).
$(SYSTEM_STAMP):
	@if [ ! -x /usr/bin/chromium ] || ! ldconfig -p | grep -q libpangoft2 || ! command -v npm >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
	    chromium libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core nodejs npm >/dev/null; \
	fi
	mkdir -p $(VENV) && touch $(SYSTEM_STAMP)

# ESLint and its two packages, at the versions of package-lock.json (npm registry only).
$(NODE_STAMP): package.json package-lock.json $(SYSTEM_STAMP)
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

install: $(STAMP) $(SYSTEM_STAMP) $(NODE_STAMP)

## Build the shipped content into site/ (strict: any warning stops the build). ENGINE=properdocs builds
## with ProperDocs (the same site). Without SITE_URL the sheets carry no address nor QR code (one line says so).
ENGINE ?= mkdocs
site: $(STAMP)
	$(PY) scripts/build.py --moteur $(ENGINE)

## The build to publish (every CI publishing job): refuses without a real SITE_URL or without the PDFs,
## and checks the built site (loopback addresses, external requests, links, PDFs) before replacing site/.
publier: $(STAMP)
	$(PY) scripts/build.py --publier --moteur $(ENGINE)

## Check a built site as before publishing (scripts/check_site.py): make verifier-site [SITE=site].
SITE ?= site
verifier-site: $(STAMP)
	$(PY) scripts/check_site.py $(SITE)

## Build and serve the site at http://127.0.0.1:8000, rebuilt when data/, docs/, overrides/, core/ or centre_mkdocs/ change
## (each rebuild runs the current code of core/ and of the plugin's steps: centre_mkdocs/preview.py).
## PDFs are skipped (faster); make serve PDF=oui produces them too. PROJECT: another folder holding mkdocs.yml.
PDF ?=
PROJECT ?= .
serve: $(STAMP)
	CENTRE_PDF=$(if $(filter oui,$(PDF)),on,off) $(VENV)/bin/mkdocs serve --strict -a $(HOST) \
	  -f $(PROJECT)/mkdocs.yml --watch $(PROJECT)/data --watch $(PROJECT)/overrides --watch core --watch centre_mkdocs

## Check every record (or only FICHIERS="data/..."), print problems as path:line: key: message.
validate: $(STAMP)
	$(PY) scripts/validate.py $(FICHIERS)

.PHONY: nouvelle-pratique nouvelle-fiche nouvelle-methodologie a-relire
## New record from its commented template: make nouvelle-pratique TITRE="..." (asks if TITRE is empty).
nouvelle-pratique nouvelle-fiche nouvelle-methodologie: nouvelle-%: $(STAMP)
	$(PY) scripts/new_record.py $*s $(if $(TITRE),--titre "$(TITRE)")

.PHONY: nouveau-retour
## New retour d'expérience from its commented template: make nouveau-retour TITRE="..." (or the form /proposer/retour/).
nouveau-retour: $(STAMP)
	$(PY) scripts/new_record.py retours $(if $(TITRE),--titre "$(TITRE)")

.PHONY: importer
## A proposal received by the team (its link, the saved mail .eml, or a .yml file) -> a checked file on a
## branch proposition/<id>: make importer SOURCE='https://…#proposition=…' (POUSSER=oui: push it too).
importer: $(STAMP)
	$(PY) scripts/import_proposal.py '$(SOURCE)' $(if $(filter oui,$(POUSSER)),--pousser oui) $(if $(RACINE),--racine '$(RACINE)')

## Records whose last review (date_maj) is more than 24 months old.
a-relire: $(STAMP)
	$(PY) scripts/review_due.py

## List the external links of the built site in liens-externes.txt and request each one (needs the network).
liens-externes: site
	$(PY) scripts/check_links.py site --externes liens-externes.txt --verifier

# pytest-xdist: one worker per core, at most 4 (each starts its own Chromium); XDIST= runs in one process.
XDIST ?= -n auto --maxprocesses 4

## Every test: the linters (make lint), then loader, real builds, HTML, browser, PDF.
test: install lint
	$(PY) -m pytest $(XDIST)

## Every test that needs no browser (builds, HTML, PDF): the loop while editing.
test-fast: install
	$(PY) -m pytest -m "not browser" $(XDIST)

check: test

bench: install
	$(PY) scripts/bench.py

## Time and size of each PDF, builds with and without the PDF cache (writes BENCHMARKS.md).
bench-print: install
	$(PY) scripts/bench_print.py

## make serve: seconds between editing one record and the served page showing it, at 200 records.
bench-serve: install
	$(PY) scripts/bench_serve.py

## Search in headless Chromium, ours beside Material's, at 200, 2,000 and 10,000 records (about 40 min).
bench-search: install
	$(PY) scripts/bench_search.py

## The planner before hostile links and an 8 MB plan file: its longest wait (writes BENCHMARKS.md).
bench-links: install
	$(PY) scripts/bench_links.py

clean:
	rm -rf site .cache .pytest_cache .mypy_cache

## Check the code: ruff and mypy (settings in pyproject.toml), ESLint (eslint.config.js).
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	node_modules/.bin/eslint

## Rewrite the data contract docs-dev/format.md from the schema (a test fails while they differ).
format-reference: $(STAMP)
	$(PY) scripts/format_reference.py
