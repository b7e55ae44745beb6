"""Opening a ticket: routing by category, auto-assignment, the SLA clock and who hears about it."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from portal import roles
from portal.models import Notification
from support.models import Priority, Status, TicketAttachment, TicketEvent
from support.services import ticket_create
from tests.factories import html_pretending_to_be_png, make_department, make_support_category, make_ticket, make_user, png_upload

pytestmark = pytest.mark.django_db


def recipients():
    return set(Notification.objects.values_list("recipient__email", flat=True))


class TicketCreateTests:
    def test_the_category_routes_it_to_its_department(self, customer, other_category, other_department):
        ticket = ticket_create(
            requester=customer, title="Invoice missing", description="Where is it?", category=other_category
        )

        assert ticket.department == other_department
        assert ticket.status == Status.OPEN
        assert ticket.assignee is None
        assert ticket.events.get().kind == TicketEvent.Kind.CREATED

    def test_it_starts_the_sla_clock_from_the_priority_s_policy(self, customer, support_category):
        ticket = make_ticket(customer, category=support_category, priority=Priority.HIGH)

        # The migration's default policy for High: respond in 4 h, resolve in 24 h, at risk at 75 %.
        assert ticket.first_response_due_at - ticket.created_at == timedelta(hours=4)
        assert ticket.resolution_due_at - ticket.created_at == timedelta(hours=24)
        assert ticket.resolution_at_risk_at - ticket.created_at == timedelta(hours=18)

    def test_it_is_auto_assigned_to_the_member_with_the_fewest_open_tickets(self, customer, other_customer):
        busy, idle, also_busy = (make_user(roles.AGENTS) for _ in range(3))
        department = make_department("Returns", members=[busy, idle, also_busy], auto_assign=True)
        category = make_support_category("Returns", department=department)
        other = make_support_category("Elsewhere", department=make_department("Elsewhere", members=[idle]))
        make_ticket(other_customer, category=category, assignee=busy)
        make_ticket(other_customer, category=category, assignee=also_busy)
        make_ticket(other_customer, category=category, assignee=also_busy)
        # Closed tickets do not count, open ones in other departments do.
        make_ticket(other_customer, category=category, assignee=idle, status=Status.CLOSED)
        make_ticket(other_customer, category=other, assignee=idle)
        make_ticket(other_customer, category=other, assignee=idle, status=Status.RESOLVED)

        ticket = make_ticket(customer, category=category)

        assert ticket.assignee == busy  # 1 open each for busy and idle; the first by pk wins the tie
        assert ticket.events.filter(kind=TicketEvent.Kind.ASSIGNEE, note="Assigned automatically").exists()

        next_ticket = make_ticket(customer, category=category)
        assert next_ticket.assignee == idle

    def test_auto_assignment_skips_inactive_members(self, customer):
        gone, present = make_user(roles.AGENTS, is_active=False), make_user(roles.AGENTS)
        department = make_department("Returns", members=[gone, present], auto_assign=True)

        ticket = make_ticket(customer, category=make_support_category(department=department))

        assert ticket.assignee == present

    def test_no_auto_assignment_when_the_department_does_not_want_it(self, customer, support_category, department):
        assert department.auto_assign is False

        ticket = make_ticket(customer, category=support_category)

        assert ticket.assignee is None
        assert not ticket.events.filter(kind=TicketEvent.Kind.ASSIGNEE).exists()

    def test_the_department_s_members_and_lead_are_told_not_the_requester(
        self, customer, agent, lead, support_category, outsider_agent, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            ticket = make_ticket(customer, category=support_category, title="Broken lamp")

        assert recipients() == {agent.email, lead.email}
        assert all(ticket.reference in title for title in Notification.objects.values_list("title", flat=True))
        assert sorted(address for m in mail.outbox for address in m.to) == sorted([agent.email, lead.email])

    def test_the_department_address_gets_a_copy(self, customer, department, support_category, django_capture_on_commit_callbacks):
        department.email = "orders-team@example.com"
        department.save()

        with django_capture_on_commit_callbacks(execute=True):
            make_ticket(customer, category=support_category)

        assert ["orders-team@example.com"] in [m.to for m in mail.outbox]

    def test_an_auto_assigned_agent_is_told_it_is_theirs(self, customer, django_capture_on_commit_callbacks):
        agent = make_user(roles.AGENTS)
        category = make_support_category(department=make_department(members=[agent], auto_assign=True))

        with django_capture_on_commit_callbacks(execute=True):
            make_ticket(customer, category=category)

        titles = list(Notification.objects.filter(recipient=agent).values_list("title", flat=True))
        assert any(title.startswith("Assigned to you") for title in titles)

    def test_an_inactive_category_is_refused(self, customer, support_category):
        support_category.is_active = False
        support_category.save()

        with pytest.raises(ValidationError) as error:
            make_ticket(customer, category=support_category)
        assert "category" in error.value.message_dict

    def test_customers_may_not_choose_urgent(self, customer, support_category):
        with pytest.raises(ValidationError) as error:
            make_ticket(customer, category=support_category, priority=Priority.URGENT)
        assert "priority" in error.value.message_dict

    @pytest.mark.parametrize("field", ["title", "description"])
    def test_blank_text_is_refused(self, customer, support_category, field):
        with pytest.raises(ValidationError) as error:
            make_ticket(customer, category=support_category, **{field: "   "})
        assert field in error.value.message_dict

    def test_attachments_are_checked_and_kept(self, customer, support_category):
        ticket = make_ticket(customer, category=support_category, uploads=[png_upload()])

        attachment = TicketAttachment.objects.get(ticket=ticket)
        assert (attachment.content_type, attachment.original_name) == ("image/png", "screenshot.png")

    def test_a_refused_attachment_creates_nothing(self, customer, support_category):
        with pytest.raises(ValidationError):
            make_ticket(customer, category=support_category, uploads=[png_upload(), html_pretending_to_be_png()])

        assert not customer.support_tickets.exists()
