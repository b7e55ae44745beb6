"""The ticket workspace: each operation goes through one service and refusals become messages."""

import pytest
from django.core import mail
from django.urls import reverse

from portal.models import Notification
from support import services
from support.models import CannedResponse, ChecklistItem, Priority, Status, Ticket, TicketMessage
from tests.factories import make_department, make_support_category, make_ticket, png_upload

pytestmark = pytest.mark.django_db


def url(name, ticket, **kwargs):
    return reverse(f"support_admin:{name}", kwargs={"reference": ticket.reference, **kwargs})


def texts(response):
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def desk(client, agent, department):
    client.force_login(agent)
    return client


class WorkspacePageTests:
    def test_shows_everything_the_agent_needs(self, desk, agent, lead, ticket):
        services.ticket_reply(ticket=ticket, author=agent, body="Public answer", uploads=[png_upload("proof.png")])
        services.ticket_reply(ticket=ticket, author=agent, body="Secret note", is_internal=True)
        services.checklist_item_add(ticket=ticket, actor=agent, text="Call the courier")
        CannedResponse.objects.create(title="Greeting", body="Hello from the desk")
        CannedResponse.objects.create(title="Elsewhere", body="x", department=make_department("Other"))
        response = desk.get(ticket.get_admin_url())
        assert response.status_code == 200
        html = response.content.decode()
        assert ticket.reference in html and ticket.title in html
        assert "support-message--internal" in html and "Secret note" in html and "Internal note" in html
        attachment = ticket.attachments.get()
        assert reverse("support:attachment_download", kwargs={"reference": ticket.reference, "attachment_id": attachment.pk}) in html
        assert "Call the courier" in html
        assert "Greeting" in html and "Hello from the desk" in html and "Elsewhere" not in html
        assert "On track" in html
        assert [s.value for s in response.context["allowed_transitions"]] == ["in_progress", "waiting", "resolved", "closed"]
        assert "Created" in html  # history

    def test_unknown_reference_is_404(self, desk):
        assert desk.get("/admin/support/tickets/T-999999/").status_code == 404
        assert desk.get("/admin/support/tickets/nonsense/").status_code == 404

    def test_order_panel(self, desk, ticket, customer):
        from oscar.core.loading import get_model

        Order = get_model("order", "Order")
        order = Order.objects.create(
            number="100123", user=customer, currency="GBP", total_incl_tax=12, total_excl_tax=10, status="Pending",
            shipping_incl_tax=2, shipping_excl_tax=2,
        )
        Order.objects.create(number="100124", user=customer, currency="GBP", total_incl_tax=5, total_excl_tax=5)
        Ticket.objects.filter(pk=ticket.pk).update(order=order)
        html = desk.get(ticket.get_admin_url()).content.decode()
        assert reverse("dashboard:order-detail", kwargs={"number": "100123"}) in html
        assert reverse("dashboard:order-detail", kwargs={"number": "100124"}) in html
        assert "Pending" in html

    def test_requesters_other_tickets(self, desk, ticket, customer, support_category):
        other = make_ticket(customer, category=support_category, title="Another question")
        html = desk.get(ticket.get_admin_url()).content.decode()
        assert other.get_admin_url() in html and "Another question" in html


class ReplyTests:
    def test_public_reply_notifies_the_customer(self, desk, ticket, customer):
        mail.outbox.clear()
        response = desk.post(
            url("ticket_reply", ticket),
            {"visibility": "public", "body": "We sent a new one.", "attachments": [png_upload("a.png"), png_upload("b.png")]},
        )
        assert response.status_code == 302
        message = ticket.messages.get()
        assert not message.is_internal and message.attachments.count() == 2
        assert Notification.objects.filter(recipient=customer).exists()
        ticket.refresh_from_db()
        assert ticket.first_responded_at is not None

    def test_internal_note_does_not_notify_the_customer(self, desk, ticket, customer, django_capture_on_commit_callbacks):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            desk.post(url("ticket_reply", ticket), {"visibility": "internal", "body": "Between us"})
        assert ticket.messages.get().is_internal
        assert not Notification.objects.filter(recipient=customer).exists()
        assert all(customer.email not in m.to for m in mail.outbox)
        ticket.refresh_from_db()
        assert ticket.first_responded_at is None

    def test_error_keeps_the_typed_text(self, desk, ticket, lead):
        services.ticket_transition(ticket=ticket, actor=lead, to_status=Status.CLOSED)
        response = desk.post(url("ticket_reply", ticket), {"visibility": "public", "body": "My long careful answer"})
        assert response.status_code == 400
        assert "My long careful answer" in response.content.decode()
        assert any("closed" in text for text in texts(response))
        assert TicketMessage.objects.count() == 0

    def test_empty_body_keeps_the_form(self, desk, ticket):
        response = desk.post(url("ticket_reply", ticket), {"visibility": "internal", "body": ""})
        assert response.status_code == 400
        assert response.context["reply_form"].errors


