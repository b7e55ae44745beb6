"""The customer's ticket pages: listing, opening a ticket, and who may see what."""

import re
import uuid

import pytest
from django.core import mail
from django.test import override_settings
from oscar.test.factories import create_order

from support.models import Priority, Status, Ticket, TicketAttachment
from tests.factories import html_pretending_to_be_png, make_ticket, png_upload

pytestmark = pytest.mark.django_db

NEW_URL = "/support/tickets/new/"
LIST_URL = "/support/tickets/"


def _form_data(topic, **extra):
    data = {
        "submission_token": str(uuid.uuid4()),
        "title": "Wrong size delivered",
        "description": "I ordered a medium and got a small.",
        "category": topic.pk,
        "priority": Priority.MEDIUM,
        "order": "",
    }
    data.update(extra)
    return data


class TicketListTests:
    def test_anonymous_is_sent_to_login(self, client):
        response = client.get(LIST_URL)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")

    def test_lists_only_my_tickets_with_reference_title_status(self, client, customer, other_customer, support_category):
        mine = make_ticket(customer, category=support_category, title="My own question")
        make_ticket(other_customer, category=support_category, title="Somebody else's question")
        client.force_login(customer)
        html = client.get(LIST_URL).content.decode()
        assert mine.reference in html and "My own question" in html and "Open" in html
        assert "Somebody else" not in html

    def test_open_and_closed_tabs(self, client, customer, support_category):
        open_ticket = make_ticket(customer, category=support_category, title="Still broken")
        make_ticket(customer, category=support_category, title="Long solved", status=Status.CLOSED)
        client.force_login(customer)
        open_html = client.get(LIST_URL + "?state=open").content.decode()
        closed_html = client.get(LIST_URL + "?state=closed").content.decode()
        assert "Still broken" in open_html and "Long solved" not in open_html
        assert "Long solved" in closed_html and "Still broken" not in closed_html
        assert open_ticket.reference in client.get(LIST_URL + "?state=bogus").content.decode()

    def test_paginated(self, client, customer, support_category):
        for n in range(25):
            make_ticket(customer, category=support_category, title=f"Question {n:02d}")
        client.force_login(customer)
        first = client.get(LIST_URL)
        assert len(first.context["page_obj"].object_list) == 20
        assert "Page 1 of 2" in first.content.decode()
        assert len(client.get(LIST_URL + "?page=2").context["page_obj"].object_list) == 5

    @pytest.mark.parametrize("state", ["", "open"])
    def test_query_count_does_not_grow_with_tickets(self, client, customer, support_category, django_assert_num_queries, state):
        make_ticket(customer, category=support_category, title="The first one")
        client.force_login(customer)
        url = f"{LIST_URL}?state={state}"
        client.get(url)  # warm up: session, content types, permission caches
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as one:
            client.get(url)
        for n in range(49):
            make_ticket(customer, category=support_category, title=f"Another {n}")
        with django_assert_num_queries(len(one.captured_queries)):
            response = client.get(url)
        assert len(response.context["page_obj"].object_list) == 20
        with django_assert_num_queries(len(one.captured_queries)):
            client.get(url + "&page=3")

    def test_post_is_not_allowed(self, client, customer):
        client.force_login(customer)
        assert client.post(LIST_URL).status_code == 405


