"""Work-task fixtures shared by unit and integration tests (loaded from tests/conftest.py)."""

import pytest

from tests.factories import make_task


@pytest.fixture
def task(agent):
    """A To do task created by ``agent`` and assigned to nobody."""
    return make_task(agent, title="Restock the returns shelf")


@pytest.fixture
def client_agent(client, agent):
    client.force_login(agent)
    return client
