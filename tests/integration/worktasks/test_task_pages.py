import pytest
from django.urls import reverse

from portal.models import Notification
from tests.factories import html_pretending_to_be_png, make_department, make_support_category, make_task, make_ticket, png_upload
from worktasks.models import Recurrence, Status, Task, TaskEvent

CREATE = reverse("worktasks_admin:task_create")


def form_data(**overrides):
    return {"title": "Ring the courier", "description": "", "priority": 2, "recurrence": "none", **overrides}


@pytest.mark.django_db
class TaskCreatePageTests:
    def test_create(self, client_agent, agent, lead):
        response = client_agent.post(CREATE, form_data(assignee=lead.pk, labels="calls, courier", due_date="2026-04-02", recurrence="weekly"))
        task = Task.objects.get()
        assert response.url == task.get_absolute_url()
        assert (task.title, task.assignee, task.creator, task.recurrence) == ("Ring the courier", lead, agent, Recurrence.WEEKLY)
        assert sorted(task.labels.values_list("name", flat=True)) == ["calls", "courier"]

    def test_prefilled_from_a_ticket(self, client_agent, ticket):
        response = client_agent.get(f"{CREATE}?ticket={ticket.reference}")
        form = response.context["form"]
        assert form.initial == {"title": f"{ticket.reference}: {ticket.title}", "team": ticket.department_id, "ticket": ticket.reference}
        client_agent.post(CREATE, form_data(ticket=ticket.reference, team=ticket.department_id))
        assert list(ticket.tasks.values_list("title", flat=True)) == ["Ring the courier"]

    def test_a_ticket_the_agent_does_not_work_is_not_linked(self, client_agent, customer):
        foreign = make_ticket(customer, category=make_support_category(department=make_department("Elsewhere")))
        response = client_agent.get(f"{CREATE}?ticket={foreign.reference}")
        assert response.context["form"].initial == {}
        response = client_agent.post(CREATE, form_data(ticket=foreign.reference))
        assert response.status_code == 200
        assert "not a ticket you work" in response.context["form"].errors["ticket"][0]
        assert not Task.objects.exists()

    @pytest.mark.parametrize(
        "overrides,field",
        [
            ({"title": "  "}, "title"),
            ({"start_date": "2026-05-02", "due_date": "2026-05-01"}, "due_date"),
            ({"assignee": "999999"}, "assignee"),
            ({"ticket": "not-a-ticket"}, "ticket"),
        ],
    )
    def test_bad_input_is_shown_on_the_form(self, client_agent, overrides, field):
        response = client_agent.post(CREATE, form_data(**overrides))
        assert response.status_code == 200
        assert field in response.context["form"].errors
        assert not Task.objects.exists()

    def test_an_assignee_who_cannot_work_tasks_is_refused(self, client_agent, customer):
        response = client_agent.post(CREATE, form_data(assignee=customer.pk))
        assert "assignee" in response.context["form"].errors
        assert not Task.objects.exists()


