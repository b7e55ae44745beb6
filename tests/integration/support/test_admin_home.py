"""The support panels on the Wagtail admin home page."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from support import services
from support.models import Ticket
from tests.factories import make_ticket

pytestmark = pytest.mark.django_db

HOME = "/admin/"


class HomePanelTests:
    def test_panels_show_my_unassigned_and_late_tickets(self, client, agent, lead, customer, support_category, other_category):
        mine = make_ticket(customer, category=support_category, title="Assigned to me")
        services.ticket_assign(ticket=mine, actor=lead, assignee=agent)
        unassigned = make_ticket(customer, category=support_category, title="Nobody has it")
        late = make_ticket(customer, category=support_category, title="Running late")
        Ticket.objects.filter(pk=late.pk).update(first_response_due_at=timezone.now() - timedelta(minutes=5))
        elsewhere = make_ticket(customer, category=other_category, title="Not my department")
        client.force_login(agent)
        html = client.get(HOME).content.decode()
        for panel in ("My open tickets", "Unassigned", "At risk or breached"):
            assert panel in html
        assert mine.get_admin_url() in html and unassigned.get_admin_url() in html and late.get_admin_url() in html
        assert elsewhere.get_admin_url() not in html
        assert reverse("support_admin:ticket_list") + "?assignee=me" in html

    def test_no_panels_for_editors(self, client, editor):
        client.force_login(editor)
        assert "support-my-open-tickets" not in client.get(HOME).content.decode()

    def test_constant_query_count(self, client, agent, customer, support_category, lead, django_assert_num_queries):
        client.force_login(agent)
        ticket = make_ticket(customer, category=support_category)
        services.ticket_assign(ticket=ticket, actor=lead, assignee=agent)
        client.get(HOME)
        with CaptureQueriesContext(connection) as at_one:
            client.get(HOME)
        for n in range(20):
            ticket = make_ticket(customer, category=support_category)
            if n % 2:
                services.ticket_assign(ticket=ticket, actor=lead, assignee=agent)
        with django_assert_num_queries(len(at_one)):
            client.get(HOME)


class PagePanelTests:
    """Wagtail's page panels (moderation, recent edits, locked pages) only for people who work on pages."""

    @staticmethod
    def panel_names(client, user):
        client.force_login(user)
        response = client.get(HOME)
        assert response.status_code == 200
        return {panel.name for panel in response.context["panels"]}

    PAGE_PANELS = {"workflow_objects_to_moderate", "user_objects_in_workflow_moderation", "recent_edits", "locked_pages"}

    def test_agents_and_shop_managers_get_no_page_panels(self, client, agent, lead, shop_manager):
        for person in (agent, lead, shop_manager):
            names = self.panel_names(client, person)
            assert not names & self.PAGE_PANELS, person
        assert "support-my-open-tickets" in self.panel_names(client, agent)

    def test_editors_moderators_and_superusers_keep_them(self, client, editor, moderator, superuser):
        for person in (editor, moderator, superuser):
            assert self.PAGE_PANELS <= self.panel_names(client, person), person
