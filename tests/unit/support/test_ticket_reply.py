"""Replies and internal notes: who may write them, what they change and who is told."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from portal.models import Notification
from support.models import Status, Ticket, TicketAttachment
from support.services import ticket_reply, ticket_transition
from tests.factories import html_pretending_to_be_png, png_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiet_ticket(ticket):
    """The ticket with its "new ticket" notifications cleared."""
    Notification.objects.all().delete()
    return ticket


def notified():
    return set(Notification.objects.values_list("recipient__email", flat=True))


def mailed():
    return {address for message in mail.outbox for address in message.to}


def mail_text():
    return "\n".join(f"{m.subject}\n{m.body}" for m in mail.outbox)


class PublicReplyTests:
    def test_an_agent_s_reply_tells_the_requester(self, quiet_ticket, agent, customer, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            ticket_reply(ticket=quiet_ticket, author=agent, body="It is on its way.")

        assert notified() == {customer.email}
        assert mailed() == {customer.email}
        assert "It is on its way." in mail_text()

    def test_the_first_agent_reply_stops_the_first_response_clock(self, quiet_ticket, agent, customer):
        ticket_reply(ticket=quiet_ticket, author=customer, body="Any news?")
        assert Ticket.objects.get(pk=quiet_ticket.pk).first_responded_at is None

        first = ticket_reply(ticket=quiet_ticket, author=agent, body="Looking into it.")
        ticket_reply(ticket=quiet_ticket, author=agent, body="Found it.")

        assert Ticket.objects.get(pk=quiet_ticket.pk).first_responded_at == first.created_at

    def test_the_customer_s_reply_tells_the_department_when_nobody_is_assigned(
        self, quiet_ticket, agent, lead, customer, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            ticket_reply(ticket=quiet_ticket, author=customer, body="Still nothing.")

        assert notified() == {agent.email, lead.email}
        assert customer.email not in mailed()

    def test_the_customer_s_reply_tells_only_the_assignee_once_assigned(
        self, quiet_ticket, agent, customer, django_capture_on_commit_callbacks
    ):
        Ticket.objects.filter(pk=quiet_ticket.pk).update(assignee=agent)
        quiet_ticket.refresh_from_db()

        with django_capture_on_commit_callbacks(execute=True):
            ticket_reply(ticket=quiet_ticket, author=customer, body="Still nothing.")

        assert notified() == {agent.email}
        assert mailed() == {agent.email}

    @pytest.mark.parametrize("status", [Status.WAITING, Status.RESOLVED])
    def test_the_customer_answering_hands_the_ticket_back_to_the_desk(self, quiet_ticket, agent, customer, status):
        ticket_transition(ticket=quiet_ticket, actor=agent, to_status=status, resolution_summary="Sent again.")

        ticket_reply(ticket=quiet_ticket, author=customer, body="Not here yet.")

        assert Ticket.objects.get(pk=quiet_ticket.pk).status == Status.OPEN

    @pytest.mark.parametrize(("status", "title_end"), [(Status.WAITING, "My parcel has not arrived"), (Status.RESOLVED, "and reopened it")])
    def test_an_answer_that_reopens_sends_one_notification_not_two(
        self, quiet_ticket, agent, lead, customer, status, title_end, django_capture_on_commit_callbacks
    ):
        ticket_transition(ticket=quiet_ticket, actor=agent, to_status=status, resolution_summary="Sent again.")
        Notification.objects.all().delete()

        with django_capture_on_commit_callbacks(execute=True):
            ticket_reply(ticket=quiet_ticket, author=customer, body="Not here yet.")

        titles = sorted(Notification.objects.values_list("recipient__email", "title"))
        assert [email for email, _ in titles] == sorted([agent.email, lead.email])
        assert all("The customer replied" in title and title.endswith(title_end) for _, title in titles)
        assert sorted(address for m in mail.outbox for address in m.to) == sorted([agent.email, lead.email])

    def test_nobody_may_reply_to_a_closed_ticket(self, quiet_ticket, agent, customer):
        ticket_transition(ticket=quiet_ticket, actor=agent, to_status=Status.CLOSED)

        for author in (customer, agent):
            with pytest.raises(ValidationError):
                ticket_reply(ticket=quiet_ticket, author=author, body="Hello?")

    @pytest.mark.parametrize("person", ["other_customer", "outsider_agent", "editor"])
    def test_someone_unrelated_may_not_reply(self, request, quiet_ticket, person):
        with pytest.raises(PermissionDenied):
            ticket_reply(ticket=quiet_ticket, author=request.getfixturevalue(person), body="Hi")

    def test_a_blank_reply_is_refused(self, quiet_ticket, customer):
        with pytest.raises(ValidationError):
            ticket_reply(ticket=quiet_ticket, author=customer, body="  \n ")

    def test_attachments_hang_off_the_message(self, quiet_ticket, customer):
        message = ticket_reply(ticket=quiet_ticket, author=customer, body="Photo attached", uploads=[png_upload()])

        assert list(TicketAttachment.objects.values_list("message", flat=True)) == [message.pk]

    def test_a_bad_attachment_refuses_the_whole_reply(self, quiet_ticket, customer):
        with pytest.raises(ValidationError):
            ticket_reply(ticket=quiet_ticket, author=customer, body="See file", uploads=[html_pretending_to_be_png()])

        assert not quiet_ticket.messages.exists()


class InternalNoteTests:
    def test_an_internal_note_never_reaches_the_requester(
        self, quiet_ticket, agent, lead, customer, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            note = ticket_reply(ticket=quiet_ticket, author=agent, body="Courier says lost. SECRET-42", is_internal=True)

        assert note.is_internal
        assert not Notification.objects.filter(recipient=customer).exists()
        assert customer.email not in mailed()
        assert notified() == {lead.email}  # the department minus the author
        assert "SECRET-42" not in "".join(Notification.objects.filter(recipient=customer).values_list("body", flat=True))

    def test_an_internal_note_tells_the_assignee_when_someone_else_writes_it(
        self, quiet_ticket, agent, lead, customer, django_capture_on_commit_callbacks
    ):
        Ticket.objects.filter(pk=quiet_ticket.pk).update(assignee=agent)
        quiet_ticket.refresh_from_db()

        with django_capture_on_commit_callbacks(execute=True):
            ticket_reply(ticket=quiet_ticket, author=lead, body="Refund it.", is_internal=True)

        assert notified() == {agent.email}
        assert mailed() == {agent.email}

    def test_an_internal_note_does_not_count_as_a_first_response(self, quiet_ticket, agent):
        ticket_reply(ticket=quiet_ticket, author=agent, body="Checking the courier.", is_internal=True)

        assert Ticket.objects.get(pk=quiet_ticket.pk).first_responded_at is None

    def test_a_watching_requester_still_gets_no_internal_note(
        self, quiet_ticket, agent, customer, django_capture_on_commit_callbacks
    ):
        quiet_ticket.watchers.add(customer)

        with django_capture_on_commit_callbacks(execute=True):
            ticket_reply(ticket=quiet_ticket, author=agent, body="Between us.", is_internal=True)

        assert not Notification.objects.filter(recipient=customer).exists()
        assert customer.email not in mailed()

    def test_the_customer_may_not_write_internal_notes(self, quiet_ticket, customer):
        with pytest.raises(PermissionDenied):
            ticket_reply(ticket=quiet_ticket, author=customer, body="Psst", is_internal=True)
