from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from portal import roles
from tests.factories import make_department, make_support_category, make_task, make_ticket, make_user
from worktasks.models import Status, TaskEvent
from worktasks.services import task_create, task_update


@pytest.mark.django_db
class TaskCreateTests:
    def test_creates_a_to_do_task_watched_by_creator_and_assignee(self, agent, lead, department):
        task = task_create(
            actor=agent,
            title="  Order more boxes ",
            assignee=lead,
            team=department,
            labels=["Warehouse", "warehouse", " urgent "],
            start_date=date(2026, 1, 1),
            due_date=date(2026, 1, 2),
        )
        assert (task.title, task.status, task.creator, task.assignee, task.team) == (
            "Order more boxes", Status.TODO, agent, lead, department
        )
        assert sorted(label.name for label in task.labels.all()) == ["Warehouse", "urgent"]
        assert set(task.watchers.all()) == {agent, lead}
        assert task.events.get().kind == TaskEvent.Kind.CREATED

    @pytest.mark.parametrize("title", ["", "   ", None])
    def test_empty_title_is_refused(self, agent, title):
        with pytest.raises(ValidationError) as error:
            task_create(actor=agent, title=title)
        assert "title" in error.value.message_dict

    def test_due_before_start_is_refused(self, agent):
        with pytest.raises(ValidationError) as error:
            task_create(actor=agent, title="Plan", start_date=date(2026, 5, 2), due_date=date(2026, 5, 1))
        assert "due_date" in error.value.message_dict

    def test_due_on_the_start_day_is_fine(self, agent):
        assert task_create(actor=agent, title="Plan", start_date=date(2026, 5, 2), due_date=date(2026, 5, 2)).pk

    @pytest.mark.parametrize("role", [roles.CUSTOMERS, roles.EDITORS, roles.SHOP_MANAGERS])
    def test_assignee_without_the_task_permission_is_refused(self, agent, role):
        with pytest.raises(ValidationError) as error:
            task_create(actor=agent, title="Plan", assignee=make_user(role))
        assert "assignee" in error.value.message_dict

    def test_inactive_or_unsaved_assignee_is_refused(self, agent):
        inactive = make_user(roles.AGENTS, is_active=False)
        from portal.models import User

        for person in (inactive, User(email="ghost@example.com")):
            with pytest.raises(ValidationError):
                task_create(actor=agent, title="Plan", assignee=person)

    def test_a_customer_cannot_create_tasks(self, customer):
        with pytest.raises(PermissionDenied):
            task_create(actor=customer, title="Plan")

    def test_linking_a_ticket_the_actor_does_not_work_is_refused(self, agent, customer):
        foreign = make_ticket(customer, category=make_support_category(department=make_department("Elsewhere")))
        with pytest.raises(ValidationError) as error:
            task_create(actor=agent, title="Plan", ticket=foreign)
        assert "ticket" in error.value.message_dict

    def test_linking_a_ticket_of_the_agents_department(self, agent, ticket):
        task = task_create(actor=agent, title="Plan", ticket=ticket)
        assert list(ticket.tasks.all()) == [task]


@pytest.mark.django_db
class TaskUpdateTests:
    def test_one_history_row_per_changed_field(self, agent, lead, task):
        task_update(
            task=task,
            actor=agent,
            title="Restock the shelf",
            priority=1,
            due_date=date(2026, 6, 1),
            assignee=lead,
            description=task.description,  # unchanged: no row
            labels=["returns"],
        )
        task.refresh_from_db()
        rows = {event.kind: (event.old_value, event.new_value) for event in task.events.exclude(kind="created")}
        assert rows == {
            TaskEvent.Kind.TITLE: ("Restock the returns shelf", "Restock the shelf"),
            TaskEvent.Kind.PRIORITY: ("Medium", "Urgent"),
            TaskEvent.Kind.DUE_DATE: ("—", "2026-06-01"),
            TaskEvent.Kind.ASSIGNEE: ("—", str(lead)),
            TaskEvent.Kind.LABELS: ("—", "returns"),
        }
        assert (task.title, task.priority, task.assignee) == ("Restock the shelf", 1, lead)

    def test_nothing_changed_writes_nothing(self, agent, task):
        before = task.updated_at
        task_update(task=task, actor=agent, title=task.title)
        task.refresh_from_db()
        assert task.updated_at == before
        assert task.events.count() == 1

    def test_empty_title_is_refused(self, agent, task):
        with pytest.raises(ValidationError):
            task_update(task=task, actor=agent, title=" ")
        task.refresh_from_db()
        assert task.title == "Restock the returns shelf"

    def test_due_before_the_existing_start_is_refused(self, agent):
        task = make_task(agent, start_date=date(2026, 5, 10))
        with pytest.raises(ValidationError) as error:
            task_update(task=task, actor=agent, due_date=date(2026, 5, 9))
        assert "due_date" in error.value.message_dict

    def test_unknown_assignee_is_refused(self, agent, customer, task):
        with pytest.raises(ValidationError):
            task_update(task=task, actor=agent, assignee=customer)
        task.refresh_from_db()
        assert task.assignee is None

    def test_status_is_not_a_field_to_update(self, agent, task):
        with pytest.raises(TypeError):
            task_update(task=task, actor=agent, status=Status.DONE)
