"""The one download view for ticket files, used by customers and agents alike."""

import pytest

from support import services
from tests.factories import make_ticket, png_upload

pytestmark = pytest.mark.django_db


def _url(ticket, attachment_id):
    return f"/support/tickets/{ticket.reference}/attachments/{attachment_id}/"


@pytest.fixture
def ticket_with_file(customer, support_category):
    return make_ticket(customer, category=support_category, uploads=[png_upload("my photo.png")])


def _content(response):
    return b"".join(response.streaming_content)


class AttachmentDownloadTests:
    def test_requester_downloads_with_safe_headers(self, client, customer, ticket_with_file):
        attachment = ticket_with_file.attachments.get()
        client.force_login(customer)
        response = client.get(_url(ticket_with_file, attachment.pk))
        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"
        assert response["Content-Disposition"].startswith("attachment;")
        assert 'filename="my photo.png"' in response["Content-Disposition"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
        assert _content(response).startswith(b"\x89PNG")

    def test_agent_of_the_department_downloads(self, client, agent, ticket_with_file):
        client.force_login(agent)
        assert client.get(_url(ticket_with_file, ticket_with_file.attachments.get().pk)).status_code == 200

    def test_agent_downloads_internal_note_files(self, client, agent, ticket_with_file):
        note = services.ticket_reply(ticket=ticket_with_file, author=agent, body="Note", is_internal=True, uploads=[png_upload("x.png")])
        client.force_login(agent)
        assert client.get(_url(ticket_with_file, note.attachments.get().pk)).status_code == 200

    def test_public_reply_files_reach_the_customer(self, client, customer, agent, ticket_with_file):
        reply = services.ticket_reply(ticket=ticket_with_file, author=agent, body="Label", uploads=[png_upload("label.png")])
        client.force_login(customer)
        response = client.get(_url(ticket_with_file, reply.attachments.get().pk))
        assert response.status_code == 200 and 'filename="label.png"' in response["Content-Disposition"]

    def test_internal_note_files_are_404_for_the_customer(self, client, customer, agent, ticket_with_file):
        note = services.ticket_reply(ticket=ticket_with_file, author=agent, body="Note", is_internal=True, uploads=[png_upload("x.png")])
        client.force_login(customer)
        assert client.get(_url(ticket_with_file, note.attachments.get().pk)).status_code == 404

    def test_other_customer_gets_404(self, client, other_customer, ticket_with_file):
        client.force_login(other_customer)
        assert client.get(_url(ticket_with_file, ticket_with_file.attachments.get().pk)).status_code == 404

    def test_agent_of_another_department_gets_404(self, client, outsider_agent, ticket_with_file):
        client.force_login(outsider_agent)
        assert client.get(_url(ticket_with_file, ticket_with_file.attachments.get().pk)).status_code == 404

    def test_file_of_another_ticket_under_my_reference_is_404(self, client, customer, other_customer, support_category, ticket_with_file):
        theirs = make_ticket(other_customer, category=support_category, uploads=[png_upload("theirs.png")])
        client.force_login(customer)
        assert client.get(_url(ticket_with_file, theirs.attachments.get().pk)).status_code == 404

    def test_unknown_file_or_reference_is_404(self, client, customer, ticket_with_file):
        client.force_login(customer)
        assert client.get(_url(ticket_with_file, 999999)).status_code == 404
        assert client.get(f"/support/tickets/nonsense/attachments/{ticket_with_file.attachments.get().pk}/").status_code == 404

    def test_post_is_405(self, client, customer, ticket_with_file):
        client.force_login(customer)
        assert client.post(_url(ticket_with_file, ticket_with_file.attachments.get().pk)).status_code == 405
