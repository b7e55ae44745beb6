"""Who may reach the desk's admin pages: customers, editors and outsiders are refused everywhere."""

import pytest
from django.urls import reverse

from support.models import Status
from tests.factories import make_ticket

pytestmark = pytest.mark.django_db


def operation_urls(ticket, item_id=1):
    kwargs = {"reference": ticket.reference}
    urls = [
        reverse(f"support_admin:{name}", kwargs=kwargs)
        for name in (
            "ticket_reply",
            "ticket_assign",
            "ticket_status",
            "ticket_priority",
            "ticket_category",
            "ticket_merge",
            "ticket_watch",
            "checklist_add",
            "ticket_delete",
        )
    ]
    urls += [
        reverse("support_admin:checklist_toggle", kwargs={**kwargs, "item_id": item_id}),
        reverse("support_admin:checklist_delete", kwargs={**kwargs, "item_id": item_id}),
    ]
    return urls


def all_urls(ticket):
    return [
        reverse("support_admin:ticket_list"),
        reverse("support_admin:ticket_workspace", kwargs={"reference": ticket.reference}),
        reverse("support_admin:reports"),
    ]


def is_refused(response):
    """Wagtail answers "no admin access" with a login redirect, "no permission here" with a redirect home."""
    if response.status_code in (403, 404):
        return True
    return response.status_code == 302 and (
        response.url.startswith(reverse("wagtailadmin_login")) or response.url == reverse("wagtailadmin_home")
    )


class AdminPermissionTests:
    def test_anonymous_is_sent_to_login_everywhere(self, client, ticket):
        for url in all_urls(ticket):
            response = client.get(url)
            assert response.status_code == 302 and reverse("wagtailadmin_login") in response.url, url
        for url in operation_urls(ticket) + [reverse("support_admin:ticket_bulk")]:
            response = client.post(url, {"body": "x", "status": "closed"})
            assert response.status_code == 302 and reverse("wagtailadmin_login") in response.url, url
        ticket.refresh_from_db()
        assert ticket.status == Status.OPEN

    @pytest.mark.parametrize("role", ["customer", "editor"])
    def test_customers_and_editors_are_refused_everywhere(self, client, request, ticket, role):
        client.force_login(request.getfixturevalue(role))
        for url in all_urls(ticket):
            assert is_refused(client.get(url)), url
        for url in operation_urls(ticket) + [reverse("support_admin:ticket_bulk")]:
            assert is_refused(client.post(url, {"body": "hello", "status": "closed", "tickets": [ticket.pk]})), url
        ticket.refresh_from_db()
        assert ticket.status == Status.OPEN
        assert ticket.messages.count() == 0

    def test_editor_gets_wagtails_permission_denied(self, client, editor, ticket):
        client.force_login(editor)
        response = client.get(reverse("support_admin:ticket_list"), follow=True)
        assert response.redirect_chain[-1][0] == reverse("wagtailadmin_home")
        assert "permission" in str(list(response.context["messages"])[0]).lower()

    def test_outsider_agent_gets_404_for_other_departments_tickets(self, client, outsider_agent, ticket):
        client.force_login(outsider_agent)
        assert client.get(ticket.get_admin_url()).status_code == 404
        for url in operation_urls(ticket):
            response = client.post(url, {"body": "hello", "status": "closed", "text": "x", "watching": "1"})
            assert response.status_code in (302, 404), url
            if response.status_code == 302:  # the delete view refuses agents before looking the ticket up
                assert response.url == reverse("wagtailadmin_home")
        ticket.refresh_from_db()
        assert ticket.status == Status.OPEN and ticket.messages.count() == 0 and ticket.checklist.count() == 0

    def test_outsider_agents_bulk_action_does_not_touch_other_departments(self, client, outsider_agent, ticket):
        client.force_login(outsider_agent)
        client.post(reverse("support_admin:ticket_bulk"), {"tickets": [ticket.pk], "action": "priority", "priority": 1})
        ticket.refresh_from_db()
        assert ticket.priority == 3

    def test_agent_sees_only_own_departments_tickets(self, client, agent, ticket, other_category, customer):
        elsewhere = make_ticket(customer, category=other_category, title="Invoice is wrong")
        client.force_login(agent)
        response = client.get(reverse("support_admin:ticket_list"))
        assert response.status_code == 200
        shown = [row.record.pk for row in response.context["table"].page.object_list]
        assert shown == [ticket.pk]
        assert client.get(elsewhere.get_admin_url()).status_code == 404
        assert client.get(ticket.get_admin_url()).status_code == 200

    def test_lead_sees_every_department(self, client, lead, ticket, other_category, customer):
        elsewhere = make_ticket(customer, category=other_category)
        client.force_login(lead)
        response = client.get(reverse("support_admin:ticket_list"))
        assert {row.record.pk for row in response.context["table"].page.object_list} == {ticket.pk, elsewhere.pk}
        assert client.get(elsewhere.get_admin_url()).status_code == 200

    def test_reports_only_for_those_who_may_see_them(self, client, agent, lead):
        client.force_login(agent)
        assert is_refused(client.get(reverse("support_admin:reports")))
        client.force_login(lead)
        assert client.get(reverse("support_admin:reports")).status_code == 200

    def test_get_on_an_operation_is_not_allowed(self, client, agent, ticket):
        client.force_login(agent)
        assert client.get(reverse("support_admin:ticket_assign", kwargs={"reference": ticket.reference})).status_code == 405


class SupportMenuTests:
    def menu(self, client, user):
        client.force_login(user)
        return client.get(reverse("wagtailadmin_home")).content.decode()

    def test_agent_has_tickets_but_no_settings(self, client, agent, department):
        html = self.menu(client, agent)
        assert "support-tickets" in html
        assert "support-reports" not in html
        assert "SLA policies" not in html and "Canned responses" not in html

    def test_lead_has_every_item(self, client, lead, department):
        html = self.menu(client, lead)
        for label in ("support-tickets", "support-reports", "SLA policies", "Departments", "Categories", "Canned responses"):
            assert label in html, label

    def test_editor_has_no_support_menu(self, client, editor):
        html = self.menu(client, editor)
        assert "support-tickets" not in html and '"support"' not in html


class SettingsViewSetTests:
    def test_lead_edits_departments_and_canned_responses(self, client, lead, agent, department):
        client.force_login(lead)
        assert client.get(reverse("support_departments:index")).status_code == 200
        response = client.post(
            reverse("support_departments:edit", args=[department.pk]),
            {"name": "Orders desk", "email": "orders@example.com", "lead": lead.pk, "members": [agent.pk], "auto_assign": "on"},
        )
        assert response.status_code == 302, response.content[:2000]
        department.refresh_from_db()
        assert department.name == "Orders desk" and department.auto_assign
        response = client.post(
            reverse("support_canned_responses:add"), {"title": "Hello", "body": "Hello there", "department": ""}
        )
        assert response.status_code == 302
        assert client.get(reverse("support_sla_policies:index")).status_code == 200
        assert client.get(reverse("support_categories:index")).status_code == 200

    def test_agent_cannot_edit_settings(self, client, agent, department):
        client.force_login(agent)
        assert is_refused(client.get(reverse("support_departments:index")))
        assert is_refused(client.get(reverse("support_sla_policies:index")))
        assert is_refused(client.get(reverse("support_canned_responses:add")))
