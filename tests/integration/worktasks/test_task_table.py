from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_task
from worktasks.models import Status, Task
from worktasks.services import checklist_item_add, checklist_item_set_done

TABLE = reverse("worktasks_admin:task_list")
BOARD = reverse("worktasks_admin:board")


def titles(response):
    return [task.title for task in response.context["table"].page.object_list.data] if "table" in response.context else [
        task.title for column in response.context["columns"] for task in column["tasks"]
    ]


def rows(response):
    return [row.record.title for row in response.context["table"].page.object_list]


@pytest.mark.django_db
class TaskTableFilterTests:
    @pytest.fixture
    def tasks(self, agent, lead, department, ticket):
        today = timezone.localdate()
        return {
            "mine_overdue": make_task(agent, title="Mine overdue", assignee=agent, due_date=today - timedelta(days=2)),
            "lead_today": make_task(agent, title="Lead today", assignee=lead, due_date=today, team=department, labels=["billing"]),
            "unassigned_nodate": make_task(agent, title="Nobody's, no date", description="about the parcel"),
            "done_late": make_task(agent, title="Done late", assignee=agent, due_date=today - timedelta(days=5), status=Status.DONE),
            "linked": make_task(agent, title="Linked", ticket=ticket, priority=1),
        }

    @pytest.mark.parametrize(
        "query,expected",
        [
            ("assignee=me", {"Mine overdue", "Done late"}),
            ("assignee=unassigned", {"Nobody's, no date", "Linked"}),
            ("due=overdue", {"Mine overdue"}),
            ("due=today", {"Lead today"}),
            ("due=none", {"Nobody's, no date", "Linked"}),
            ("status=done", {"Done late"}),
            ("priority=1", {"Linked"}),
            ("label=billing", {"Lead today"}),
            ("q=parcel", {"Nobody's, no date"}),
            ("q=LINKED", {"Linked"}),
            ("ticket=nonsense", set()),
        ],
    )
    def test_filters(self, client_agent, tasks, query, expected):
        if query.startswith("label="):
            from worktasks.models import Label

            query = f"label={Label.objects.get(name='billing').pk}"
        response = client_agent.get(f"{TABLE}?{query}")
        assert set(rows(response)) == expected

    def test_filter_by_team_assignee_id_and_ticket_reference(self, client_agent, tasks, lead, department, ticket):
        assert rows(client_agent.get(f"{TABLE}?team={department.pk}")) == ["Lead today"]
        assert rows(client_agent.get(f"{TABLE}?assignee={lead.pk}")) == ["Lead today"]
        assert rows(client_agent.get(f"{TABLE}?ticket={ticket.reference}")) == ["Linked"]
        assert rows(client_agent.get(f"{TABLE}?q={ticket.reference}")) == ["Linked"]

    def test_the_board_uses_the_same_filters(self, client_agent, tasks):
        response = client_agent.get(f"{BOARD}?assignee=me")
        assert {t.title for column in response.context["columns"] for t in column["tasks"]} == {"Mine overdue", "Done late"}

    def test_overdue_due_dates_are_highlighted(self, client_agent, tasks):
        html = client_agent.get(TABLE).content.decode()
        assert html.count("task-overdue-badge") == 1  # the done task is late but not overdue

    def test_sorting_and_checklist_progress(self, client_agent, agent, tasks):
        item = checklist_item_add(task=tasks["linked"], actor=agent, text="One")
        checklist_item_add(task=tasks["linked"], actor=agent, text="Two")
        checklist_item_set_done(item=item, actor=agent, is_done=True)
        response = client_agent.get(f"{TABLE}?sort=priority")
        assert rows(response)[0] == "Linked"
        assert "1/2" in response.content.decode()
        response = client_agent.get(f"{TABLE}?sort=-checklist")
        assert rows(response)[0] == "Linked"
        assert rows(client_agent.get(f"{TABLE}?sort=title")) == sorted(rows(response))

    def test_fifty_per_page(self, client_agent, agent):
        for n in range(51):
            Task.objects.create(title=f"Bulk {n}", creator=agent)
        response = client_agent.get(TABLE)
        assert len(rows(response)) == 50
        assert response.context["table"].page.paginator.num_pages == 2

    @pytest.mark.parametrize("per_page,shown", [("0", 50), ("-5", 1), ("2", 2), ("100000", 100), ("abc", 50)])
    def test_rows_per_page_from_the_address_stay_within_bounds(self, client_agent, agent, per_page, shown):
        Task.objects.bulk_create([Task(title=f"Bulk {n}", creator=agent) for n in range(120)])
        response = client_agent.get(TABLE, {"per_page": per_page})
        assert response.status_code == 200
        assert len(rows(response)) == shown

    def test_csv_export_follows_the_filters(self, client_agent, tasks, ticket):
        response = client_agent.get(f"{TABLE}?assignee=unassigned&sort=title&export=csv")
        assert response["Content-Type"].startswith("text/csv")
        assert "attachment" in response["Content-Disposition"]
        lines = response.content.decode().splitlines()
        assert lines[0] == "Title,Status,Priority,Assignee,Team,Due,Ticket,Checklist,Updated"
        assert lines[1].startswith(f"Linked,To do,Urgent,,,,{ticket.reference},,")
        assert len(lines) == 3


