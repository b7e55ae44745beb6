"""The support desk's background jobs: thin tasks over the services, registered with the scheduler."""

from datetime import timedelta

import pytest
from django.utils import timezone

from portal import scheduling
from portal.models import Notification
from support import tasks
from support.models import SLAState, Status, Ticket
from support.services import _apply_sla
from tests.factories import make_ticket

pytestmark = pytest.mark.django_db


class CloseResolvedTicketsTests:
    def test_it_closes_only_tickets_resolved_longer_ago_than_the_setting(self, settings, customer, support_category):
        settings.SUPPORT_AUTO_CLOSE_AFTER_DAYS = 7
        now = timezone.now()
        old = make_ticket(customer, category=support_category, status=Status.RESOLVED, resolved_at=now - timedelta(days=8))
        recent = make_ticket(customer, category=support_category, status=Status.RESOLVED, resolved_at=now - timedelta(days=6))
        active = make_ticket(customer, category=support_category, status=Status.IN_PROGRESS)

        result = tasks.close_resolved_tickets.enqueue()

        assert result.return_value == 1
        statuses = dict(Ticket.objects.values_list("pk", "status"))
        assert statuses == {old.pk: Status.CLOSED, recent.pk: Status.RESOLVED, active.pk: Status.IN_PROGRESS}
        event = old.events.get(kind="status")
        assert (event.actor, event.note) == (None, "Closed automatically")

    def test_the_setting_decides_the_age(self, settings, customer, support_category):
        settings.SUPPORT_AUTO_CLOSE_AFTER_DAYS = 2
        make_ticket(customer, category=support_category, status=Status.RESOLVED, resolved_at=timezone.now() - timedelta(days=3))

        assert tasks.close_resolved_tickets.enqueue().return_value == 1

    def test_nothing_to_do(self, db):
        assert tasks.close_resolved_tickets.enqueue().return_value == 0


class CheckTicketSLATests:
    def test_it_warns_about_tickets_at_risk_once(self, ticket, agent, lead):
        ticket.created_at = timezone.now() - timedelta(hours=7)  # 6 of the 8 hours to respond are gone
        _apply_sla(ticket)
        ticket.assignee = agent
        ticket.save()
        Notification.objects.all().delete()

        assert tasks.check_ticket_sla.enqueue().return_value == 1
        assert tasks.check_ticket_sla.enqueue().return_value == 0

        assert Ticket.objects.get(pk=ticket.pk).sla_notified_state == SLAState.AT_RISK
        assert set(Notification.objects.values_list("recipient", flat=True)) == {agent.pk, lead.pk}


def test_both_jobs_are_registered_as_periodic():
    registered = {job.name: job.every for job in scheduling.autodiscover()}

    assert registered[tasks.check_ticket_sla.module_path] == timedelta(minutes=5)
    assert registered[tasks.close_resolved_tickets.module_path] == timedelta(hours=1)
