"""The one guarded status transition: the table, who may make which move, and what each move records."""

from itertools import product

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from portal.models import Notification
from support.models import Status, TicketEvent
from support.services import REQUESTER_TRANSITIONS, TRANSITIONS, TicketTransitionError, ticket_transition
from tests.factories import make_ticket

pytestmark = pytest.mark.django_db

ALL_PAIRS = list(product(Status, Status))
AGENT_ALLOWED = [(current, target) for current, target in ALL_PAIRS if target in TRANSITIONS[current]]
AGENT_REFUSED = [(current, target) for current, target in ALL_PAIRS if target not in TRANSITIONS[current]]


def put_in(ticket, status):
    """Set up a ticket in ``status`` without going through the table (that is what is under test)."""
    now = timezone.now()
    ticket.status = status
    ticket.resolved_at = now if status in (Status.RESOLVED, Status.CLOSED) else None
    ticket.closed_at = now if status == Status.CLOSED else None
    ticket.sla_paused_at = now if status == Status.WAITING else None
    ticket.save(update_fields=["status", "resolved_at", "closed_at", "sla_paused_at"])
    return ticket


def ids(pairs):
    return [f"{current.value}->{target.value}" for current, target in pairs]


class TicketTransitionTests:
    @pytest.mark.parametrize(("current", "target"), AGENT_ALLOWED, ids=ids(AGENT_ALLOWED))
    def test_an_agent_makes_every_move_the_table_allows(self, ticket, agent, current, target):
        put_in(ticket, current)

        ticket_transition(ticket=ticket, actor=agent, to_status=target, resolution_summary="Sent a new parcel.")

        ticket.refresh_from_db()
        assert ticket.status == target
        event = ticket.events.filter(kind=TicketEvent.Kind.STATUS).get()
        assert (event.actor, event.old_value, event.new_value) == (agent, current.label, target.label)

    @pytest.mark.parametrize(("current", "target"), AGENT_REFUSED, ids=ids(AGENT_REFUSED))
    def test_an_agent_is_refused_every_move_the_table_does_not_allow(self, ticket, agent, current, target):
        put_in(ticket, current)

        with pytest.raises(TicketTransitionError) as error:
            ticket_transition(ticket=ticket, actor=agent, to_status=target, resolution_summary="Done.")

        assert error.value.code == ("same" if current == target else "not_allowed")
        ticket.refresh_from_db()
        assert ticket.status == current
        assert not ticket.events.filter(kind=TicketEvent.Kind.STATUS).exists()

    def test_the_table_keeps_closed_final(self):
        assert TRANSITIONS[Status.CLOSED] == set()
        assert set(TRANSITIONS) == set(Status)

    @pytest.mark.parametrize(("current", "target"), sorted(REQUESTER_TRANSITIONS), ids=ids(sorted(REQUESTER_TRANSITIONS)))
    def test_the_requester_may_reopen_and_answer(self, ticket, customer, current, target):
        put_in(ticket, current)

        ticket_transition(ticket=ticket, actor=customer, to_status=target)

        ticket.refresh_from_db()
        assert ticket.status == Status.OPEN
        assert ticket.resolved_at is None

    REQUESTER_REFUSED = [pair for pair in AGENT_ALLOWED if pair not in REQUESTER_TRANSITIONS]

    @pytest.mark.parametrize(("current", "target"), REQUESTER_REFUSED, ids=ids(REQUESTER_REFUSED))
    def test_the_requester_may_make_no_other_move(self, ticket, customer, current, target):
        put_in(ticket, current)

        with pytest.raises(TicketTransitionError) as error:
            ticket_transition(ticket=ticket, actor=customer, to_status=target, resolution_summary="Fixed it myself.")

        assert error.value.code == "forbidden"
        ticket.refresh_from_db()
        assert ticket.status == current

    @pytest.mark.parametrize("target", list(Status))
    @pytest.mark.parametrize("person", ["other_customer", "outsider_agent", "editor"])
    def test_someone_unrelated_is_refused_whatever_the_move(self, request, ticket, person, target):
        unrelated = request.getfixturevalue(person)

        with pytest.raises(PermissionDenied):
            ticket_transition(ticket=ticket, actor=unrelated, to_status=target, resolution_summary="x")

        ticket.refresh_from_db()
        assert ticket.status == Status.OPEN

    def test_a_support_lead_may_move_any_department_s_ticket(self, customer, lead, other_category):
        ticket = make_ticket(customer, category=other_category)
        ticket_transition(ticket=ticket, actor=lead, to_status=Status.IN_PROGRESS)
        assert ticket.status == Status.IN_PROGRESS

    @pytest.mark.parametrize("summary", ["", "   "])
    def test_resolving_requires_a_summary(self, ticket, agent, summary):
        with pytest.raises(TicketTransitionError) as error:
            ticket_transition(ticket=ticket, actor=agent, to_status=Status.RESOLVED, resolution_summary=summary)

        assert "resolution_summary" in error.value.message_dict
        ticket.refresh_from_db()
        assert (ticket.status, ticket.resolved_at) == (Status.OPEN, None)

    def test_resolving_keeps_the_summary_and_the_moment(self, ticket, agent):
        ticket_transition(ticket=ticket, actor=agent, to_status=Status.RESOLVED, resolution_summary="  Refunded.  ")

        ticket.refresh_from_db()
        assert ticket.resolution_summary == "Refunded."
        assert ticket.resolved_at is not None

    def test_closing_stamps_the_moment(self, ticket, agent):
        ticket_transition(ticket=ticket, actor=agent, to_status=Status.CLOSED)
        ticket.refresh_from_db()
        assert ticket.closed_at is not None

    def test_the_caller_s_object_follows_the_change(self, ticket, agent):
        ticket_transition(ticket=ticket, actor=agent, to_status=Status.WAITING)
        assert ticket.status == Status.WAITING
        assert ticket.sla_paused_at is not None

    def test_the_portal_itself_may_make_any_allowed_move(self, ticket):
        ticket_transition(ticket=ticket, actor=None, to_status=Status.CLOSED, note="Closed automatically")
        event = ticket.events.get(kind=TicketEvent.Kind.STATUS)
        assert (event.actor, event.note) == (None, "Closed automatically")


class StatusChangeNotificationTests:
    def test_an_agent_s_move_tells_the_requester(self, ticket, agent, customer, django_capture_on_commit_callbacks):
        Notification.objects.all().delete()

        with django_capture_on_commit_callbacks(execute=True):
            ticket_transition(ticket=ticket, actor=agent, to_status=Status.RESOLVED, resolution_summary="Re-sent it.")

        notification = Notification.objects.get()
        assert notification.recipient == customer
        assert "Resolved" in notification.title
        assert "Re-sent it." in notification.body
        assert [m.to for m in mail.outbox] == [[customer.email]]

    def test_the_customer_reopening_tells_the_desk_not_the_customer(
        self, ticket, agent, lead, customer, django_capture_on_commit_callbacks
    ):
        put_in(ticket, Status.RESOLVED)
        Notification.objects.all().delete()

        with django_capture_on_commit_callbacks(execute=True):
            ticket_transition(ticket=ticket, actor=customer, to_status=Status.OPEN)

        assert set(Notification.objects.values_list("recipient__email", flat=True)) == {agent.email, lead.email}
        assert all("reopened" in title for title in Notification.objects.values_list("title", flat=True))
        assert customer.email not in {address for m in mail.outbox for address in m.to}

