"""The customer's ticket list and page read only the columns they show, in one query each: a
column the template needs but the selector left out would cost a query of its own."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from oscar.test.factories import create_order

from support import services
from support.models import Ticket
from tests.factories import make_ticket, png_upload

pytestmark = pytest.mark.django_db


def queries_by_table(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    tables = [main_table(query["sql"]) for query in queries.captured_queries]
    return response.content.decode(), {table: tables.count(table) for table in tables}


def main_table(sql):
    """The table a query reads rows of (not those of its subqueries): ``SELECT "t"."id", ...`` or a count."""
    match = re.match(r'\s*SELECT (?:COUNT\(\*\) AS "__count" FROM )?"(\w+)"', sql)
    return match.group(1) if match else "other"


def test_the_page_of_a_merged_ticket_with_an_order(client, customer, agent, support_category):
    order = create_order(user=customer)
    survivor = make_ticket(customer, category=support_category, title="The one we kept")
    ticket = make_ticket(customer, category=support_category, order=order, title="The duplicate")
    services.ticket_reply(ticket=ticket, author=agent, body="We are looking into it")
    Ticket.objects.filter(pk=ticket.pk).update(merged_into=survivor, rating=4)
    client.force_login(customer)
    client.get(ticket.get_absolute_url())

    html, tables = queries_by_table(client, ticket.get_absolute_url())

    assert tables["support_ticket"] == 1 and "order_order" not in tables and "support_category" not in tables
    assert "The duplicate" in html and "Delivery" in html and f"Order {order.number}" in html
    assert survivor.get_absolute_url() in html and "You rated our help 4 out of 5" in html
    assert "We are looking into it" in html and agent.get_full_name() in html


def test_the_list(client, customer, support_category):
    make_ticket(customer, category=support_category, title="Where is my parcel?")
    client.force_login(customer)
    client.get("/support/tickets/")

    html, tables = queries_by_table(client, "/support/tickets/")

    assert tables["support_ticket"] == 2 and "support_category" not in tables  # the count and the rows
    assert "Where is my parcel?" in html and "Delivery" in html and "Open" in html


def test_a_ticket_without_replies_or_files_costs_no_query_for_them(client, customer, agent, support_category):
    ticket = make_ticket(customer, category=support_category)
    client.force_login(customer)
    client.get(ticket.get_absolute_url())

    html, tables = queries_by_table(client, ticket.get_absolute_url())
    assert "support_ticketmessage" not in tables and "support_ticketattachment" not in tables

    services.ticket_reply(ticket=ticket, author=agent, body="Here is the tracking link", uploads=[png_upload("label.png")])
    services.ticket_reply(ticket=ticket, author=agent, body="A note for the desk only", is_internal=True)
    html, tables = queries_by_table(client, ticket.get_absolute_url())
    assert "Here is the tracking link" in html and "label.png" in html and "for the desk only" not in html


def test_the_rows_are_the_templates_rows(customer, support_category):
    """{% ticket_rows %} writes what the list's template wrote for each ticket, escaped the same way."""
    from django.template import Context, Template

    from support import selectors

    make_ticket(customer, category=support_category, title='Broken <b>lamp</b> & "cable"')
    resolved = make_ticket(customer, category=support_category, title="Second")
    Ticket.objects.filter(pk=resolved.pk).update(status="resolved")
    tickets = list(selectors.ticket_list_of_requester(user=customer))
    as_template = Template(
        "{% load portal_dates %}{% for ticket in tickets %}"
        '<tr><td class="text-nowrap"><a href="{{ ticket.get_absolute_url }}">{{ ticket.reference }}</a></td>'
        '<td><a href="{{ ticket.get_absolute_url }}" class="ticket-title">{{ ticket.title }}</a><br>'
        '<span class="small text-muted">{{ ticket.category }}</span></td>'
        '<td><span class="badge ticket-status ticket-status--{{ ticket.status }}">{{ ticket.get_status_display }}</span></td>'
        '<td class="text-nowrap">{{ ticket.updated_at|time_element }}</td></tr>{% if not forloop.last %}\n{% endif %}'
        "{% endfor %}"
    ).render(Context({"tickets": tickets}))
    as_tag = Template("{% load customer_tickets %}{% ticket_rows tickets %}").render(Context({"tickets": tickets}))
    assert as_tag == as_template
    assert "Broken &lt;b&gt;lamp&lt;/b&gt; &amp; &quot;cable&quot;" in as_tag and "Resolved" in as_tag
