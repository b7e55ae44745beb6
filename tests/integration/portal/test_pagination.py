"""The admin tables stop counting at a limit, so a huge table costs what a small one does."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.pagination import CappedPaginator
from support.models import Ticket
from tests.factories import make_task, make_ticket

pytestmark = pytest.mark.django_db


def test_counts_exactly_below_the_limit():
    paginator = CappedPaginator(Ticket.objects.none(), per_page=2)
    assert (paginator.count, paginator.is_capped) == (0, False)


def test_counts_no_further_than_the_limit(customer, support_category, monkeypatch):
    monkeypatch.setattr(CappedPaginator, "count_limit", 3)
    for n in range(5):
        make_ticket(customer, category=support_category, title=f"Ticket {n}")
    paginator = CappedPaginator(Ticket.objects.order_by("pk"), per_page=2)
    with CaptureQueriesContext(connection) as queries:
        assert paginator.count == 3
    assert paginator.is_capped
    assert paginator.num_pages == 2
    assert "LIMIT 4" in queries[0]["sql"]
    exact = CappedPaginator(Ticket.objects.order_by("pk")[:3], per_page=2)
    assert (exact.count, exact.is_capped) == (3, False)


def test_ticket_table_says_more_than_the_limit(client, lead, customer, support_category, monkeypatch):
    monkeypatch.setattr(CappedPaginator, "count_limit", 2)
    monkeypatch.setattr("support.admin_views.TicketListView.table_pagination", {"per_page": 1})
    for n in range(3):
        make_ticket(customer, category=support_category, title=f"Ticket {n}")
    client.force_login(lead)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/admin/support/tickets/")
    assert response.status_code == 200
    counts = [q["sql"] for q in queries if q["sql"].startswith("SELECT COUNT(") and '"support_ticket"' in q["sql"]]
    assert counts and all("LIMIT 3" in sql for sql in counts), counts
    assert "More than 2 tickets: narrow the filters to reach the rest" in response.content.decode()
    assert "Page 1 of 2+" in response.content.decode()
    response = client.get("/admin/support/tickets/", {"q": "Ticket 1"})
    assert "More than" not in response.content.decode()


def test_task_table_says_more_than_the_limit(client, lead, monkeypatch):
    monkeypatch.setattr(CappedPaginator, "count_limit", 2)
    monkeypatch.setattr("worktasks.admin_views.TaskTableView.table_pagination", {"per_page": 1})
    for n in range(3):
        make_task(lead, title=f"Task {n}")
    client.force_login(lead)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/admin/worktasks/tasks/")
    assert response.status_code == 200, response.content[:300]
    counts = [q["sql"] for q in queries if q["sql"].startswith("SELECT COUNT(") and '"worktasks_task"' in q["sql"]]
    assert counts and all("LIMIT 3" in sql for sql in counts), counts
    assert "More than 2 tasks: narrow the filters to reach the rest" in response.content.decode()
