"""Rating: the requester, once, a resolved or closed ticket, 1 to 5."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from portal.models import Notification
from support.models import Status, Ticket, TicketEvent
from support.services import ticket_assign, ticket_rate, ticket_transition

pytestmark = pytest.mark.django_db


@pytest.fixture
def resolved(ticket, agent):
    ticket_assign(ticket=ticket, actor=agent, assignee=agent)
    ticket_transition(ticket=ticket, actor=agent, to_status=Status.RESOLVED, resolution_summary="Replaced.")
    Notification.objects.all().delete()
    return ticket


class TicketRateTests:
    def test_the_requester_rates_a_resolved_ticket(self, resolved, customer, agent, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            ticket_rate(ticket=resolved, user=customer, rating=4, comment="  Quick, thanks. ")

        fresh = Ticket.objects.get(pk=resolved.pk)
        assert (fresh.rating, fresh.rating_comment) == (4, "Quick, thanks.")
        assert fresh.rated_at is not None
        assert resolved.events.filter(kind=TicketEvent.Kind.RATED, new_value="4/5").exists()
        # The assignee sees it in the portal, without an email.
        assert list(Notification.objects.values_list("recipient", flat=True)) == [agent.pk]
        assert mail.outbox == []

    def test_a_closed_ticket_may_be_rated(self, resolved, customer, agent):
        ticket_transition(ticket=resolved, actor=agent, to_status=Status.CLOSED)
        ticket_rate(ticket=resolved, user=customer, rating=5)
        assert Ticket.objects.get(pk=resolved.pk).rating == 5

    def test_only_once(self, resolved, customer):
        ticket_rate(ticket=resolved, user=customer, rating=2)

        with pytest.raises(ValidationError) as error:
            ticket_rate(ticket=resolved, user=customer, rating=5)
        assert error.value.code == "rated"
        assert Ticket.objects.get(pk=resolved.pk).rating == 2

    @pytest.mark.parametrize("status", [Status.OPEN, Status.IN_PROGRESS, Status.WAITING])
    def test_not_before_it_is_resolved(self, ticket, customer, agent, status):
        if status != Status.OPEN:
            ticket_transition(ticket=ticket, actor=agent, to_status=status)

        with pytest.raises(ValidationError) as error:
            ticket_rate(ticket=ticket, user=customer, rating=5)
        assert error.value.code == "not_resolved"

    @pytest.mark.parametrize("rating", [0, 6, -1, "five", None, "3.5"])
    def test_only_one_to_five(self, resolved, customer, rating):
        with pytest.raises(ValidationError) as error:
            ticket_rate(ticket=resolved, user=customer, rating=rating)
        assert "rating" in error.value.message_dict
        assert Ticket.objects.get(pk=resolved.pk).rating is None

    def test_a_rating_given_as_text_is_accepted(self, resolved, customer):
        ticket_rate(ticket=resolved, user=customer, rating="3")
        assert Ticket.objects.get(pk=resolved.pk).rating == 3

    def test_a_long_comment_is_refused(self, resolved, customer):
        with pytest.raises(ValidationError):
            ticket_rate(ticket=resolved, user=customer, rating=3, comment="x" * 2001)

    @pytest.mark.parametrize("person", ["agent", "lead", "other_customer"])
    def test_only_the_requester_may_rate(self, request, resolved, person):
        with pytest.raises(PermissionDenied):
            ticket_rate(ticket=resolved, user=request.getfixturevalue(person), rating=5)