class FieldOperationTests:
    def test_assign_to_me_and_to_someone_and_nobody(self, desk, agent, lead, ticket):
        desk.post(url("ticket_assign", ticket), {"assignee": "me"})
        ticket.refresh_from_db()
        assert ticket.assignee == agent
        desk.post(url("ticket_assign", ticket), {"assignee": lead.pk})
        ticket.refresh_from_db()
        assert ticket.assignee == lead
        desk.post(url("ticket_assign", ticket), {"assignee": ""})
        ticket.refresh_from_db()
        assert ticket.assignee is None

    def test_assign_to_outsider_is_refused(self, desk, ticket, outsider_agent):
        response = desk.post(url("ticket_assign", ticket), {"assignee": outsider_agent.pk}, follow=True)
        assert response.status_code == 200
        ticket.refresh_from_db()
        assert ticket.assignee is None and texts(response)

    def test_status_change_and_resolve_needs_summary(self, desk, ticket):
        response = desk.post(url("ticket_status", ticket), {"status": "resolved"}, follow=True)
        assert any("resolution summary" in text for text in texts(response))
        ticket.refresh_from_db()
        assert ticket.status == Status.OPEN
        desk.post(url("ticket_status", ticket), {"status": "resolved", "resolution_summary": "Replaced the item"})
        ticket.refresh_from_db()
        assert ticket.status == Status.RESOLVED and ticket.resolution_summary == "Replaced the item"

    def test_refused_transition_is_a_message_not_a_500(self, desk, ticket, lead):
        services.ticket_transition(ticket=ticket, actor=lead, to_status=Status.CLOSED)
        response = desk.post(url("ticket_status", ticket), {"status": "open"}, follow=True)
        assert response.status_code == 200
        assert any("cannot be moved" in text for text in texts(response))

    def test_priority_and_category(self, desk, ticket, department):
        desk.post(url("ticket_priority", ticket), {"priority": Priority.URGENT})
        returns = make_support_category("Returns", department=department)
        desk.post(url("ticket_category", ticket), {"category": returns.pk})
        ticket.refresh_from_db()
        assert ticket.priority == Priority.URGENT and ticket.category == returns
        assert list(ticket.events.values_list("kind", flat=True)).count("priority") == 1

    def test_moving_to_another_department_leaves_the_agent_on_the_table(self, desk, ticket, other_category):
        response = desk.post(url("ticket_category", ticket), {"category": other_category.pk})
        assert response.url == reverse("support_admin:ticket_list")

    def test_watch_and_unwatch(self, desk, agent, ticket):
        desk.post(url("ticket_watch", ticket), {"watching": "1"})
        assert ticket.watchers.filter(pk=agent.pk).exists()
        desk.post(url("ticket_watch", ticket), {"watching": "0"})
        assert not ticket.watchers.filter(pk=agent.pk).exists()


class MergeTests:
    def test_merge_into_another_ticket(self, desk, ticket, customer, support_category):
        target = make_ticket(customer, category=support_category, title="The original")
        response = desk.post(url("ticket_merge", ticket), {"target": target.reference})
        assert response.status_code == 302 and response.url == target.get_admin_url()
        ticket.refresh_from_db()
        assert ticket.merged_into == target and ticket.status == Status.CLOSED

    def test_merge_refusals(self, desk, ticket, customer, other_category):
        response = desk.post(url("ticket_merge", ticket), {"target": ticket.reference}, follow=True)
        assert any("itself" in text for text in texts(response))
        unseen = make_ticket(customer, category=other_category)
        response = desk.post(url("ticket_merge", ticket), {"target": unseen.reference}, follow=True)
        assert any("no ticket" in text for text in texts(response))
        response = desk.post(url("ticket_merge", ticket), {"target": "garbage"}, follow=True)
        assert any("reference" in text for text in texts(response))
        ticket.refresh_from_db()
        assert ticket.merged_into is None


