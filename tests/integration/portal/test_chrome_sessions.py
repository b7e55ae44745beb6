"""Sessions: read through the cache where one process serves the site, from the database where
several workers each keep their own cache, and a logout ends them at once either way."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]
PAGE = "/accounts/"


def session_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(PAGE)
    return response, [query for query in queries.captured_queries if '"django_session"' in query["sql"]]


def test_a_signed_in_page_reads_the_session_from_the_cache(client, customer):
    client.force_login(customer)
    response, queries = session_queries(client)
    assert response.status_code == 200 and not queries


def test_logging_out_ends_the_session_at_once(client, customer):
    client.force_login(customer)
    old_session = client.cookies["sessionid"].value
    assert client.get(PAGE).status_code == 200

    client.post("/accounts/logout/")
    client.cookies["sessionid"] = old_session  # even someone who kept the old cookie is signed out
    response = client.get(PAGE)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def _session_engine(settings_module, **env):
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DATABASE_URL", "REDIS_URL"}}
    environment.update(DJANGO_SETTINGS_MODULE=settings_module, SECRET_KEY="x7Gq-" * 12, **env)
    code = "import django; django.setup(); from django.conf import settings; print(settings.SESSION_ENGINE)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_production_workers_without_a_shared_cache_keep_sessions_in_the_database():
    assert _session_engine("portal.settings.production") == "django.contrib.sessions.backends.db"
    assert _session_engine("portal.settings.dev") == "django.contrib.sessions.backends.cached_db"
    redis = {"REDIS_URL": "redis://127.0.0.1:6379/0"}
    assert _session_engine("portal.settings.production", **redis) == "django.contrib.sessions.backends.cache"
