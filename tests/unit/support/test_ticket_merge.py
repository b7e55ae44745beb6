"""Merging a duplicate into another ticket."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from support.models import Status, Ticket, TicketEvent
from support.services import ticket_merge, ticket_reply, ticket_transition
from tests.factories import make_ticket, png_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def duplicate(customer, support_category, agent):
    duplicate = make_ticket(
        customer, category=support_category, title="Parcel again", description="Still no parcel.", uploads=[png_upload()]
    )
    ticket_reply(ticket=duplicate, author=customer, body="Any news?")
    ticket_reply(ticket=duplicate, author=agent, body="Checking with the courier.", is_internal=True)
    return duplicate


class TicketMergeTests:
    def test_the_conversation_moves_and_the_duplicate_closes_with_a_pointer(self, ticket, duplicate, agent):
        target = ticket_merge(source=duplicate, target=ticket, actor=agent)

        assert target.pk == ticket.pk
        duplicate = Ticket.objects.get(pk=duplicate.pk)
        assert duplicate.status == Status.CLOSED
        assert duplicate.merged_into_id == ticket.pk
        assert not duplicate.messages.exists()
        assert not duplicate.attachments.exists()

        bodies = list(ticket.messages.values_list("body", "is_internal"))
        assert ("Any news?", False) in bodies
        assert ("Checking with the courier.", True) in bodies  # still internal after the move
        pointer = ticket.messages.filter(body__startswith=duplicate.reference).get()
        assert "Still no parcel." in pointer.body and not pointer.is_internal
        assert ticket.attachments.count() == 1

    def test_both_tickets_record_it(self, ticket, duplicate, agent):
        ticket_merge(source=duplicate, target=ticket, actor=agent)

        for one in (ticket, duplicate):
            event = one.events.get(kind=TicketEvent.Kind.MERGED)
            assert (event.old_value, event.new_value, event.actor) == (duplicate.reference, ticket.reference, agent)
        closing = duplicate.events.get(kind=TicketEvent.Kind.STATUS)
        assert closing.note == f"Merged into {ticket.reference}"

    def test_watchers_follow(self, ticket, duplicate, agent, lead):
        duplicate.watchers.add(lead)
        ticket_merge(source=duplicate, target=ticket, actor=agent)
        assert list(ticket.watchers.all()) == [lead]

    def test_not_into_itself(self, ticket, agent):
        with pytest.raises(ValidationError):
            ticket_merge(source=ticket, target=ticket, actor=agent)

    def test_not_a_closed_duplicate_nor_into_a_closed_ticket(self, ticket, duplicate, agent):
        ticket_transition(ticket=duplicate, actor=agent, to_status=Status.CLOSED)
        with pytest.raises(ValidationError):
            ticket_merge(source=duplicate, target=ticket, actor=agent)
        with pytest.raises(ValidationError):
            ticket_merge(source=ticket, target=duplicate, actor=agent)

    def test_no_replies_to_a_merged_ticket(self, ticket, duplicate, agent, customer):
        ticket_merge(source=duplicate, target=ticket, actor=agent)
        with pytest.raises(ValidationError):
            ticket_reply(ticket=duplicate, author=customer, body="Hello?")

    def test_only_someone_who_works_both_tickets(self, ticket, duplicate, outsider_agent, customer, other_category, agent):
        elsewhere = make_ticket(customer, category=other_category)
        for actor, source, target in [(outsider_agent, duplicate, ticket), (customer, duplicate, ticket), (agent, elsewhere, ticket)]:
            with pytest.raises(PermissionDenied):
                ticket_merge(source=source, target=target, actor=actor)
        assert Ticket.objects.get(pk=duplicate.pk).merged_into is None