class TicketCreateTests:
    def test_anonymous_is_sent_to_login(self, client):
        response = client.get(NEW_URL)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]

    def test_form_offers_active_categories_and_no_urgent(self, client, customer, support_category, other_category):
        other_category.is_active = False
        other_category.save()
        client.force_login(customer)
        form = client.get(NEW_URL).context["form"]
        assert list(form.fields["category"].queryset) == [support_category]
        assert Priority.URGENT not in [value for value, _ in form.fields["priority"].choices]
        assert 'type="file"' in client.get(NEW_URL).content.decode()
        assert "multiple" in str(form["attachments"])

    @override_settings(SUPPORT_CUSTOMERS_MAY_CHOOSE_URGENT=True)
    def test_urgent_offered_when_settings_allow(self, client, customer, support_category):
        client.force_login(customer)
        response = client.post(NEW_URL, _form_data(support_category, priority=Priority.URGENT))
        assert response.status_code == 302
        assert Ticket.objects.get().priority == Priority.URGENT

    def test_urgent_refused_for_customers(self, client, customer, support_category):
        client.force_login(customer)
        response = client.post(NEW_URL, _form_data(support_category, priority=Priority.URGENT))
        assert response.status_code == 400
        assert "Urgent is kept for the support team" in response.content.decode()
        assert not Ticket.objects.exists()

    def test_creates_ticket_with_attachments_and_notifies_the_desk(
        self, client, customer, agent, support_category, django_capture_on_commit_callbacks
    ):
        client.force_login(customer)
        data = _form_data(support_category, attachments=[png_upload("one.png"), png_upload("two.png")])
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(NEW_URL, data)
        ticket = Ticket.objects.get()
        assert response.status_code == 302 and response["Location"] == f"/support/tickets/{ticket.reference}/"
        assert ticket.requester == customer and ticket.title == "Wrong size delivered"
        assert ticket.department == support_category.department
        assert sorted(a.original_name for a in ticket.attachments.all()) == ["one.png", "two.png"]
        assert any(agent.email in message.to for message in mail.outbox)
        assert agent.portal_notifications.filter(title__contains=ticket.reference).exists()
        follow = client.get(response["Location"])
        assert f"Your ticket {ticket.reference} is open" in follow.content.decode()

    def test_rejected_file_keeps_the_rest_of_the_form(self, client, customer, support_category):
        client.force_login(customer)
        data = _form_data(support_category, attachments=[png_upload("fine.png"), html_pretending_to_be_png("evil.png")])
        response = client.post(NEW_URL, data)
        assert response.status_code == 400
        html = response.content.decode()
        assert "evil.png" in html and "not a type we accept" in html
        assert 'value="Wrong size delivered"' in html
        assert "I ordered a medium and got a small." in html
        assert re.search(rf'<option value="{support_category.pk}" selected>', html)
        assert "choose your files again" in html
        assert not Ticket.objects.exists() and not TicketAttachment.objects.exists()

    def test_same_token_can_be_sent_again_after_a_rejected_file(self, client, customer, support_category):
        client.force_login(customer)
        data = _form_data(support_category, attachments=[html_pretending_to_be_png()])
        assert client.post(NEW_URL, data).status_code == 400
        data["attachments"] = [png_upload()]
        assert client.post(NEW_URL, data).status_code == 302
        assert Ticket.objects.count() == 1

    @override_settings(ATTACHMENT_MAX_BYTES=100)
    def test_oversized_file_is_explained(self, client, customer, support_category):
        client.force_login(customer)
        response = client.post(NEW_URL, _form_data(support_category, attachments=[png_upload(size=(64, 64))]))
        assert response.status_code == 400
        assert "files may be at most 100" in response.content.decode()
        assert not Ticket.objects.exists()

    def test_too_many_files_are_refused(self, client, customer, support_category, settings):
        client.force_login(customer)
        files = [png_upload(f"f{n}.png") for n in range(settings.SUPPORT_MAX_ATTACHMENTS_PER_MESSAGE + 1)]
        response = client.post(NEW_URL, _form_data(support_category, attachments=files))
        assert response.status_code == 400 and "Attach at most" in response.content.decode()

    def test_empty_and_oversized_fields_are_explained(self, client, customer, support_category):
        client.force_login(customer)
        response = client.post(NEW_URL, _form_data(support_category, title="", description="", category=""))
        html = response.content.decode()
        assert response.status_code == 400
        assert "Please enter a title." in html and "Please describe your problem." in html and "Please choose a topic." in html
        response = client.post(NEW_URL, _form_data(support_category, title="x" * 201))
        assert "at most 200 characters" in response.content.decode()
        response = client.post(NEW_URL, _form_data(support_category, title="   "))
        assert "Please enter a title." in response.content.decode()
        assert not Ticket.objects.exists()

    def test_double_submit_creates_one_ticket_and_redirects_to_it(self, client, customer, support_category):
        client.force_login(customer)
        data = _form_data(support_category)
        first = client.post(NEW_URL, data)
        second = client.post(NEW_URL, data)
        ticket = Ticket.objects.get()
        assert first["Location"] == second["Location"] == ticket.get_absolute_url()
        assert "was already sent" in client.get(second["Location"]).content.decode()

    def test_a_new_form_gets_a_new_token(self, client, customer, support_category):
        client.force_login(customer)
        token_one = client.get(NEW_URL).context["form"].initial["submission_token"]
        token_two = client.get(NEW_URL).context["form"].initial["submission_token"]
        assert token_one != token_two
        client.post(NEW_URL, _form_data(support_category, submission_token=str(token_one)))
        client.post(NEW_URL, _form_data(support_category, submission_token=str(token_two)))
        assert Ticket.objects.count() == 2

    def test_order_of_my_own_is_preselected_and_linked(self, client, customer, support_category):
        order = create_order(user=customer)
        client.force_login(customer)
        response = client.get(f"{NEW_URL}?order={order.number}")
        assert str(response.context["form"].initial["order"]) == str(order.number)
        assert re.search(rf'<option value="{order.number}" selected>', response.content.decode())
        client.post(NEW_URL, _form_data(support_category, order=order.number))
        assert Ticket.objects.get().order == order

    def test_someone_elses_order_is_ignored_and_refused(self, client, customer, other_customer, support_category):
        theirs = create_order(user=other_customer)
        client.force_login(customer)
        response = client.get(f"{NEW_URL}?order={theirs.number}")
        assert "order" not in response.context["form"].initial
        assert f'value="{theirs.number}"' not in response.content.decode()
        response = client.post(NEW_URL, _form_data(support_category, order=theirs.number))
        assert response.status_code == 400 and "That order is not one of yours." in response.content.decode()
        assert not Ticket.objects.exists()
