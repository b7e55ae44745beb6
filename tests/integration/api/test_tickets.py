"""Tickets over the API, for every role: the same rules as the pages."""

import pytest

from portal import roles
from support.models import Status, Ticket, TicketMessage
from support.services import ticket_reply
from tests.factories import make_ticket, make_user

TICKETS = "/api/v1/tickets/"


def url(ticket, suffix=""):
    return f"{TICKETS}{ticket.reference}/{suffix}"


@pytest.fixture
def internal_note(ticket, agent):
    return ticket_reply(ticket=ticket, author=agent, body="Customer sounds upset; refund if late.", is_internal=True)


@pytest.fixture
def public_reply(ticket, agent):
    return ticket_reply(ticket=ticket, author=agent, body="We are on it.")


# --- authentication -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "method, suffix",
    [("get", ""), ("post", ""), ("get", "T-000001/"), ("patch", "T-000001/"), ("delete", "T-000001/"),
     ("post", "T-000001/reply/"), ("post", "T-000001/transition/"), ("post", "T-000001/assign/")],
)
def test_anonymous_gets_401(api, ticket, method, suffix):
    response = getattr(api(), method)(TICKETS + suffix)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_bad_token_gets_401(api, ticket):
    client = api()
    client.credentials(HTTP_AUTHORIZATION="Bearer not-a-token")
    assert client.get(TICKETS).status_code == 401


def test_session_authentication_works_for_the_sites_own_pages(client, customer, ticket):
    client.force_login(customer)
    response = client.get(TICKETS)
    assert response.status_code == 200
    assert [row["reference"] for row in response.json()["results"]] == [ticket.reference]


def test_session_writes_need_the_csrf_token(customer, ticket, support_category):
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    client.force_login(customer)
    response = client.post(TICKETS, {"title": "t", "description": "d", "category": support_category.pk}, format="json")
    assert response.status_code == 403


# --- list ---------------------------------------------------------------------------------------


def refs(response):
    assert response.status_code == 200, response.content
    return {row["reference"] for row in response.json()["results"]}


def test_list_by_role(api, customer, other_customer, agent, outsider_agent, lead, ticket, other_category):
    billing = make_ticket(other_customer, category=other_category, title="Invoice wrong")
    assert refs(api(customer).get(TICKETS)) == {ticket.reference}
    assert refs(api(other_customer).get(TICKETS)) == {billing.reference}
    assert refs(api(agent).get(TICKETS)) == {ticket.reference}
    assert refs(api(outsider_agent).get(TICKETS)) == {billing.reference}
    assert refs(api(lead).get(TICKETS)) == {ticket.reference, billing.reference}


def test_list_uses_the_admin_tables_filters(api, customer, agent, lead, ticket, support_category, other_category):
    urgent = make_ticket(customer, category=support_category, title="Broken screen", priority=2)
    billing = make_ticket(customer, category=other_category, title="Invoice")
    client = api(lead)
    assert refs(client.get(TICKETS, {"priority": 2})) == {urgent.reference}
    assert refs(client.get(TICKETS, {"q": "screen"})) == {urgent.reference}
    assert refs(client.get(TICKETS, {"q": ticket.reference})) == {ticket.reference}
    assert refs(client.get(TICKETS, {"department": billing.department_id})) == {billing.reference}
    assert refs(client.get(TICKETS, {"assignee": "unassigned"})) == {ticket.reference, urgent.reference, billing.reference}
    assert refs(client.get(TICKETS, {"assignee": "me"})) == set()
    assert refs(client.get(TICKETS, {"status": ["open", "closed"]})) == {ticket.reference, urgent.reference, billing.reference}
    assert refs(client.get(TICKETS, {"sla": ["on_track"]})) == {ticket.reference, urgent.reference, billing.reference}
    # The agent's filter choices are their own departments, as in the admin table.
    response = api(agent).get(TICKETS, {"department": billing.department_id})
    assert response.status_code == 400
    assert "department" in response.json()