@pytest.mark.django_db
class TaskTableRowTests:
    def test_text_from_people_is_escaped(self, client, lead, department):
        from tests.factories import make_user

        client.force_login(lead)
        department.name = "Ops <i>&</i> more"
        department.save()
        person = make_user("Agents", display_name="<b>Bold</b> Agent")
        task = make_task(lead, title="<script>alert(1)</script> & co", team=department, assignee=person)
        html = client.get(TABLE).content.decode()
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html
        assert "&lt;b&gt;Bold&lt;/b&gt; Agent" in html
        assert "Ops &lt;i&gt;&amp;&lt;/i&gt; more" in html
        assert f'href="{reverse("worktasks_admin:task_detail", args=[task.pk])}"' in html


@pytest.mark.django_db
class BulkActionTests:
    url = reverse("worktasks_admin:bulk_action")

    def test_assign(self, client_agent, agent, lead):
        tasks = [make_task(agent, title=f"T{n}") for n in range(3)]
        response = client_agent.post(self.url, {"action": "assign", "assignee": lead.pk, "task": [t.pk for t in tasks[:2]], "next": TABLE + "?status=todo"})
        assert response.url == TABLE + "?status=todo"
        assert [t.assignee for t in Task.objects.order_by("title")] == [lead, lead, None]

    def test_assigning_someone_who_cannot_work_tasks_reports_each_failure(self, client_agent, agent, customer):
        tasks = [make_task(agent, title=f"T{n}") for n in range(2)]
        response = client_agent.post(self.url, {"action": "assign", "assignee": customer.pk, "task": [t.pk for t in tasks]})
        assert len([m for m in get_messages(response.wsgi_request) if m.level_tag == "error"]) == 2
        assert not Task.objects.filter(assignee__isnull=False).exists()

    def test_change_status_goes_through_the_transition_table(self, client_agent, agent):
        open_task = make_task(agent, title="Open")
        done = make_task(agent, title="Finished", status=Status.DONE)
        response = client_agent.post(self.url, {"action": "status", "status": "in_progress", "task": [open_task.pk, done.pk]})
        texts = [str(m) for m in get_messages(response.wsgi_request)]
        assert texts == ["Updated 1 task.", "“Finished”: A task that is Done can only be reopened to To do."]
        assert dict(Task.objects.values_list("title", "status")) == {"Open": "in_progress", "Finished": "done"}

    def test_bulk_block_needs_a_reason(self, client_agent, agent):
        task = make_task(agent)
        client_agent.post(self.url, {"action": "status", "status": "blocked", "task": [task.pk]})
        task.refresh_from_db()
        assert task.status == Status.TODO
        client_agent.post(self.url, {"action": "status", "status": "blocked", "reason": "Stock", "task": [task.pk]})
        task.refresh_from_db()
        assert (task.status, task.blocked_reason) == (Status.BLOCKED, "Stock")

    def test_set_due_date_refuses_dates_before_the_start(self, client_agent, agent):
        today = timezone.localdate()
        plain = make_task(agent, title="Plain")
        starts_later = make_task(agent, title="Starts later", start_date=today + timedelta(days=10))
        response = client_agent.post(self.url, {"action": "due_date", "due_date": (today + timedelta(days=3)).isoformat(), "task": [plain.pk, starts_later.pk]})
        plain.refresh_from_db(), starts_later.refresh_from_db()
        assert plain.due_date == today + timedelta(days=3) and starts_later.due_date is None
        assert any("before the start date" in str(m) for m in get_messages(response.wsgi_request))

    def test_nothing_selected_is_an_error_message(self, client_agent):
        response = client_agent.post(self.url, {"action": "assign"})
        assert [str(m) for m in get_messages(response.wsgi_request)] == ["Choose an action and at least one task."]


def _populate(agent, lead, department, ticket, count, start=0):
    for n in range(start, count):
        task = make_task(
            agent, title=f"Task {n:03d}", assignee=lead if n % 2 else agent, team=department,
            ticket=ticket if n % 3 == 0 else None, labels=["routine", f"l{n % 4}"],
            due_date=timezone.localdate() + timedelta(days=n - 10),
        )
        checklist_item_add(task=task, actor=agent, text="Step")


@pytest.mark.django_db
class TaskListQueryCountTests:
    @pytest.mark.parametrize("url", [TABLE, TABLE + "?sort=-checklist&assignee=me", BOARD, BOARD + "?assignee=me"])
    def test_same_queries_for_1_and_50_tasks(self, client_agent, agent, lead, department, ticket, url, django_assert_num_queries):
        _populate(agent, lead, department, ticket, 1)
        client_agent.get(url)  # warm caches (site root, content types)
        with CaptureQueriesContext(connection) as one:
            assert client_agent.get(url).status_code == 200
        _populate(agent, lead, department, ticket, 50, start=1)
        with django_assert_num_queries(len(one)):
            response = client_agent.get(url)
        shown = rows(response) if "table" in response.context else [t for c in response.context["columns"] for t in c["tasks"]]
        assert len(shown) > 1
