"""Everyone without worktasks.work_tasks is refused at every task URL; agents and leads get in."""

import pytest
from django.urls import reverse

from portal import roles
from tests.factories import make_user, png_upload
from worktasks.models import Status, Task
from worktasks.services import checklist_item_add, task_attach


@pytest.fixture
def task_with_things(agent, task):
    checklist_item_add(task=task, actor=agent, text="Count")
    task_attach(task=task, actor=agent, uploads=[png_upload()])
    return task


def page_urls(task):
    item, attachment = task.checklist.get(), task.attachments.get()
    return [
        reverse("worktasks_admin:task_list"),
        reverse("worktasks_admin:task_list") + "?export=csv",
        reverse("worktasks_admin:board"),
        reverse("worktasks_admin:task_create"),
        reverse("worktasks_admin:task_detail", args=[task.pk]),
        reverse("worktasks_admin:task_edit", args=[task.pk]),
        reverse("worktasks_admin:attachment_download", args=[task.pk, attachment.pk]),
    ], [
        (reverse("worktasks_admin:bulk_action"), {"action": "status", "task": [task.pk], "status": "done"}),
        (reverse("worktasks_admin:task_create"), {"title": "Sneaky", "priority": 3, "recurrence": "none"}),
        (reverse("worktasks_admin:task_edit", args=[task.pk]), {"title": "Sneaky", "priority": 3, "recurrence": "none"}),
        (reverse("worktasks_admin:task_move", args=[task.pk]), {"status": "done"}),
        (reverse("worktasks_admin:task_comment", args=[task.pk]), {"body": "Sneaky"}),
        (reverse("worktasks_admin:checklist_add", args=[task.pk]), {"text": "Sneaky"}),
        (reverse("worktasks_admin:checklist_toggle", args=[task.pk, item.pk]), {"is_done": "on"}),
        (reverse("worktasks_admin:checklist_delete", args=[task.pk, item.pk]), {}),
        (reverse("worktasks_admin:attachment_add", args=[task.pk]), {}),
        (reverse("worktasks_admin:task_watch", args=[task.pk]), {"watching": "1"}),
        (reverse("worktasks_admin:task_delete", args=[task.pk]), {}),
    ]


OUTSIDERS = [roles.CUSTOMERS, roles.EDITORS, roles.MODERATORS, roles.SHOP_MANAGERS]


@pytest.mark.django_db
class TaskPermissionTests:
    @pytest.mark.parametrize("role", [None, *OUTSIDERS])
    def test_outsiders_are_refused_everywhere(self, client, task_with_things, role):
        if role is not None:
            client.force_login(make_user(role))
        gets, posts = page_urls(task_with_things)
        for url in gets:
            response = client.get(url)
            assert response.status_code in (302, 403), url
            assert b"Restock the returns shelf" not in response.content
        for url, data in posts:
            response = client.post(url, data)
            assert response.status_code in (302, 403), url
        task = Task.objects.get()
        assert (task.title, task.status, task.comments.count(), task.checklist.count(), task.attachments.count()) == (
            "Restock the returns shelf", Status.TODO, 0, 1, 1
        )
        assert not task.checklist.get().is_done
        assert Task.objects.count() == 1

    def test_admin_users_without_the_permission_get_a_plain_403(self, client, task_with_things):
        client.force_login(make_user(roles.EDITORS))
        gets, posts = page_urls(task_with_things)
        assert {client.get(url).status_code for url in gets} == {403}
        assert {client.post(url, data).status_code for url, data in posts} == {403}

    @pytest.mark.parametrize("who", ["agent", "lead", "superuser"])
    def test_task_users_open_every_page(self, client, task_with_things, who, request):
        client.force_login(request.getfixturevalue(who))
        gets, _ = page_urls(task_with_things)
        for url in gets:
            assert client.get(url).status_code == 200, url

    def test_only_leads_may_delete(self, client, agent, lead, task):
        url = reverse("worktasks_admin:task_delete", args=[task.pk])
        client.force_login(agent)
        assert client.post(url).status_code == 403
        assert Task.objects.filter(pk=task.pk).exists()
        client.force_login(lead)
        assert client.post(url).status_code == 302
        assert not Task.objects.filter(pk=task.pk).exists()

    def test_state_changing_views_refuse_get(self, client_agent, task):
        for name in ("task_move", "task_comment", "checklist_add", "task_watch", "task_delete", "attachment_add"):
            assert client_agent.get(reverse(f"worktasks_admin:{name}", args=[task.pk])).status_code == 405

    def test_the_menu_shows_tasks_only_to_task_users(self, client, agent):
        editor = make_user(roles.EDITORS)
        client.force_login(agent)
        assert reverse("worktasks_admin:board").encode() in client.get(reverse("wagtailadmin_home")).content
        client.force_login(editor)
        assert reverse("worktasks_admin:board").encode() not in client.get(reverse("wagtailadmin_home")).content
