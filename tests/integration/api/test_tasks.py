"""Work tasks over the API: the team only."""

import pytest

from worktasks.models import Status, Task, TaskComment
from tests.factories import make_task

TASKS = "/api/v1/tasks/"


def url(task, suffix=""):
    return f"{TASKS}{task.pk}/{suffix}"


@pytest.mark.parametrize("role", ["customer", "other_customer"])
def test_customers_get_403_everywhere(api, request, task, role):
    client = api(request.getfixturevalue(role))
    assert client.get(TASKS).status_code == 403
    assert client.post(TASKS, {"title": "x"}).status_code == 403
    assert client.get(url(task)).status_code == 403
    assert client.patch(url(task), {"title": "x"}).status_code == 403
    assert client.delete(url(task)).status_code == 403
    assert client.post(url(task, "transition/"), {"status": "done"}).status_code == 403
    assert client.post(url(task, "assign/"), {"assignee": None}).status_code == 403
    assert client.post(url(task, "comments/"), {"body": "x"}).status_code == 403


def test_anonymous_gets_401(api, task):
    assert api().get(TASKS).status_code == 401
    assert api().get(url(task)).status_code == 401
    assert api().post(TASKS, {"title": "x"}).status_code == 401


@pytest.mark.parametrize("role", ["agent", "outsider_agent", "lead"])
def test_the_team_lists_and_reads_every_task(api, request, task, role):
    client = api(request.getfixturevalue(role))
    assert [row["id"] for row in client.get(TASKS).json()["results"]] == [task.pk]
    assert client.get(url(task)).json()["title"] == "Restock the returns shelf"


def test_list_uses_the_tables_filters_and_sorting(api, agent, lead, ticket):
    mine = make_task(agent, title="Mine", assignee=agent, priority=1, ticket=ticket)
    blocked = make_task(agent, title="Blocked one", status=Status.BLOCKED, priority=4)
    client = api(agent)

    def ids(params):
        response = client.get(TASKS, params)
        assert response.status_code == 200, response.content
        return [row["id"] for row in response.json()["results"]]

    assert ids({"assignee": "me"}) == [mine.pk]
    assert ids({"status": "blocked"}) == [blocked.pk]
    assert ids({"ticket": ticket.reference}) == [mine.pk]
    assert ids({"q": "blocked"}) == [blocked.pk]
    assert ids({"ordering": "priority"}) == [mine.pk, blocked.pk]
    assert ids({"ordering": "-priority"}) == [blocked.pk, mine.pk]
    response = client.get(TASKS, {"status": "flying", "due": "someday"})
    assert response.status_code == 400 and set(response.json()) == {"status", "due"}


def test_create_update_and_history(api, agent, lead, ticket):
    response = api(agent).post(
        TASKS,
        {"title": "Phone the courier", "priority": 2, "assignee": lead.pk, "labels": ["Courier"], "ticket": ticket.reference,
         "due_date": "2030-01-31"},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["assignee"]["id"] == lead.pk and body["labels"] == ["Courier"] and body["ticket"] == ticket.reference
    task = Task.objects.get(pk=body["id"])
    assert task.creator == agent
    assert lead.portal_notifications.filter(title__contains="Phone the courier").exists()

    response = api(agent).patch(url(task), {"title": "Phone the courier again", "labels": []})
    assert response.status_code == 200
    assert response.json()["title"] == "Phone the courier again" and response.json()["labels"] == []
    assert {"title", "labels"} <= set(task.events.values_list("kind", flat=True))

    response = api(agent).put(url(task), {"title": "Only the title"})
    assert response.status_code == 200


def test_create_and_update_errors(api, agent, customer, outsider_agent, ticket):
    response = api(agent).post(TASKS, {"title": "", "priority": 9})
    assert response.status_code == 400 and set(response.json()) == {"title", "priority"}
    response = api(agent).post(TASKS, {"title": "x", "start_date": "2030-02-01", "due_date": "2030-01-01"})
    assert response.status_code == 400 and "due_date" in response.json()
    response = api(agent).post(TASKS, {"title": "x", "assignee": customer.pk})
    assert response.status_code == 400 and "assignee" in response.json()
    response = api(agent).post(TASKS, {"title": "x", "ticket": "T-999999"})
    assert response.status_code == 400 and "ticket" in response.json()
    # A ticket of a department the agent does not work: the service refuses the link.
    response = api(outsider_agent).post(TASKS, {"title": "x", "ticket": ticket.reference})
    assert response.status_code == 400 and "ticket" in response.json()
    assert api(agent).put(url(make_task(agent)), {}).status_code == 400


def test_unknown_task_is_404(api, agent):
    assert api(agent).get(f"{TASKS}999999/").status_code == 404
    assert api(agent).get(f"{TASKS}abc/").status_code == 404


def test_delete_needs_the_delete_permission(api, agent, lead, task):
    assert api(agent).delete(url(task)).status_code == 403
    assert api(lead).delete(url(task)).status_code == 204
    assert not Task.objects.filter(pk=task.pk).exists()


def test_transitions(api, agent, task):
    client = api(agent)
    response = client.post(url(task, "transition/"), {"status": "in_progress"})
    assert response.status_code == 200 and response.json()["status"] == "in_progress"
    assert client.post(url(task, "transition/"), {"status": "in_progress"}).status_code == 409
    response = client.post(url(task, "transition/"), {"status": "blocked"})
    assert response.status_code == 400 and "reason" in response.json()
    assert client.post(url(task, "transition/"), {"status": "blocked", "reason": "Supplier"}).status_code == 200
    response = client.post(url(task, "transition/"), {"status": "done"})
    assert response.status_code == 409 and "cannot be moved" in response.json()["detail"]
    assert client.post(url(task, "transition/"), {"status": "flying"}).status_code == 400


def test_assign(api, agent, lead, customer, task):
    client = api(agent)
    assert client.post(url(task, "assign/"), {"assignee": lead.pk}).json()["assignee"]["id"] == lead.pk
    assert client.post(url(task, "assign/"), {"assignee": None}).json()["assignee"] is None
    assert client.post(url(task, "assign/"), {"assignee": customer.pk}).status_code == 400
    assert client.post(url(task, "assign/"), {}).status_code == 400


def test_comments(api, agent, lead, task):
    response = api(lead).post(url(task, "comments/"), {"body": "On it"})
    assert response.status_code == 201 and response.json()["author"]["id"] == lead.pk
    assert [c["body"] for c in api(agent).get(url(task, "comments/")).json()] == ["On it"]
    assert agent.portal_notifications.filter(title__contains="New comment").exists()
    assert api(lead).post(url(task, "comments/"), {"body": ""}).status_code == 400
    assert TaskComment.objects.count() == 1


def test_creating_tasks_is_throttled(api, agent, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"token": "1000/min", "create": "1/min"}}
    client = api(agent)
    assert [client.post(TASKS, {"title": "t"}).status_code for _ in range(2)] == [201, 429]
