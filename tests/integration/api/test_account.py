"""Tokens, the schema and docs, and the account endpoints: me, notifications, orders, people, departments."""

import re

import pytest
from oscar.test.factories import create_order

from portal.models import Notification
from tests.factories import DEFAULT_PASSWORD, make_support_category

V1 = "/api/v1/"


# --- tokens -------------------------------------------------------------------------------------


def test_obtain_and_refresh_a_token_then_use_it(api, customer):
    response = api().post("/api/token/", {"email": customer.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 200, response.content
    tokens = response.json()
    client = api()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens['access']}")
    assert client.get(V1 + "me/").json()["email"] == customer.email

    refreshed = api().post("/api/token/refresh/", {"refresh": tokens["refresh"]})
    assert refreshed.status_code == 200 and refreshed.json()["access"]
    # Refresh tokens rotate: the old one is blacklisted.
    assert api().post("/api/token/refresh/", {"refresh": tokens["refresh"]}).status_code == 401


def test_wrong_password_is_401_and_missing_fields_400(api, customer):
    assert api().post("/api/token/", {"email": customer.email, "password": "wrong"}).status_code == 401
    response = api().post("/api/token/", {})
    assert response.status_code == 400 and set(response.json()) == {"email", "password"}
    assert api().post("/api/token/refresh/", {"refresh": "garbage"}).status_code == 401


def test_inactive_users_get_no_token(api, customer):
    customer.is_active = False
    customer.save()
    assert api().post("/api/token/", {"email": customer.email, "password": DEFAULT_PASSWORD}).status_code == 401


def test_token_endpoint_is_throttled(api, customer, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"token": "3/min", "create": "1000/min"}}
    codes = [
        api().post("/api/token/", {"email": customer.email, "password": DEFAULT_PASSWORD}).status_code for _ in range(4)
    ]
    assert codes == [200, 200, 200, 429]


# --- schema and docs ----------------------------------------------------------------------------


def test_schema_is_served_and_valid(api):
    from drf_spectacular.validation import validate_schema
    from drf_spectacular.generators import SchemaGenerator

    response = api().get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/tickets/{reference}/reply/" in schema["paths"]
    assert all(path.startswith("/api/") for path in schema["paths"])
    validate_schema(SchemaGenerator().get_schema(request=None, public=True))


def test_schema_generates_without_warnings():
    from django.core.management import call_command

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")


def test_docs_use_no_outside_assets(api):
    response = api().get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets and all(asset.startswith("/static/") for asset in assets), assets
    assert "cdn." not in html and "unpkg" not in html


# --- me -----------------------------------------------------------------------------------------


def test_me(api, customer, agent, lead):
    body = api(customer).get(V1 + "me/").json()
    assert body["email"] == customer.email and body["roles"] == ["Customers"]
    assert body["can_work_tickets"] is False and body["can_use_tasks"] is False
    body = api(lead).get(V1 + "me/").json()
    assert body["can_work_tickets"] and body["sees_all_tickets"] and body["can_delete_tickets"] and body["can_use_tasks"]
    assert api(agent).get(V1 + "me/").json()["can_delete_tickets"] is False
    assert api().get(V1 + "me/").status_code == 401


# --- notifications ------------------------------------------------------------------------------


@pytest.fixture
def inbox(customer, other_customer):
    mine = [Notification.objects.create(recipient=customer, title=f"Note {n}") for n in range(3)]
    theirs = Notification.objects.create(recipient=other_customer, title="Not yours")
    return mine, theirs


def test_notifications_list_and_mark_read(api, customer, inbox):
    mine, theirs = inbox
    client = api(customer)
    body = client.get(V1 + "notifications/").json()
    assert [row["title"] for row in body["results"]] == ["Note 2", "Note 1", "Note 0"]
    response = client.post(f"{V1}notifications/{mine[0].pk}/read/")
    assert response.status_code == 200 and response.json()["is_read"] is True
    assert len(client.get(V1 + "notifications/", {"unread": "true"}).json()["results"]) == 2
    assert client.post(V1 + "notifications/read-all/").json() == {"marked_read": 2}
    assert client.get(V1 + "me/").json()["unread_notifications"] == 0


def test_another_persons_notification_does_not_exist(api, customer, inbox):
    _, theirs = inbox
    assert api(customer).post(f"{V1}notifications/{theirs.pk}/read/").status_code == 404
    assert api(customer).post(f"{V1}notifications/abc/read/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert api().get(V1 + "notifications/").status_code == 401


# --- people (staff only) ------------------------------------------------------------------------


def test_people_listing_is_for_staff(api, customer, agent, lead, outsider_agent, department):
    assert api(customer).get(V1 + "users/").status_code == 403
    assert api().get(V1 + "users/").status_code == 401
    names = {row["id"] for row in api(agent).get(V1 + "users/").json()["results"]}
    assert {agent.pk, lead.pk} <= names and outsider_agent.pk not in names and customer.pk not in names
    everyone = {row["id"] for row in api(lead).get(V1 + "users/").json()["results"]}
    assert outsider_agent.pk in everyone
    task_people = {row["id"] for row in api(agent).get(V1 + "users/", {"for": "tasks"}).json()["results"]}
    assert {agent.pk, lead.pk, outsider_agent.pk} <= task_people and customer.pk not in task_people
    only = {row["id"] for row in api(lead).get(V1 + "users/", {"department": department.pk}).json()["results"]}
    assert outsider_agent.pk not in only
    assert api(lead).get(V1 + "users/", {"department": "x"}).status_code == 400


# --- orders -------------------------------------------------------------------------------------


def test_my_orders(api, customer, other_customer, agent):
    mine = create_order(user=customer)
    theirs = create_order(user=other_customer)
    body = api(customer).get(V1 + "orders/").json()
    assert [row["number"] for row in body["results"]] == [str(mine.number)]
    assert body["results"][0]["line_count"] == 1
    assert api(customer).get(f"{V1}orders/{mine.number}/").status_code == 200
    assert api(customer).get(f"{V1}orders/{theirs.number}/").status_code == 404
    assert api(agent).get(V1 + "orders/").json()["results"] == []
    assert api().get(V1 + "orders/").status_code == 401


def test_ticket_about_my_order(api, customer, support_category):
    order = create_order(user=customer)
    response = api(customer).post(
        V1 + "tickets/", {"title": "Late", "description": "d", "category": support_category.pk, "order": order.number}
    )
    assert response.status_code == 201 and response.json()["order"] == str(order.number)


# --- departments and categories -----------------------------------------------------------------


def test_departments_and_categories_read_only(api, customer, support_category, other_category):
    retired = make_support_category("Old", department=other_category.department)
    retired.is_active = False
    retired.save()
    client = api(customer)
    assert {d["name"] for d in client.get(V1 + "departments/").json()} == {"Orders", "Billing"}
    categories = client.get(V1 + "categories/").json()
    assert {c["name"] for c in categories} == {"Delivery", "Invoices"}
    assert client.get(f"{V1}categories/{support_category.pk}/").json()["department"]["name"] == "Orders"
    assert client.get(f"{V1}categories/{retired.pk}/").status_code == 404
    assert client.post(V1 + "categories/", {"name": "x"}).status_code == 405
    assert client.delete(f"{V1}departments/{support_category.department_id}/").status_code == 405
    assert api().get(V1 + "categories/").status_code == 401