@pytest.mark.django_db
class TaskDetailPageTests:
    def test_detail_shows_everything(self, client_agent, agent, task):
        from worktasks.services import checklist_item_add, task_attach, task_comment

        checklist_item_add(task=task, actor=agent, text="Find the boxes")
        task_comment(task=task, author=agent, body="Started")
        task_attach(task=task, actor=agent, uploads=[png_upload("shelf.png")])
        html = client_agent.get(task.get_absolute_url()).content.decode()
        for text in ("Find the boxes", "Started", "shelf.png", "History", "Created", "worktasks/task_detail.js"):
            assert text in html

    def test_edit_records_history(self, client_agent, agent, lead, task):
        response = client_agent.post(reverse("worktasks_admin:task_edit", args=[task.pk]), form_data(title="Restock", assignee=lead.pk))
        assert response.status_code == 302
        task.refresh_from_db()
        assert (task.title, task.assignee) == ("Restock", lead)
        assert set(task.events.values_list("kind", flat=True)) >= {TaskEvent.Kind.TITLE, TaskEvent.Kind.ASSIGNEE, TaskEvent.Kind.PRIORITY}
        assert Notification.objects.filter(recipient=lead, title__startswith="Task assigned").exists()

    def test_edit_refuses_due_before_start(self, client_agent, task):
        response = client_agent.post(reverse("worktasks_admin:task_edit", args=[task.pk]), form_data(start_date="2026-05-02", due_date="2026-05-01"))
        assert "due_date" in response.context["form"].errors

    def test_move_from_the_detail_page(self, client_agent, task):
        url = task.get_absolute_url()
        response = client_agent.post(reverse("worktasks_admin:task_move", args=[task.pk]), {"status": "done", "next": url})
        assert response.url == url
        task.refresh_from_db()
        assert task.status == Status.DONE and task.completed_at

    def test_comment(self, client_agent, task):
        client_agent.post(reverse("worktasks_admin:task_comment", args=[task.pk]), {"body": "Looks good"})
        assert task.comments.get().body == "Looks good"

    def test_checklist_add_tick_without_reload_and_delete(self, client_agent, task):
        client_agent.post(reverse("worktasks_admin:checklist_add", args=[task.pk]), {"text": "Box up"})
        item = task.checklist.get()
        url = reverse("worktasks_admin:checklist_toggle", args=[task.pk, item.pk])
        response = client_agent.post(url, {"is_done": "on"}, HTTP_ACCEPT="application/json")
        assert response.json() == {"ok": True, "is_done": True, "done": 1, "total": 1}
        response = client_agent.post(url, {"is_done": ""}, HTTP_ACCEPT="application/json")
        assert response.json()["is_done"] is False
        client_agent.post(reverse("worktasks_admin:checklist_delete", args=[task.pk, item.pk]))
        assert not task.checklist.exists()

    def test_checklist_item_of_another_task_is_404(self, client_agent, agent, task):
        from worktasks.services import checklist_item_add

        other = make_task(agent, title="Other")
        item = checklist_item_add(task=other, actor=agent, text="Theirs")
        url = reverse("worktasks_admin:checklist_toggle", args=[task.pk, item.pk])
        assert client_agent.post(url, {"is_done": "on"}).status_code == 404

    def test_attachments_are_checked_and_downloaded_safely(self, client_agent, task):
        url = reverse("worktasks_admin:attachment_add", args=[task.pk])
        client_agent.post(url, {"files": [html_pretending_to_be_png()]})
        assert not task.attachments.exists()
        client_agent.post(url, {"files": [png_upload("photo.png")]})
        attachment = task.attachments.get()
        response = client_agent.get(reverse("worktasks_admin:attachment_download", args=[task.pk, attachment.pk]))
        assert response.status_code == 200
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Disposition"].startswith("attachment")
        assert 'filename="photo.png"' in response["Content-Disposition"]
        assert response["Content-Type"] == "image/png"
        b"".join(response.streaming_content)
        # Through another task's URL the file does not exist.
        other = make_task(None, title="Other")
        assert client_agent.get(reverse("worktasks_admin:attachment_download", args=[other.pk, attachment.pk])).status_code == 404

    def test_watch_and_unwatch(self, client_agent, agent, task):
        url = reverse("worktasks_admin:task_watch", args=[task.pk])
        client_agent.post(url, {"watching": "0"})
        assert agent not in task.watchers.all()
        client_agent.post(url, {"watching": "1"})
        assert agent in task.watchers.all()


@pytest.mark.django_db
class HomePanelTests:
    def test_my_tasks_due_soon_and_overdue(self, client_agent, agent, lead):
        from datetime import timedelta

        from django.utils import timezone

        today = timezone.localdate()
        make_task(agent, title="Mine overdue", assignee=agent, due_date=today - timedelta(days=1))
        make_task(agent, title="Mine soon", assignee=agent, due_date=today + timedelta(days=3))
        make_task(agent, title="Mine far off", assignee=agent, due_date=today + timedelta(days=30))
        make_task(agent, title="Mine done", assignee=agent, due_date=today, status=Status.DONE)
        make_task(agent, title="Someone else's", assignee=lead, due_date=today)
        html = client_agent.get(reverse("wagtailadmin_home")).content.decode()
        assert "My tasks due soon" in html
        assert "Mine overdue" in html and "Mine soon" in html
        for absent in ("Mine far off", "Mine done", "Someone else"):
            assert absent not in html
        assert html.index("Mine overdue") < html.index("Mine soon")

    def test_not_shown_to_editors(self, client, editor):
        client.force_login(editor)
        assert "My tasks due soon" not in client.get(reverse("wagtailadmin_home")).content.decode()