class ChecklistTests:
    def test_add_toggle_json_and_delete(self, desk, agent, ticket):
        desk.post(url("checklist_add", ticket), {"text": "Check the warehouse"})
        item = ChecklistItem.objects.get(ticket=ticket)
        response = desk.post(
            url("checklist_toggle", ticket, item_id=item.pk), {"is_done": "on"}, HTTP_ACCEPT="application/json",
            HTTP_X_REQUESTED_WITH="XMLHttpRequest",
        )
        assert response.status_code == 200
        data = response.json()
        assert data["is_done"] is True and data["id"] == item.pk and data["done_by"]
        item.refresh_from_db()
        assert item.is_done and item.done_by == agent
        response = desk.post(url("checklist_toggle", ticket, item_id=item.pk), {"is_done": ""}, HTTP_ACCEPT="application/json")
        assert response.json()["is_done"] is False
        # Without script, the same form posts and redirects back.
        response = desk.post(url("checklist_toggle", ticket, item_id=item.pk), {"is_done": "on"})
        assert response.status_code == 302 and response.url.endswith("#checklist")
        desk.post(url("checklist_delete", ticket, item_id=item.pk))
        assert not ChecklistItem.objects.exists()

    def test_item_of_another_ticket_is_404(self, desk, agent, ticket, customer, support_category):
        other = make_ticket(customer, category=support_category)
        item = services.checklist_item_add(ticket=other, actor=agent, text="x")
        assert desk.post(url("checklist_toggle", ticket, item_id=item.pk), {"is_done": "on"}).status_code == 404

    def test_outsider_json_toggle_is_refused(self, client, outsider_agent, agent, ticket):
        item = services.checklist_item_add(ticket=ticket, actor=agent, text="x")
        client.force_login(outsider_agent)
        response = client.post(url("checklist_toggle", ticket, item_id=item.pk), {"is_done": "on"}, HTTP_ACCEPT="application/json")
        assert response.status_code == 404
        item.refresh_from_db()
        assert not item.is_done

    def test_empty_item_is_refused(self, desk, ticket):
        response = desk.post(url("checklist_add", ticket), {"text": ""}, follow=True)
        assert texts(response) and not ChecklistItem.objects.exists()


class DeleteTests:
    def test_lead_deletes_after_confirming(self, client, lead, ticket):
        client.force_login(lead)
        response = client.get(url("ticket_delete", ticket))
        assert response.status_code == 200 and "cannot be undone" in response.content.decode()
        response = client.post(url("ticket_delete", ticket))
        assert response.status_code == 302 and response.url == reverse("support_admin:ticket_list")
        assert not Ticket.objects.filter(pk=ticket.pk).exists()

    def test_superuser_deletes(self, client, superuser, ticket):
        client.force_login(superuser)
        client.post(url("ticket_delete", ticket))
        assert not Ticket.objects.filter(pk=ticket.pk).exists()

    def test_agent_cannot_delete(self, desk, ticket):
        assert desk.get(url("ticket_delete", ticket)).url == reverse("wagtailadmin_home")
        desk.post(url("ticket_delete", ticket))
        assert Ticket.objects.filter(pk=ticket.pk).exists()
        assert "Delete ticket" not in desk.get(ticket.get_admin_url()).content.decode()


class LinkedTasksPanelTests:
    def test_lists_the_ticket_tasks_and_offers_a_prefilled_new_one(self, desk, agent, ticket):
        from tests.factories import make_task

        make_task(agent, title="Reship the kettle", ticket=ticket)
        html = desk.get(ticket.get_admin_url()).content.decode()
        assert "Reship the kettle" in html
        assert f"{reverse('worktasks_admin:task_create')}?ticket={ticket.reference}" in html

    def test_hidden_from_desk_users_without_task_permission(self, client, ticket):
        from django.contrib.auth.models import Permission

        from portal import roles
        from tests.factories import make_user

        # A desk user who may work tickets but not tasks.
        user = make_user(roles.CUSTOMERS, email="ticketsonly@example.com")
        user.user_permissions.add(
            Permission.objects.get(codename="work_tickets"), Permission.objects.get(codename="access_admin")
        )
        ticket.department.members.add(user)
        client.force_login(user)
        html = client.get(ticket.get_admin_url()).content.decode()
        assert ticket.title in html
        assert "Create task" not in html
