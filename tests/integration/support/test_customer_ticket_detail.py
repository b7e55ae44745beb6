"""A customer's own ticket page: the public conversation, replying, reopening and rating."""

import pytest
from django.core import mail
from oscar.test.factories import create_order

from support import services
from support.models import Status, TicketMessage
from tests.factories import html_pretending_to_be_png, make_ticket, png_upload

pytestmark = pytest.mark.django_db


def _url(ticket, action=""):
    return f"/support/tickets/{ticket.reference}/{action + '/' if action else ''}"


def _resolve(ticket, agent, summary="We sent a replacement."):
    services.ticket_transition(ticket=ticket, actor=agent, to_status=Status.RESOLVED, resolution_summary=summary)
    ticket.refresh_from_db()
    return ticket


class TicketDetailTests:
    def test_shows_the_facts_and_the_description(self, client, customer, support_category):
        order = create_order(user=customer)
        ticket = make_ticket(customer, category=support_category, order=order, uploads=[png_upload("proof.png")])
        client.force_login(customer)
        html = client.get(_url(ticket)).content.decode()
        assert ticket.reference in html and ticket.title in html and ticket.description in html
        assert "Medium" in html and "Delivery" in html and "Open" in html
        assert f"/shop/accounts/orders/{order.number}/" in html
        attachment = ticket.attachments.get()
        assert f"/support/tickets/{ticket.reference}/attachments/{attachment.pk}/" in html and "proof.png" in html

    def test_reference_is_case_insensitive_and_unknown_is_404(self, client, customer, ticket):
        client.force_login(customer)
        assert client.get(f"/support/tickets/{ticket.reference.lower()}/").status_code == 200
        assert client.get("/support/tickets/T-999999/").status_code == 404
        assert client.get("/support/tickets/nonsense/").status_code == 404

    def test_internal_notes_never_appear(self, client, customer, agent, ticket):
        services.ticket_reply(ticket=ticket, author=agent, body="Public answer about the courier", is_internal=False)
        services.ticket_reply(
            ticket=ticket, author=agent, body="SECRET: customer seems to abuse refunds", is_internal=True,
            uploads=[png_upload("internal-evidence.png")],
        )
        client.force_login(customer)
        html = client.get(_url(ticket)).content.decode()
        assert "Public answer about the courier" in html
        assert "SECRET" not in html and "abuse refunds" not in html and "internal-evidence.png" not in html

    def test_query_count_does_not_grow_with_the_conversation(self, client, customer, agent, ticket, django_assert_num_queries):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        services.ticket_reply(ticket=ticket, author=agent, body="First answer", uploads=[png_upload()])
        client.force_login(customer)
        client.get(_url(ticket))
        with CaptureQueriesContext(connection) as small:
            client.get(_url(ticket))
        for n in range(20):
            services.ticket_reply(ticket=ticket, author=agent if n % 2 else customer, body=f"Message {n}", uploads=[png_upload()])
        with django_assert_num_queries(len(small.captured_queries)):
            client.get(_url(ticket))


class TicketReplyTests:
    def test_reply_with_attachment_reaches_the_desk(self, client, customer, agent, ticket, django_capture_on_commit_callbacks):
        client.force_login(customer)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(_url(ticket, "reply"), {"message": "Any news?", "attachments": [png_upload("label.png")]})
        assert response.status_code == 302 and response["Location"] == _url(ticket)
        message = TicketMessage.objects.get(ticket=ticket)
        assert message.body == "Any news?" and not message.is_internal and message.author == customer
        assert message.attachments.get().original_name == "label.png"
        assert any(agent.email in m.to and "customer replied" in m.subject for m in mail.outbox)
        html = client.get(response["Location"]).content.decode()
        assert "Your reply has been sent." in html and "Any news?" in html and "label.png" in html

    def test_empty_reply_is_explained(self, client, customer, ticket):
        client.force_login(customer)
        response = client.post(_url(ticket, "reply"), {"message": "  "})
        assert response.status_code == 400 and "Please write a message." in response.content.decode()
        assert not TicketMessage.objects.exists()

    def test_rejected_file_keeps_the_text(self, client, customer, ticket):
        client.force_login(customer)
        response = client.post(_url(ticket, "reply"), {"message": "See the file", "attachments": [html_pretending_to_be_png()]})
        html = response.content.decode()
        assert response.status_code == 400 and "not a type we accept" in html and "See the file" in html
        assert not TicketMessage.objects.exists()

    def test_reply_on_a_waiting_ticket_reopens_it(self, client, customer, agent, ticket):
        services.ticket_transition(ticket=ticket, actor=agent, to_status=Status.WAITING)
        client.force_login(customer)
        client.post(_url(ticket, "reply"), {"message": "Here is the photo you asked for."})
        ticket.refresh_from_db()
        assert ticket.status == Status.OPEN

    def test_closed_ticket_has_no_reply_form_and_refuses_replies(self, client, customer, ticket):
        services.ticket_transition(ticket=ticket, actor=None, to_status=Status.CLOSED)
        client.force_login(customer)
        html = client.get(_url(ticket)).content.decode()
        assert "This ticket is closed" in html and 'name="message"' not in html
        response = client.post(_url(ticket, "reply"), {"message": "Hello?"}, follow=True)
        assert "This ticket is closed. Please open a new ticket" in response.content.decode()
        assert not TicketMessage.objects.exists()


