import pytest
from django.core.cache import cache

from portal import roles
from tests.factories import DEFAULT_PASSWORD, make_superuser, make_user


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: the database is rolled back between tests, the
    local-memory cache is not (the main menu, throttles and thumbnails live there)."""
    cache.clear()


@pytest.fixture
def password():
    return DEFAULT_PASSWORD


@pytest.fixture
def customer(db):
    return make_user(roles.CUSTOMERS, email="customer@example.com")


@pytest.fixture
def other_customer(db):
    return make_user(roles.CUSTOMERS, email="other@example.com")


@pytest.fixture
def agent(db):
    return make_user(roles.AGENTS, email="agent@example.com")


@pytest.fixture
def lead(db):
    return make_user(roles.SUPPORT_LEADS, email="lead@example.com")


@pytest.fixture
def editor(db):
    return make_user(roles.EDITORS, email="editor@example.com")


@pytest.fixture
def moderator(db):
    return make_user(roles.MODERATORS, email="moderator@example.com")


@pytest.fixture
def shop_manager(db):
    return make_user(roles.SHOP_MANAGERS, email="shop@example.com")


@pytest.fixture
def superuser(db):
    return make_superuser(email="admin@example.com")


from tests.support_fixtures import *  # noqa: E402,F401,F403
from tests.worktasks_fixtures import *  # noqa: E402,F401,F403
