"""Who may reach a customer's ticket pages: the requester only; everyone else finds nothing."""

import pytest

from support import services
from support.models import Status, TicketMessage

pytestmark = pytest.mark.django_db


def _url(ticket, action=""):
    return f"/support/tickets/{ticket.reference}/{action + '/' if action else ''}"


def _attachment_url(ticket, attachment):
    return f"/support/tickets/{ticket.reference}/attachments/{attachment.pk}/"


class AnonymousTests:
    @pytest.mark.parametrize("path", ["", "reply", "reopen", "rate"])
    def test_anonymous_is_sent_to_login(self, client, ticket, path):
        response = client.post(_url(ticket, path)) if path else client.get(_url(ticket))
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")

    def test_anonymous_attachment_is_sent_to_login(self, client, customer, support_category):
        from tests.factories import make_ticket, png_upload

        ticket = make_ticket(customer, category=support_category, uploads=[png_upload()])
        response = client.get(_attachment_url(ticket, ticket.attachments.get()))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


class OtherCustomerTests:
    def test_ticket_page_is_404(self, client, other_customer, ticket):
        client.force_login(other_customer)
        assert client.get(_url(ticket)).status_code == 404

    def test_reply_is_404_and_writes_nothing(self, client, other_customer, ticket):
        client.force_login(other_customer)
        assert client.post(_url(ticket, "reply"), {"message": "Let me in"}).status_code == 404
        assert not TicketMessage.objects.exists()

    def test_reopen_is_404(self, client, other_customer, agent, ticket):
        services.ticket_transition(ticket=ticket, actor=agent, to_status=Status.RESOLVED, resolution_summary="Done")
        client.force_login(other_customer)
        assert client.post(_url(ticket, "reopen")).status_code == 404
        ticket.refresh_from_db()
        assert ticket.status == Status.RESOLVED

    def test_rate_is_404(self, client, other_customer, agent, ticket):
        services.ticket_transition(ticket=ticket, actor=agent, to_status=Status.RESOLVED, resolution_summary="Done")
        client.force_login(other_customer)
        assert client.post(_url(ticket, "rate"), {"rating": "1"}).status_code == 404
        ticket.refresh_from_db()
        assert ticket.rating is None

    def test_not_in_their_list(self, client, other_customer, ticket):
        client.force_login(other_customer)
        assert ticket.reference not in client.get("/support/tickets/").content.decode()

    def test_agent_is_not_the_requester_on_the_customer_pages(self, client, agent, ticket):
        # Agents work tickets in the admin; the customer pages are for the requester only.
        client.force_login(agent)
        assert client.get(_url(ticket)).status_code == 404


class MethodTests:
    @pytest.mark.parametrize("path", ["reply", "reopen", "rate"])
    def test_get_on_post_only_views_is_405(self, client, customer, ticket, path):
        client.force_login(customer)
        assert client.get(_url(ticket, path)).status_code == 405

    def test_post_on_the_detail_page_is_405(self, client, customer, ticket):
        client.force_login(customer)
        assert client.post(_url(ticket)).status_code == 405

    def test_csrf_is_enforced(self, customer, ticket):
        from django.test import Client

        client = Client(enforce_csrf_checks=True)
        client.force_login(customer)
        assert client.post(_url(ticket, "reply"), {"message": "Hi"}).status_code == 403
        assert not TicketMessage.objects.exists()
