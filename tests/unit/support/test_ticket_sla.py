"""The SLA clock: states at fixed moments, the pause while waiting on the customer, and the warnings."""

from datetime import datetime, timedelta, timezone as dt_timezone

import pytest
from django.core import mail
from django.utils import timezone

from portal import roles
from portal.models import Notification
from support.models import Priority, SLAState, Status, Ticket
from support.services import _apply_sla, tickets_check_sla, ticket_transition
from tests.factories import make_ticket, make_user

pytestmark = pytest.mark.django_db

# Medium priority (the migration's default policy): respond in 8 h, resolve in 72 h, at risk at 75 %.
T0 = datetime(2025, 3, 3, 9, 0, tzinfo=dt_timezone.utc)
HOURS = timedelta(hours=1)


def created_at(ticket, moment=T0):
    """Backdate a ticket to ``moment`` and restart its clock from there."""
    ticket.created_at = moment
    _apply_sla(ticket)
    ticket.save()
    return ticket


@pytest.fixture
def clocked(ticket):
    return created_at(ticket)


class SLAStateTests:
    def test_due_moments_come_from_the_policy(self, clocked):
        assert clocked.priority == Priority.MEDIUM
        assert clocked.first_response_due_at == T0 + 8 * HOURS
        assert clocked.first_response_at_risk_at == T0 + 6 * HOURS
        assert clocked.resolution_due_at == T0 + 72 * HOURS
        assert clocked.resolution_at_risk_at == T0 + 54 * HOURS

    @pytest.mark.parametrize(
        ("elapsed", "state"),
        [
            (timedelta(0), SLAState.ON_TRACK),
            (5 * HOURS, SLAState.ON_TRACK),
            (6 * HOURS, SLAState.AT_RISK),
            (7 * HOURS, SLAState.AT_RISK),
            (8 * HOURS, SLAState.BREACHED),
            (100 * HOURS, SLAState.BREACHED),
        ],
    )
    def test_before_the_first_response_the_response_target_counts(self, clocked, elapsed, state):
        assert clocked.sla_state(now=T0 + elapsed) == state

    @pytest.mark.parametrize(
        ("elapsed", "state"),
        [
            (9 * HOURS, SLAState.ON_TRACK),
            (53 * HOURS, SLAState.ON_TRACK),
            (54 * HOURS, SLAState.AT_RISK),
            (72 * HOURS, SLAState.BREACHED),
        ],
    )
    def test_after_the_first_response_the_resolution_target_counts(self, clocked, elapsed, state):
        clocked.first_responded_at = T0 + HOURS

        assert clocked.sla_state(now=T0 + elapsed) == state

    def test_waiting_on_the_customer_pauses_it(self, clocked):
        clocked.status = Status.WAITING
        clocked.sla_paused_at = T0 + HOURS

        assert clocked.sla_state(now=T0 + 100 * HOURS) == SLAState.PAUSED
        assert clocked.sla_time_left(now=T0 + 100 * HOURS) is None

    @pytest.mark.parametrize(("resolved_after", "state"), [(71 * HOURS, SLAState.MET), (73 * HOURS, SLAState.BREACHED)])
    @pytest.mark.parametrize("status", [Status.RESOLVED, Status.CLOSED])
    def test_a_resolved_ticket_met_or_breached_its_target(self, clocked, resolved_after, state, status):
        clocked.status = status
        clocked.resolved_at = T0 + resolved_after

        # However late we look, the outcome is decided by when it was resolved.
        assert clocked.sla_state(now=T0 + 1000 * HOURS) == state

    def test_time_left_is_negative_once_breached(self, clocked):
        assert clocked.sla_time_left(now=T0 + 2 * HOURS) == 6 * HOURS
        assert clocked.sla_time_left(now=T0 + 10 * HOURS) == -2 * HOURS

    def test_raising_the_priority_restarts_the_targets_from_creation(self, clocked, agent):
        from support.services import ticket_set_priority

        ticket_set_priority(ticket=clocked, actor=agent, priority=Priority.URGENT)

        clocked.refresh_from_db()
        assert clocked.first_response_due_at == T0 + HOURS
        assert clocked.resolution_due_at == T0 + 8 * HOURS