def test_list_invalid_filter_is_400_with_field_messages(api, lead, ticket):
    response = api(lead).get(TICKETS, {"priority": "9", "status": "nonsense"})
    assert response.status_code == 400
    assert set(response.json()) == {"priority", "status"}


def test_list_sorting_and_paging(api, customer, lead, support_category):
    tickets = [make_ticket(customer, category=support_category, title=f"T{n}", priority=p) for n, p in enumerate([4, 2, 3])]
    response = api(lead).get(TICKETS, {"ordering": "priority"})
    assert [row["priority"] for row in response.json()["results"]] == [2, 3, 4]
    response = api(lead).get(TICKETS, {"ordering": "-id", "page_size": 2})
    body = response.json()
    assert body["count"] == 3 and len(body["results"]) == 2 and body["next"]
    assert body["results"][0]["id"] == tickets[-1].pk
    assert api(lead).get(TICKETS, {"page": 9}).status_code == 404


# --- create -------------------------------------------------------------------------------------


def test_customer_opens_a_ticket(api, customer, agent, support_category):
    response = api(customer).post(
        TICKETS, {"title": "Where is my parcel?", "description": "Ordered last week.", "category": support_category.pk}
    )
    assert response.status_code == 201, response.content
    body = response.json()
    ticket = Ticket.objects.get(pk=body["id"])
    assert ticket.requester == customer and ticket.department == support_category.department
    assert body["reference"] == ticket.reference and body["status"] == "open" and body["messages"] == []
    # The service ran: the history and the desk's notification are there.
    assert ticket.events.filter(kind="created").exists()
    assert agent.portal_notifications.filter(title__contains=ticket.reference).exists()


def test_create_validation_errors_are_400_with_field_messages(api, customer, support_category):
    response = api(customer).post(TICKETS, {"title": "", "category": 999999})
    assert response.status_code == 400
    assert set(response.json()) >= {"title", "description", "category"}
    # A rule from the service, not the serializer: customers may not choose Urgent.
    response = api(customer).post(
        TICKETS, {"title": "Help", "description": "Now!", "category": support_category.pk, "priority": 1}
    )
    assert response.status_code == 400
    assert "priority" in response.json()


def test_create_with_someone_elses_order_is_refused(api, customer, support_category):
    response = api(customer).post(
        TICKETS, {"title": "Help", "description": "d", "category": support_category.pk, "order": "100001"}
    )
    assert response.status_code == 400
    assert response.json() == {"order": ["That order is not one of yours."]}


def test_create_with_files_checks_them(api, customer, support_category):
    from tests.factories import html_pretending_to_be_png, png_upload

    data = {"title": "Photo", "description": "See photo", "category": support_category.pk}
    response = api(customer).post(TICKETS, {**data, "files": [png_upload()]}, format="multipart")
    assert response.status_code == 201, response.content
    assert [a["name"] for a in response.json()["attachments"]] == ["screenshot.png"]
    response = api(customer).post(TICKETS, {**data, "files": [html_pretending_to_be_png()]}, format="multipart")
    assert response.status_code == 400
    assert "not a type we accept" in str(response.json())


# --- retrieve -----------------------------------------------------------------------------------


@pytest.mark.parametrize("role, expected", [
    ("customer", 200), ("other_customer", 404), ("outsider_agent", 404), ("agent", 200), ("lead", 200),
])
def test_retrieve_by_role(api, request, ticket, role, expected):
    response = api(request.getfixturevalue(role)).get(url(ticket))
    assert response.status_code == expected


def test_unknown_or_malformed_reference_is_404(api, lead, ticket):
    assert api(lead).get(f"{TICKETS}T-999999/").status_code == 404
    assert api(lead).get(f"{TICKETS}nonsense/").status_code == 404


def test_internal_notes_never_reach_the_customer(api, customer, agent, ticket, internal_note, public_reply):
    for path in (url(ticket), url(ticket, "replies/")):
        body = api(customer).get(path).json()
        messages = body["messages"] if isinstance(body, dict) else body
        assert [m["body"] for m in messages] == ["We are on it."]
        assert "refund if late" not in str(body)
    staff = api(agent).get(url(ticket)).json()
    assert [m["is_internal"] for m in staff["messages"]] == [True, False]


