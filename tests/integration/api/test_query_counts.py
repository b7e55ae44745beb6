"""Every list endpoint costs the same number of queries for 1 row as for 50."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from oscar.test.factories import create_order

from portal.models import Notification
from support.models import Ticket
from support.services import checklist_item_add, ticket_reply
from tests.factories import make_task, make_ticket, make_user, png_upload
from worktasks.services import checklist_item_add as task_checklist_item_add
from worktasks.services import task_comment


def count_queries(client, path, params=None):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params or {})
    assert response.status_code == 200, response.content
    return len(queries), response


def assert_same_cost(django_assert_num_queries, client, path, add_rows, *, params=None, expected_rows=50):
    one, response = count_queries(client, path, params)
    add_rows()
    with django_assert_num_queries(one):
        response = client.get(path, params or {})
    body = response.json()
    rows = body["results"] if isinstance(body, dict) else body
    assert len(rows) == expected_rows


def _tickets(customer, category, agent, count):
    for n in range(count):
        ticket = make_ticket(make_user() if n % 2 else customer, category=category, title=f"T{n}")
        Ticket.objects.filter(pk=ticket.pk).update(assignee=agent)


@pytest.mark.parametrize("role", ["agent", "lead"])
def test_ticket_list_for_the_desk(api, request, django_assert_num_queries, customer, agent, support_category, role):
    _tickets(customer, support_category, agent, 1)
    client = api(request.getfixturevalue(role))
    assert_same_cost(
        django_assert_num_queries, client, "/api/v1/tickets/",
        lambda: _tickets(customer, support_category, agent, 49), params={"page_size": 50, "ordering": "next_sla_due"},
    )


def test_ticket_list_with_filters(api, django_assert_num_queries, customer, agent, lead, support_category):
    _tickets(customer, support_category, agent, 1)
    params = {"page_size": 50, "status": ["open"], "assignee": str(agent.pk), "sla": ["on_track", "at_risk"], "q": "T"}
    assert_same_cost(
        django_assert_num_queries, api(lead), "/api/v1/tickets/",
        lambda: _tickets(customer, support_category, agent, 49), params=params,
    )


def test_ticket_list_for_a_customer(api, django_assert_num_queries, customer, agent, support_category):
    def add(count):
        for n in range(count):
            ticket = make_ticket(customer, category=support_category, title=f"Mine {n}")
            Ticket.objects.filter(pk=ticket.pk).update(assignee=agent)

    add(1)
    assert_same_cost(django_assert_num_queries, api(customer), "/api/v1/tickets/", lambda: add(49), params={"page_size": 50})


@pytest.mark.parametrize("role", ["customer", "agent"])
def test_replies(api, request, django_assert_num_queries, customer, agent, ticket, role):
    def add(count):
        for n in range(count):
            ticket_reply(ticket=ticket, author=agent if n % 2 else customer, body=f"Reply {n}", uploads=[png_upload()] if n % 5 == 0 else ())

    add(1)
    client = api(request.getfixturevalue(role))
    assert_same_cost(django_assert_num_queries, client, f"/api/v1/tickets/{ticket.reference}/replies/", lambda: add(49))


def test_attachments_and_checklist(api, django_assert_num_queries, agent, customer, ticket):
    def files(count):
        for _ in range(count):
            ticket_reply(ticket=ticket, author=customer, body="photo", uploads=[png_upload()])

    files(1)
    assert_same_cost(django_assert_num_queries, api(agent), f"/api/v1/tickets/{ticket.reference}/attachments/", lambda: files(49))

    def items(count):
        for n in range(count):
            checklist_item_add(ticket=ticket, actor=agent, text=f"Step {n}")

    items(1)
    assert_same_cost(django_assert_num_queries, api(agent), f"/api/v1/tickets/{ticket.reference}/checklist/", lambda: items(49))


def test_task_list(api, django_assert_num_queries, agent, lead, ticket):
    def add(count):
        for n in range(count):
            task = make_task(agent, title=f"Task {n}", assignee=lead, team=ticket.department, ticket=ticket, labels=["x"])
            task_checklist_item_add(task=task, actor=agent, text="step")

    add(1)
    assert_same_cost(django_assert_num_queries, api(agent), "/api/v1/tasks/", lambda: add(49), params={"page_size": 50})


def test_task_comments(api, django_assert_num_queries, agent, lead, task):
    def add(count):
        for n in range(count):
            task_comment(task=task, author=lead if n % 2 else agent, body=f"c{n}")

    add(1)
    assert_same_cost(django_assert_num_queries, api(agent), f"/api/v1/tasks/{task.pk}/comments/", lambda: add(49))


def test_notifications(api, django_assert_num_queries, customer):
    def add(count):
        Notification.objects.bulk_create([Notification(recipient=customer, title=f"N{n}") for n in range(count)])

    add(1)
    assert_same_cost(django_assert_num_queries, api(customer), "/api/v1/notifications/", lambda: add(49), params={"page_size": 50})


def test_orders(api, django_assert_num_queries, customer):
    create_order(user=customer)
    assert_same_cost(
        django_assert_num_queries, api(customer), "/api/v1/orders/",
        lambda: [create_order(user=customer) for _ in range(49)], params={"page_size": 50},
    )


def test_users(api, django_assert_num_queries, lead, department):
    from portal import roles

    existing = api(lead).get("/api/v1/users/").json()["count"]

    def add():
        for _ in range(50 - existing):
            department.members.add(make_user(roles.AGENTS))

    assert_same_cost(django_assert_num_queries, api(lead), "/api/v1/users/", add, params={"page_size": 50})


def test_departments_and_categories(api, django_assert_num_queries, customer, support_category):
    from tests.factories import make_support_category

    assert_same_cost(
        django_assert_num_queries, api(customer), "/api/v1/categories/",
        lambda: [make_support_category() for _ in range(49)],
    )
    assert_same_cost(
        django_assert_num_queries, api(customer), "/api/v1/departments/", lambda: None, expected_rows=50,
    )
