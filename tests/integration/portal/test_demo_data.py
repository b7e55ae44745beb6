from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page

from portal.demo import DEMO_PASSWORD, DEMO_USERS

pytestmark = pytest.mark.django_db


def test_demo_data_is_complete_and_idempotent():
    call_command("load_demo_data")
    counts = (get_user_model().objects.count(), Page.objects.count())
    call_command("load_demo_data")
    assert (get_user_model().objects.count(), Page.objects.count()) == counts

    for email, _, role_names in DEMO_USERS:
        user = get_user_model().objects.get(email=email)
        assert user.check_password(DEMO_PASSWORD), email
        assert set(user.groups.values_list("name", flat=True)) == set(role_names)
    assert Page.objects.live().filter(slug="about").exists()

    from oscar.core.loading import get_model

    Product = get_model("catalogue", "Product")
    Category = get_model("catalogue", "Category")
    assert Product.objects.filter(is_public=True).count() >= 30
    assert Category.objects.count() >= 5
    assert Product.objects.filter(images__isnull=False).distinct().count() >= 30


def test_demo_support_desk_covers_every_status_and_is_idempotent():
    from support.models import (
        CannedResponse,
        Category,
        ChecklistItem,
        Department,
        SLAState,
        Status,
        Ticket,
        TicketAttachment,
        TicketEvent,
        TicketMessage,
    )

    call_command("load_demo_data")
    models = [Department, Category, CannedResponse, Ticket, TicketMessage, TicketAttachment, TicketEvent, ChecklistItem]
    counts = {model.__name__: model.objects.count() for model in models}
    call_command("load_demo_data")
    assert {model.__name__: model.objects.count() for model in models} == counts

    User = get_user_model()
    agent, lead, customer = (User.objects.get(email=f"{name}@example.com") for name in ("agent", "lead", "customer"))
    departments = Department.objects.all()
    assert {d.name for d in departments} >= {"Orders & delivery", "Billing", "Technical support"}
    assert agent.support_departments.count() == 2
    assert all(d.lead == lead for d in departments)
    assert departments.filter(auto_assign=True).exists()
    assert Category.objects.count() >= 5 and CannedResponse.objects.count() >= 3

    tickets = Ticket.objects.all()
    assert 30 <= tickets.count() <= 60
    assert set(tickets.values_list("status", flat=True)) == set(Status.values)
    assert tickets.filter(requester=customer).count() >= 5
    assert tickets.values("requester").distinct().count() >= 4

    now = timezone.now()
    assert tickets.filter(created_at__lt=now - timedelta(days=20)).exists()
    assert not tickets.filter(created_at__gt=now).exists()
    assert not TicketMessage.objects.filter(created_at__gt=now).exists()
    states = {ticket.sla_state(now) for ticket in tickets}
    assert {SLAState.ON_TRACK, SLAState.AT_RISK, SLAState.BREACHED, SLAState.PAUSED, SLAState.MET} <= states

    assert TicketMessage.objects.filter(is_internal=True).exists()
    assert TicketMessage.objects.filter(is_internal=False, author=customer).exists()
    assert set(TicketAttachment.objects.values_list("content_type", flat=True)) >= {"image/png", "text/plain"}
    assert ChecklistItem.objects.filter(is_done=True).exists() and ChecklistItem.objects.filter(is_done=False).exists()
    assert tickets.filter(status__in=[Status.RESOLVED, Status.CLOSED], rating__isnull=False).count() >= 5
    assert not tickets.filter(status__in=Status.values[:3], rating__isnull=False).exists()
    assert tickets.filter(merged_into__isnull=False).exists()
    # Made through the services: every ticket has its history, and its messages follow its creation.
    assert not tickets.exclude(events__kind=TicketEvent.Kind.CREATED).exists()
    for ticket in tickets.filter(status=Status.CLOSED):
        assert ticket.merged_into_id or ticket.created_at <= ticket.resolved_at <= ticket.closed_at
    # Resolved tickets are younger than the auto-close age, so the first run of the job leaves them.
    from support.services import tickets_close_resolved

    assert tickets_close_resolved() == 0