# --- update -------------------------------------------------------------------------------------


def test_agent_changes_priority_category_and_assignee_through_services(api, agent, lead, ticket, support_category):
    from tests.factories import make_support_category

    other = make_support_category("Returns", department=support_category.department)
    response = api(agent).patch(url(ticket), {"priority": 2, "category": other.pk, "assignee": agent.pk})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["priority"] == 2 and body["category"]["id"] == other.pk and body["assignee"]["id"] == agent.pk
    kinds = set(ticket.events.values_list("kind", flat=True))
    assert {"priority", "category", "assignee"} <= kinds


def test_put_needs_every_field(api, agent, ticket):
    response = api(agent).put(url(ticket), {"priority": 2})
    assert response.status_code == 400
    assert set(response.json()) == {"category", "assignee"}


def test_assigning_someone_outside_the_department_is_400(api, agent, outsider_agent, ticket):
    response = api(agent).patch(url(ticket), {"assignee": outsider_agent.pk})
    assert response.status_code == 400
    assert "assignee" in response.json()
    ticket.refresh_from_db()
    assert ticket.assignee is None


@pytest.mark.parametrize("role, expected", [("customer", 403), ("other_customer", 404), ("outsider_agent", 404)])
def test_update_refused(api, request, ticket, role, expected):
    response = api(request.getfixturevalue(role)).patch(url(ticket), {"priority": 1})
    assert response.status_code == expected
    ticket.refresh_from_db()
    assert ticket.priority == 3


# --- delete -------------------------------------------------------------------------------------


@pytest.mark.parametrize("role, expected", [
    ("customer", 403), ("other_customer", 404), ("outsider_agent", 404), ("agent", 403),
])
def test_delete_refused(api, request, ticket, role, expected):
    assert api(request.getfixturevalue(role)).delete(url(ticket)).status_code == expected
    assert Ticket.objects.filter(pk=ticket.pk).exists()


def test_lead_and_superuser_delete(api, lead, superuser, customer, ticket, support_category):
    assert api(lead).delete(url(ticket)).status_code == 204
    assert not Ticket.objects.filter(pk=ticket.pk).exists()
    second = make_ticket(customer, category=support_category)
    assert api(superuser).delete(url(second)).status_code == 204


# --- reply --------------------------------------------------------------------------------------


def test_customer_replies_publicly(api, customer, ticket):
    response = api(customer).post(url(ticket, "reply/"), {"body": "Any news?"})
    assert response.status_code == 201, response.content
    assert response.json()["is_internal"] is False
    assert TicketMessage.objects.get(pk=response.json()["id"]).author == customer


def test_customer_cannot_write_an_internal_note(api, customer, ticket):
    response = api(customer).post(url(ticket, "reply/"), {"body": "psst", "is_internal": True})
    assert response.status_code == 403
    assert not TicketMessage.objects.exists()


def test_agent_writes_an_internal_note_the_customer_never_sees(api, agent, customer, ticket):
    response = api(agent).post(url(ticket, "reply/"), {"body": "Check the courier", "is_internal": True})
    assert response.status_code == 201
    assert response.json()["is_internal"] is True
    assert api(customer).get(url(ticket, "replies/")).json() == []
    assert not customer.portal_notifications.filter(body__contains="Check the courier").exists()


@pytest.mark.parametrize("role, expected", [("other_customer", 404), ("outsider_agent", 404)])
def test_reply_refused_for_outsiders(api, request, ticket, role, expected):
    assert api(request.getfixturevalue(role)).post(url(ticket, "reply/"), {"body": "hi"}).status_code == expected


def test_reply_errors(api, agent, ticket):
    assert api(agent).post(url(ticket, "reply/"), {"body": ""}).json() == {"body": ["This field may not be blank."]}
    api(agent).post(url(ticket, "transition/"), {"status": "closed"})
    response = api(agent).post(url(ticket, "reply/"), {"body": "late"})
    assert response.status_code == 400
    assert "closed" in response.json()["non_field_errors"][0]


