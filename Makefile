# The front door. `make run` serves the reader on SQLite; `make test` runs the whole suite on SQLite and PostgreSQL.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/lawreader
HOST_PORT ?= 127.0.0.1:8000

.PHONY: run test test-sqlite test-postgres lint postgres browser redis pdf-libraries bench loadtest install install-dev clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed-runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@ $(VENV)/.installed-runtime

install: $(VENV)/.installed-runtime
install-dev: $(VENV)/.installed-dev

# Local development server: DEBUG on unless the environment says otherwise; SQLite unless DATABASE_URL is set.
run: export DJANGO_DEBUG ?= 1
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_bundled_laws
	$(BIN)/python manage.py collectstatic --noinput -v0
	@echo "Lawreader: http://$(HOST_PORT)/laws/"
	$(BIN)/python manage.py runserver $(HOST_PORT)

# ruff, and the architecture's layers (import-linter contracts in pyproject.toml).
lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-logo

postgres:
	@$(PYTHON) -c "import socket; socket.create_connection(('127.0.0.1', 5432), 2)" 2>/dev/null \
	  || { echo "Starting the local PostgreSQL cluster…"; pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start; }
	@for i in 1 2 3 4 5 6 7 8 9 10; do \
	  $(PYTHON) -c "import socket; socket.create_connection(('127.0.0.1', 5432), 2)" 2>/dev/null && exit 0; sleep 1; done; \
	  echo "PostgreSQL is not reachable at 127.0.0.1:5432 (set PG_URL for another server)"; exit 1

# Browser tests drive Debian's Chromium; install it when missing (root on the CI and development machines).
browser:
	@test -x /usr/bin/chromium || { echo "Installing Debian's chromium…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# Tests of the shared page cache start their own redis-server; install Debian's when missing.
redis:
	@command -v redis-server >/dev/null || { echo "Installing Debian's redis-server…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; }

# Editions as PDF: WeasyPrint lays text out with Pango and needs fonts with every Russian and Kazakh letter;
# install Debian's when missing (fontconfig brings fc-list, which the check asks).
pdf-libraries:
	@{ /sbin/ldconfig -p | grep -q libpangoft2-1.0.so.0 && fc-list 2>/dev/null | grep -q DejaVu; } || { \
	  echo "Installing Debian's Pango and DejaVu fonts…"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	  apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fontconfig >/dev/null; }

test-sqlite: install-dev browser redis pdf-libraries
	@echo "== Test suite on SQLite =="
	DATABASE_URL=sqlite://:memory: $(BIN)/pytest

test-postgres: install-dev postgres browser redis pdf-libraries
	@echo "== Test suite on PostgreSQL ($(PG_URL)) =="
	DATABASE_URL=$(PG_URL) $(BIN)/pytest

# Both databases at once, each suite's output printed whole when it ends: they share nothing (an in-memory SQLite, a
# PostgreSQL test database, servers on free ports), and together they fit in the ten minutes that one after the other
# would not. What both need is installed first, so the two never run the package manager at the same time.
test: lint postgres browser redis pdf-libraries
	@$(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite test-postgres

# Benchmarks: a synthetic 1,000-article code in 10 editions, on SQLite and on PostgreSQL; figures in bench/results.json.
BENCH_ENV = DJANGO_DEBUG=0 DJANGO_SECRET_KEY=bench-only DJANGO_SECURE_SSL_REDIRECT=0 DJANGO_ALLOWED_HOSTS=localhost,127.0.0.1
BENCH_SQLITE = sqlite:///bench/bench.sqlite3
BENCH_PG = postgres://postgres@127.0.0.1:5432/lawreader_bench

bench: install-dev postgres
	rm -f bench/bench.sqlite3*
	$(BENCH_ENV) DATABASE_URL=$(BENCH_SQLITE) $(BIN)/python manage.py bench
	@# A fresh database each time, as for SQLite: rows deleted by an earlier run would slow this one.
	psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS lawreader_bench" -c "CREATE DATABASE lawreader_bench"
	$(BENCH_ENV) DATABASE_URL=$(BENCH_PG) $(BIN)/python manage.py bench

# A real server under load: gunicorn on 127.0.0.1 and wrk, 30 s per target, against the databases `make bench` filled.
loadtest: install-dev redis
	@command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
	$(BENCH_ENV) DATABASE_URL=$(BENCH_SQLITE) $(BIN)/python manage.py collectstatic --noinput -v0
	$(BENCH_ENV) DATABASE_URL=$(BENCH_PG) $(BIN)/python manage.py loadtest
	@# Publish→visible under load, per-process caches and a Redis of its own; page-cache memory after junk URLs.
	$(BENCH_ENV) DATABASE_URL=$(BENCH_PG) $(BIN)/python manage.py freshness

clean:
	rm -rf $(VENV) staticfiles test-artifacts .pytest_cache .ruff_cache .import_linter_cache bench/bench.sqlite3*
