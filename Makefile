# Two commands for a newcomer: `make run` and `make test`. Everything else is here for the curious.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum requirements.txt | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 3
PG_URL ?= postgres://postgres@127.0.0.1:5432/portal
CHROMIUM ?= /usr/bin/chromium
PYTEST_ARGS ?=
SCALE ?= small
BENCH_ARGS ?=

.PHONY: install migrate demo run test test-postgres e2e chromium worker serve collectstatic check bench clean

$(STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

migrate: install
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo_data --if-empty

run: demo
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# The whole suite: unit, integration and browser tests, on SQLite (or DATABASE_URL if set).
test: install chromium
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-postgres: install chromium
	DATABASE_URL=$(PG_URL) $(BIN)/python -m pytest $(PYTEST_ARGS)

e2e: install chromium
	$(BIN)/python -m pytest tests/e2e $(PYTEST_ARGS)

# Browser tests drive Debian's Chromium; Playwright's own browser download does not work here.
chromium:
	@test -x $(CHROMIUM) || { echo "Installing Debian's chromium for the browser tests"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null; }

# The task worker runs queued jobs; the scheduler queues the periodic ones (SLA checks, auto-close, ...).
worker: migrate
	$(BIN)/python manage.py run_scheduler & scheduler=$$!; \
	trap "kill $$scheduler" EXIT INT TERM; \
	$(BIN)/python manage.py db_worker --queue-name '*'

collectstatic: install
	$(BIN)/python manage.py collectstatic --noinput -v 0

check: install
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

# Production-style serving: gunicorn workers, the task worker and the scheduler, static files by whitenoise.
serve: collectstatic migrate
	export DJANGO_SETTINGS_MODULE=$${DJANGO_SETTINGS_MODULE:-portal.settings.production}; \
	$(BIN)/python manage.py db_worker --queue-name '*' --no-reload & worker=$$!; \
	$(BIN)/python manage.py run_scheduler & scheduler=$$!; \
	trap "kill $$worker $$scheduler" EXIT INT TERM; \
	$(BIN)/gunicorn portal.wsgi --bind $(HOST):$(PORT) --workers $(WORKERS) --access-logfile -

# The benchmark (bench/README.md): a generated dataset per database (PostgreSQL and SQLite, reused
# between runs), the key pages timed in process, then gunicorn under wrk. Results in bench/results/.
bench: install
	@command -v wrk >/dev/null || { echo "Installing Debian's wrk for the load runs"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk) >/dev/null; }
	$(BIN)/python -m bench.run --scale $(SCALE) $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var static .pytest_cache