class TicketReopenTests:
    def test_resolved_ticket_shows_summary_and_can_be_reopened(self, client, customer, agent, ticket, django_capture_on_commit_callbacks):
        _resolve(ticket, agent)
        client.force_login(customer)
        html = client.get(_url(ticket)).content.decode()
        assert "We sent a replacement." in html and "Reopen ticket" in html
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(_url(ticket, "reopen"), follow=True)
        ticket.refresh_from_db()
        assert ticket.status == Status.OPEN
        assert "is open again" in response.content.decode()
        assert agent.portal_notifications.filter(title__contains="reopened").exists()

    def test_stale_reopen_is_a_message_not_an_error(self, client, customer, agent, ticket):
        _resolve(ticket, agent)
        client.force_login(customer)
        client.post(_url(ticket, "reopen"))
        response = client.post(_url(ticket, "reopen"), follow=True)
        assert response.status_code == 200
        assert "is already Open" in response.content.decode()

    def test_reopen_of_an_open_or_closed_ticket_is_refused_politely(self, client, customer, ticket):
        client.force_login(customer)
        response = client.post(_url(ticket, "reopen"), follow=True)
        assert response.status_code == 200 and "is already Open" in response.content.decode()
        services.ticket_transition(ticket=ticket, actor=None, to_status=Status.CLOSED)
        response = client.post(_url(ticket, "reopen"), follow=True)
        assert response.status_code == 200 and "cannot be moved" in response.content.decode()
        ticket.refresh_from_db()
        assert ticket.status == Status.CLOSED

    def test_no_reopen_button_unless_resolved(self, client, customer, ticket):
        client.force_login(customer)
        assert "Reopen ticket" not in client.get(_url(ticket)).content.decode()


class TicketRatingTests:
    def test_rating_form_only_once_resolved(self, client, customer, agent, ticket):
        client.force_login(customer)
        assert "Rate our help" not in client.get(_url(ticket)).content.decode()
        _resolve(ticket, agent)
        assert "Rate our help" in client.get(_url(ticket)).content.decode()

    def test_rate_a_resolved_ticket(self, client, customer, agent, ticket):
        _resolve(ticket, agent)
        client.force_login(customer)
        response = client.post(_url(ticket, "rate"), {"rating": "4", "comment": "Quick, thanks"}, follow=True)
        ticket.refresh_from_db()
        assert (ticket.rating, ticket.rating_comment) == (4, "Quick, thanks")
        html = response.content.decode()
        assert "Thank you for your rating." in html and "Rate our help" not in html and "4 out of 5" in html

    def test_rating_needs_a_value_from_1_to_5(self, client, customer, agent, ticket):
        _resolve(ticket, agent)
        client.force_login(customer)
        for value in ("", "0", "6", "x"):
            response = client.post(_url(ticket, "rate"), {"rating": value})
            assert response.status_code == 400 and "Choose a rating from 1 to 5." in response.content.decode()
        ticket.refresh_from_db()
        assert ticket.rating is None

    def test_rating_twice_or_too_early_is_a_message(self, client, customer, agent, ticket):
        client.force_login(customer)
        response = client.post(_url(ticket, "rate"), {"rating": "5"}, follow=True)
        assert "once it is resolved" in response.content.decode()
        _resolve(ticket, agent)
        client.post(_url(ticket, "rate"), {"rating": "5"})
        response = client.post(_url(ticket, "rate"), {"rating": "1"}, follow=True)
        assert "already rated" in response.content.decode()
        ticket.refresh_from_db()
        assert ticket.rating == 5


class MergedTicketTests:
    def test_merged_ticket_points_to_the_other(self, client, customer, agent, support_category):
        duplicate = make_ticket(customer, category=support_category, title="Duplicate")
        target = make_ticket(customer, category=support_category, title="Original")
        services.ticket_merge(source=duplicate, target=target, actor=agent)
        client.force_login(customer)
        html = client.get(_url(duplicate)).content.decode()
        assert f"merged into <a href=\"{target.get_absolute_url()}\">{target.reference}</a>" in html
        assert 'name="message"' not in html and "Rate our help" not in html


class OrderPageTests:
    def test_order_detail_links_to_a_new_ticket_about_it(self, client, customer):
        order = create_order(user=customer)
        client.force_login(customer)
        html = client.get(f"/shop/accounts/orders/{order.number}/").content.decode()
        assert "Get help with this order" in html
        assert f'href="/support/tickets/new/?order={order.number}"' in html

    def test_account_area_lists_support_and_notifications(self, client, customer):
        client.force_login(customer)
        html = client.get("/accounts/").content.decode()
        assert 'href="/support/tickets/"' in html and 'href="/accounts/notifications/"' in html
        html = client.get("/shop/accounts/orders/").content.decode()
        assert 'href="/support/tickets/"' in html and 'href="/accounts/notifications/"' in html