# --- transition ---------------------------------------------------------------------------------


def test_agent_moves_a_ticket_and_invalid_moves_are_409(api, agent, ticket):
    response = api(agent).post(url(ticket, "transition/"), {"status": "in_progress"})
    assert response.status_code == 200 and response.json()["status"] == "in_progress"
    assert api(agent).post(url(ticket, "transition/"), {"status": "in_progress"}).status_code == 409
    api(agent).post(url(ticket, "transition/"), {"status": "closed"})
    response = api(agent).post(url(ticket, "transition/"), {"status": "open"})
    assert response.status_code == 409
    assert "cannot be moved" in response.json()["detail"]


def test_resolving_needs_a_summary_400(api, agent, ticket):
    response = api(agent).post(url(ticket, "transition/"), {"status": "resolved"})
    assert response.status_code == 400
    assert "resolution_summary" in response.json()
    response = api(agent).post(url(ticket, "transition/"), {"status": "resolved", "resolution_summary": "Re-sent"})
    assert response.status_code == 200 and response.json()["status"] == "resolved"


def test_customer_may_only_reopen(api, agent, customer, ticket):
    assert api(customer).post(url(ticket, "transition/"), {"status": "closed"}).status_code == 409
    api(agent).post(url(ticket, "transition/"), {"status": "resolved", "resolution_summary": "Done"})
    response = api(customer).post(url(ticket, "transition/"), {"status": "open"})
    assert response.status_code == 200 and response.json()["status"] == Status.OPEN


def test_unknown_status_is_400(api, agent, ticket):
    response = api(agent).post(url(ticket, "transition/"), {"status": "flying"})
    assert response.status_code == 400 and "status" in response.json()


@pytest.mark.parametrize("role", ["other_customer", "outsider_agent"])
def test_transition_hidden_from_outsiders(api, request, ticket, role):
    assert api(request.getfixturevalue(role)).post(url(ticket, "transition/"), {"status": "closed"}).status_code == 404


# --- assign -------------------------------------------------------------------------------------


def test_assign(api, agent, lead, customer, outsider_agent, ticket):
    response = api(lead).post(url(ticket, "assign/"), {"assignee": agent.pk})
    assert response.status_code == 200 and response.json()["assignee"]["id"] == agent.pk
    assert api(lead).post(url(ticket, "assign/"), {"assignee": None}).json()["assignee"] is None
    assert api(lead).post(url(ticket, "assign/"), {"assignee": outsider_agent.pk}).status_code == 400
    assert api(lead).post(url(ticket, "assign/"), {"assignee": 987654}).status_code == 400
    assert api(lead).post(url(ticket, "assign/"), {}).status_code == 400
    assert api(customer).post(url(ticket, "assign/"), {"assignee": agent.pk}).status_code == 403
    assert api(outsider_agent).post(url(ticket, "assign/"), {"assignee": outsider_agent.pk}).status_code == 404


# --- throttling ---------------------------------------------------------------------------------


def test_creating_tickets_is_throttled(api, customer, support_category, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"token": "1000/min", "create": "2/min"}}
    client = api(customer)
    data = {"title": "Help", "description": "d", "category": support_category.pk}
    assert [client.post(TICKETS, data).status_code for _ in range(3)] == [201, 201, 429]
    # Reading is not throttled.
    assert client.get(TICKETS).status_code == 200


def test_agent_who_is_also_a_customer(api, ticket, support_category):
    both = make_user(roles.AGENTS, roles.CUSTOMERS)
    support_category.department.members.add(both)
    assert api(both).get(url(ticket)).status_code == 200


def test_agent_moves_a_ticket_to_another_department(api, agent, ticket, other_category):
    response = api(agent).patch(url(ticket), {"category": other_category.pk})
    assert response.status_code == 200
    assert response.json()["department"]["id"] == other_category.department_id
    assert response.json()["messages"] == []
    # From now on it belongs to the other department's desk.
    assert api(agent).get(url(ticket)).status_code == 404
