import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from portal import roles
from tests.factories import make_task, make_user
from worktasks.models import Status

JSON = {"HTTP_ACCEPT": "application/json"}


def move_url(task):
    return reverse("worktasks_admin:task_move", args=[task.pk])


@pytest.mark.django_db
class BoardMoveTests:
    def test_allowed_move_answers_json_and_persists(self, client_agent, task):
        response = client_agent.post(move_url(task), {"status": "in_progress"}, **JSON)
        assert response.status_code == 200
        body = response.json()
        assert body["ok"] and body["status"] == "in_progress" and body["status_label"] == "In progress"
        assert {"value": "done", "label": "Done"} in body["allowed"]
        task.refresh_from_db()
        assert task.status == Status.IN_PROGRESS

    def test_refused_move_answers_400_with_the_reason(self, client_agent, agent):
        task = make_task(agent, status=Status.DONE)
        response = client_agent.post(move_url(task), {"status": "in_progress"}, **JSON)
        assert response.status_code == 400
        assert response.json() == {"ok": False, "error": "A task that is Done can only be reopened to To do.", "status": "done"}
        task.refresh_from_db()
        assert task.status == Status.DONE

    def test_blocked_without_a_reason_is_refused(self, client_agent, task):
        response = client_agent.post(move_url(task), {"status": "blocked"}, **JSON)
        assert response.status_code == 400
        assert "blocked on" in response.json()["error"]
        response = client_agent.post(move_url(task), {"status": "blocked", "reason": "No stock"}, **JSON)
        assert response.json()["ok"]
        task.refresh_from_db()
        assert task.blocked_reason == "No stock"

    def test_missing_csrf_token_is_refused(self, agent, task):
        client = Client(enforce_csrf_checks=True)
        client.force_login(agent)
        response = client.post(move_url(task), {"status": "in_progress"}, **JSON)
        assert response.status_code == 403
        task.refresh_from_db()
        assert task.status == Status.TODO

    def test_with_the_csrf_token_from_the_board_it_works(self, agent, task):
        client = Client(enforce_csrf_checks=True)
        client.force_login(agent)
        board = client.get(reverse("worktasks_admin:board"))
        token = board.context["csrf_token"]
        response = client.post(move_url(task), {"status": "in_progress", "csrfmiddlewaretoken": str(token)}, **JSON)
        assert response.status_code == 200

    @pytest.mark.parametrize("role", [roles.EDITORS, roles.SHOP_MANAGERS])
    def test_wrong_user_is_refused_with_403(self, client, task, role):
        client.force_login(make_user(role))
        response = client.post(move_url(task), {"status": "in_progress"}, **JSON)
        assert response.status_code == 403
        assert response.json()["ok"] is False
        task.refresh_from_db()
        assert task.status == Status.TODO

    def test_a_customer_is_sent_away(self, client, customer, task):
        client.force_login(customer)
        response = client.post(move_url(task), {"status": "in_progress"}, **JSON)
        assert response.status_code == 302
        task.refresh_from_db()
        assert task.status == Status.TODO

    def test_unknown_task_is_404(self, client_agent):
        assert client_agent.post("/admin/worktasks/tasks/999999/move/", {"status": "done"}, **JSON).status_code == 404

    def test_without_javascript_the_status_menu_posts_and_redirects(self, client_agent, task):
        board = reverse("worktasks_admin:board") + "?priority=3"
        response = client_agent.post(move_url(task), {"status": "done", "next": board})
        assert response.status_code == 302 and response.url == board
        task.refresh_from_db()
        assert task.status == Status.DONE
        response = client_agent.post(move_url(task), {"status": "blocked", "next": board})
        assert response.url == board
        assert "can only be reopened" in [str(m) for m in get_messages(response.wsgi_request)][-1]

    def test_an_offsite_next_is_ignored(self, client_agent, task):
        response = client_agent.post(move_url(task), {"status": "done", "next": "https://evil.example/"})
        assert response.url == reverse("worktasks_admin:board")

    def test_the_board_shows_a_column_per_status_and_each_cards_menu(self, client_agent, agent):
        make_task(agent, title="Blocked one", status=Status.BLOCKED)
        response = client_agent.get(reverse("worktasks_admin:board"))
        columns = response.context["columns"]
        assert [column["status"] for column in columns] == list(Status)
        blocked = columns[2]["tasks"][0]
        assert blocked.allowed == [Status.TODO, Status.IN_PROGRESS, Status.CANCELLED]
        assert b"worktasks/board.js" in response.content
        assert b'draggable="true"' in response.content

    def test_a_full_column_links_to_the_rest_and_others_still_get_their_cards(self, client_agent, agent, monkeypatch):
        from worktasks import selectors
        from worktasks.models import Task

        monkeypatch.setattr(selectors, "BOARD_CARDS_PER_COLUMN", 2)
        Task.objects.bulk_create([Task(title=f"Done {n}", status=Status.DONE, creator=agent) for n in range(5)])
        make_task(agent, title="Still to do")
        response = client_agent.get(reverse("worktasks_admin:board"))
        columns = {column["status"]: column for column in response.context["columns"]}
        assert len(columns[Status.DONE]["tasks"]) == 2 and columns[Status.DONE]["more"]
        assert [task.title for task in columns[Status.TODO]["tasks"]] == ["Still to do"]
        assert not columns[Status.TODO]["more"]
        assert "status=done\">All done tasks in the table</a>" in response.content.decode()
