"""Support-desk fixtures shared by unit and integration tests (loaded from tests/conftest.py)."""

import pytest

from portal import roles
from tests.factories import make_department, make_support_category, make_ticket, make_user


@pytest.fixture
def department(db, agent, lead):
    """"Orders" with ``agent`` as member and ``lead`` as its lead."""
    return make_department("Orders", members=[agent], lead=lead)


@pytest.fixture
def support_category(department):
    return make_support_category("Delivery", department=department)


@pytest.fixture
def other_department(db):
    return make_department("Billing")


@pytest.fixture
def other_category(other_department):
    return make_support_category("Invoices", department=other_department)


@pytest.fixture
def outsider_agent(other_department):
    """An agent of another department, who must not see the Orders department's tickets."""
    user = make_user(roles.AGENTS, email="outsider@example.com")
    other_department.members.add(user)
    return user


@pytest.fixture
def ticket(customer, support_category):
    return make_ticket(customer, category=support_category)
