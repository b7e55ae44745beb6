"""Assigning a ticket: who may be given it, and who hears about it."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from portal.models import Notification
from support.models import TicketEvent
from support.services import ticket_assign

pytestmark = pytest.mark.django_db


class TicketAssignTests:
    def test_the_assignee_is_told(self, ticket, agent, lead, customer, django_capture_on_commit_callbacks):
        Notification.objects.all().delete()

        with django_capture_on_commit_callbacks(execute=True):
            ticket_assign(ticket=ticket, actor=lead, assignee=agent)

        assert ticket.assignee == agent
        assert list(Notification.objects.values_list("recipient__email", flat=True)) == [agent.email]
        assert [m.to for m in mail.outbox] == [[agent.email]]
        event = ticket.events.get(kind=TicketEvent.Kind.ASSIGNEE)
        assert (event.old_value, event.new_value) == ("Unassigned", str(agent))

    def test_taking_it_yourself_tells_nobody(self, ticket, agent):
        Notification.objects.all().delete()

        ticket_assign(ticket=ticket, actor=agent, assignee=agent)

        assert not Notification.objects.exists()

    def test_unassigning(self, ticket, agent):
        ticket_assign(ticket=ticket, actor=agent, assignee=agent)
        ticket_assign(ticket=ticket, actor=agent, assignee=None)
        assert ticket.assignee is None

    def test_only_someone_who_works_the_department_may_be_given_it(self, ticket, agent, outsider_agent, customer):
        for person in (outsider_agent, customer):
            with pytest.raises(ValidationError):
                ticket_assign(ticket=ticket, actor=agent, assignee=person)

    def test_an_outsider_may_not_assign(self, ticket, agent, outsider_agent, customer):
        for person in (outsider_agent, customer):
            with pytest.raises(PermissionDenied):
                ticket_assign(ticket=ticket, actor=person, assignee=agent)
