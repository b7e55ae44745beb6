"""API test helpers: a DRF client per role, authenticated by a JWT like an integrator's script."""

import pytest
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken


def jwt_for(user) -> str:
    return str(RefreshToken.for_user(user).access_token)


def client_for(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {jwt_for(user)}")
    return client


@pytest.fixture
def api():
    """``api(user)``: a client that sends ``user``'s JWT; ``api()`` sends no credentials."""
    return client_for


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    # Throttle counts live in the cache, which outlives a test.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