class SLAPauseTests:
    def test_time_spent_waiting_moves_every_due_moment_later(self, ticket, agent, customer):
        created_at(ticket, timezone.now() - 3 * HOURS)
        ticket_transition(ticket=ticket, actor=agent, to_status=Status.WAITING)
        before = Ticket.objects.get(pk=ticket.pk)
        # Two hours spent waiting on the customer.
        Ticket.objects.filter(pk=ticket.pk).update(sla_paused_at=timezone.now() - 2 * HOURS)

        ticket_transition(ticket=ticket, actor=customer, to_status=Status.OPEN)

        ticket.refresh_from_db()
        assert ticket.sla_paused_at is None
        assert 7200 <= ticket.sla_paused_seconds <= 7210
        for field in ("first_response_due_at", "first_response_at_risk_at", "resolution_due_at", "resolution_at_risk_at"):
            moved = getattr(ticket, field) - getattr(before, field)
            assert 2 * HOURS <= moved <= 2 * HOURS + timedelta(seconds=10), field
        # 3 h old with 2 h paused: 1 h of the 8 h response target used, so on track again.
        assert ticket.sla_state() == SLAState.ON_TRACK

    def test_pauses_add_up(self, clocked):
        clocked.sla_paused_seconds = 3600
        _apply_sla(clocked)
        assert clocked.first_response_due_at == T0 + 9 * HOURS

        clocked.sla_paused_seconds = 5 * 3600
        _apply_sla(clocked)
        assert clocked.resolution_due_at == T0 + 77 * HOURS


class SLAWarningTests:
    @pytest.fixture
    def assigned(self, clocked, agent):
        Ticket.objects.filter(pk=clocked.pk).update(assignee=agent)
        Notification.objects.all().delete()
        return clocked

    def warned(self):
        return sorted(Notification.objects.values_list("recipient__email", "title"))

    def test_the_assignee_and_the_lead_are_warned_once_per_state(
        self, assigned, agent, lead, customer, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            assert tickets_check_sla(now=T0 + 5 * HOURS) == 0
            assert tickets_check_sla(now=T0 + 6 * HOURS) == 1
            assert tickets_check_sla(now=T0 + 7 * HOURS) == 0

        ref = assigned.reference
        assert self.warned() == [
            (agent.email, f"{ref} is at risk of breaching its SLA"),
            (lead.email, f"{ref} is at risk of breaching its SLA"),
        ]
        assert sorted(address for m in mail.outbox for address in m.to) == sorted([agent.email, lead.email])

        Notification.objects.all().delete()
        with django_capture_on_commit_callbacks(execute=True):
            assert tickets_check_sla(now=T0 + 8 * HOURS) == 1
            assert tickets_check_sla(now=T0 + 9 * HOURS) == 0
            assert tickets_check_sla(now=T0 + 100 * HOURS) == 0

        assert self.warned() == [(agent.email, f"{ref} breached its SLA"), (lead.email, f"{ref} breached its SLA")]
        assert customer.email not in {address for m in mail.outbox for address in m.to}
        assert Ticket.objects.get(pk=assigned.pk).sla_notified_state == SLAState.BREACHED

    def test_straight_to_breached_warns_once(self, assigned, agent, lead):
        assert tickets_check_sla(now=T0 + 10 * HOURS) == 1
        assert tickets_check_sla(now=T0 + 11 * HOURS) == 0
        assert [title.split(" ", 1)[1] for _, title in self.warned()] == ["breached its SLA"] * 2

    def test_an_unassigned_ticket_warns_the_lead(self, clocked, lead):
        Notification.objects.all().delete()

        tickets_check_sla(now=T0 + 6 * HOURS)

        assert [email for email, _ in self.warned()] == [lead.email]

    def test_paused_and_finished_tickets_are_not_warned(self, customer, support_category, agent):
        paused = created_at(make_ticket(customer, category=support_category, status=Status.WAITING, sla_paused_at=T0 + HOURS))
        done = created_at(make_ticket(customer, category=support_category, status=Status.RESOLVED, resolved_at=T0 + HOURS))
        Notification.objects.all().delete()

        assert tickets_check_sla(now=T0 + 100 * HOURS) == 0
        assert not Notification.objects.exists()
        assert {paused.sla_notified_state, done.sla_notified_state} == {""}

    def test_a_first_response_in_time_silences_the_response_target(self, assigned):
        Ticket.objects.filter(pk=assigned.pk).update(first_responded_at=T0 + HOURS)

        assert tickets_check_sla(now=T0 + 20 * HOURS) == 0
        assert tickets_check_sla(now=T0 + 54 * HOURS) == 1

    def test_a_ticket_without_an_assignee_or_lead_is_marked_but_tells_nobody(self, customer):
        from tests.factories import make_department, make_support_category

        ticket = created_at(make_ticket(customer, category=make_support_category(department=make_department())))
        Notification.objects.all().delete()

        tickets_check_sla(now=T0 + 6 * HOURS)

        assert not Notification.objects.exists()
        assert Ticket.objects.get(pk=ticket.pk).sla_notified_state == SLAState.AT_RISK


def test_an_agent_who_left_is_not_warned(clocked, lead):
    gone = make_user(roles.AGENTS, is_active=False)
    Ticket.objects.filter(pk=clocked.pk).update(assignee=gone)
    Notification.objects.all().delete()

    tickets_check_sla(now=T0 + 6 * HOURS)

    assert list(Notification.objects.values_list("recipient__email", flat=True)) == [lead.email]
