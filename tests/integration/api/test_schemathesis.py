"""Property-based: schemathesis generates requests from the live OpenAPI schema and sends them
in-process (WSGI) as an agent and as a customer; no answer may be a server error or break the schema.

Bounded: a few examples per operation, no shrinking, so the whole run takes seconds.
"""

import os
import tempfile
from contextlib import contextmanager

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.configuration import set_hypothesis_home_dir
from schemathesis.checks import not_a_server_error, response_schema_conformance
from schemathesis.generation import GenerationMode

from tests.factories import make_task, make_ticket

from .conftest import jwt_for

EXAMPLES_PER_OPERATION = 4

# Hypothesis keeps caches in ./.hypothesis by default; keep the working tree clean.
set_hypothesis_home_dir(os.path.join(tempfile.gettempdir(), "portal-hypothesis"))


@contextmanager
def connection_kept_open():
    """Like Django's test client: a request's end must not close the test's database connection."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def run_schema(user, *, modes=(GenerationMode.POSITIVE, GenerationMode.NEGATIVE)):
    with connection_kept_open():
        return _run_schema(user, modes)


def _run_schema(user, modes):
    schema = schemathesis.openapi.from_wsgi("/api/schema/", WSGIHandler())
    headers = {"Authorization": f"Bearer {jwt_for(user)}"}
    failures, operations = [], 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        for mode in modes:

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=EXAMPLES_PER_OPERATION,
                deadline=None,
                database=None,
                derandomize=True,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=list(HealthCheck),
            )
            def check(case):
                case.call_and_validate(headers=headers, checks=[not_a_server_error, response_schema_conformance])

            try:
                check()
            except (Exception, BaseExceptionGroup) as error:  # collect every operation's failure, then report them all
                failures.append(f"{operation.method.upper()} {operation.path} ({mode.value}): {error}")
    return operations, failures


@pytest.fixture
def desk_data(customer, agent, ticket, support_category):
    make_ticket(customer, category=support_category, title="Second")
    make_task(agent, title="Call the courier", ticket=ticket)


def test_generated_requests_as_an_agent(agent, desk_data):
    """Valid and invalid requests from the agent who works the tickets."""
    operations, failures = run_schema(agent)
    assert operations >= 30
    assert not failures, "\n\n".join(failures)


def test_generated_requests_as_a_customer(customer, desk_data):
    """Valid requests from the customer who opened them: most answers are 403 or 404, never a 5xx."""
    operations, failures = run_schema(customer, modes=(GenerationMode.POSITIVE,))
    assert operations >= 30
    assert not failures, "\n\n".join(failures)
