"""A ticket's files and checklist over the API."""

import pytest

from support.models import ChecklistItem, TicketAttachment
from support.services import checklist_item_add, ticket_reply
from tests.factories import html_pretending_to_be_png, png_upload

from .test_tickets import url


@pytest.fixture
def note_with_file(ticket, agent):
    return ticket_reply(ticket=ticket, author=agent, body="Label photo", is_internal=True, uploads=[png_upload("label.png")])


# --- attachments --------------------------------------------------------------------------------


def test_customer_uploads_and_downloads_a_file(api, customer, ticket):
    response = api(customer).post(url(ticket, "attachments/"), {"files": [png_upload()]}, format="multipart")
    assert response.status_code == 201, response.content
    [attachment] = response.json()
    assert attachment["name"] == "screenshot.png" and attachment["content_type"] == "image/png"
    download = api(customer).get(attachment["download_url"])
    assert download.status_code == 200
    assert download["Content-Type"] == "image/png"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content).startswith(b"\x89PNG")


def test_upload_runs_the_same_checks(api, customer, ticket):
    response = api(customer).post(url(ticket, "attachments/"), {"files": [html_pretending_to_be_png()]}, format="multipart")
    assert response.status_code == 400
    assert "files" in response.json()
    assert api(customer).post(url(ticket, "attachments/"), {}, format="multipart").status_code == 400
    too_many = [png_upload(f"{n}.png") for n in range(6)]
    response = api(customer).post(url(ticket, "attachments/"), {"files": too_many}, format="multipart")
    assert response.status_code == 400 and "at most 5" in str(response.json())
    assert not TicketAttachment.objects.exists()


def test_reply_with_a_file(api, customer, ticket):
    response = api(customer).post(url(ticket, "reply/"), {"body": "photo", "files": [png_upload()]}, format="multipart")
    assert response.status_code == 201
    assert [a["name"] for a in response.json()["attachments"]] == ["screenshot.png"]


@pytest.mark.parametrize("role", ["other_customer", "outsider_agent"])
def test_outsiders_can_neither_list_upload_nor_download(api, request, ticket, note_with_file, role):
    client = api(request.getfixturevalue(role))
    attachment = TicketAttachment.objects.get()
    assert client.get(url(ticket, "attachments/")).status_code == 404
    assert client.post(url(ticket, "attachments/"), {"files": [png_upload()]}, format="multipart").status_code == 404
    assert client.get(url(ticket, f"attachments/{attachment.pk}/")).status_code == 404


def test_an_internal_notes_file_is_hidden_from_the_customer(api, customer, agent, lead, ticket, note_with_file):
    attachment = TicketAttachment.objects.get()
    assert api(customer).get(url(ticket, "attachments/")).json() == []
    assert api(customer).get(url(ticket, f"attachments/{attachment.pk}/")).status_code == 404
    assert [a["id"] for a in api(agent).get(url(ticket, "attachments/")).json()] == [attachment.pk]
    assert api(lead).get(url(ticket, f"attachments/{attachment.pk}/")).status_code == 200


def test_anonymous_download_is_401(api, ticket, note_with_file):
    attachment = TicketAttachment.objects.get()
    assert api().get(url(ticket, f"attachments/{attachment.pk}/")).status_code == 401


def test_unknown_attachment_is_404(api, agent, ticket):
    assert api(agent).get(url(ticket, "attachments/424242/")).status_code == 404


# --- checklist ----------------------------------------------------------------------------------


def test_agent_works_the_checklist(api, agent, ticket):
    client = api(agent)
    response = client.post(url(ticket, "checklist/"), {"text": "Call the courier"})
    assert response.status_code == 201
    item_id = response.json()["id"]
    assert [i["text"] for i in client.get(url(ticket, "checklist/")).json()] == ["Call the courier"]
    response = client.patch(url(ticket, f"checklist/{item_id}/"), {"is_done": True})
    assert response.status_code == 200
    assert response.json()["is_done"] is True and response.json()["done_by"]["id"] == agent.pk
    assert client.delete(url(ticket, f"checklist/{item_id}/")).status_code == 204
    assert not ChecklistItem.objects.exists()


def test_checklist_errors(api, agent, ticket):
    client = api(agent)
    assert client.post(url(ticket, "checklist/"), {"text": ""}).status_code == 400
    assert client.patch(url(ticket, "checklist/999/"), {"is_done": True}).status_code == 404
    item = checklist_item_add(ticket=ticket, actor=agent, text="x")
    assert client.patch(url(ticket, f"checklist/{item.pk}/"), {}).status_code == 400


@pytest.mark.parametrize("role, expected", [("customer", 403), ("other_customer", 404), ("outsider_agent", 404)])
def test_checklist_is_for_the_desk(api, request, agent, ticket, role, expected):
    item = checklist_item_add(ticket=ticket, actor=agent, text="Internal step")
    client = api(request.getfixturevalue(role))
    assert client.get(url(ticket, "checklist/")).status_code == expected
    assert client.post(url(ticket, "checklist/"), {"text": "x"}).status_code == expected
    assert client.patch(url(ticket, f"checklist/{item.pk}/"), {"is_done": True}).status_code == expected
    assert client.delete(url(ticket, f"checklist/{item.pk}/")).status_code == expected
    assert ChecklistItem.objects.filter(is_done=False).count() == 1


def test_checklist_anonymous_401(api, ticket):
    assert api().get(url(ticket, "checklist/")).status_code == 401


def test_no_files_on_a_closed_ticket(api, agent, customer, ticket):
    api(agent).post(url(ticket, "transition/"), {"status": "closed"})
    response = api(customer).post(url(ticket, "attachments/"), {"files": [png_upload()]}, format="multipart")
    assert response.status_code == 400
    assert "closed" in response.json()["non_field_errors"][0]
