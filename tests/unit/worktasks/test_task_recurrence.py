from datetime import date

import pytest
from django.utils import timezone

from tests.factories import make_task
from worktasks.models import Recurrence, Status, Task
from worktasks.services import add_months, checklist_item_add, checklist_item_set_done, task_transition


@pytest.mark.django_db
class TaskRecurrenceTests:
    @pytest.mark.parametrize(
        "recurrence,start,due,next_start,next_due",
        [
            (Recurrence.DAILY, date(2026, 3, 2), date(2026, 3, 3), date(2026, 3, 3), date(2026, 3, 4)),
            (Recurrence.WEEKLY, date(2026, 3, 2), date(2026, 3, 6), date(2026, 3, 9), date(2026, 3, 13)),
            (Recurrence.MONTHLY, date(2026, 1, 15), date(2026, 1, 31), date(2026, 2, 15), date(2026, 2, 28)),
            (Recurrence.MONTHLY, None, date(2026, 12, 10), None, date(2027, 1, 10)),
        ],
    )
    def test_completing_creates_the_next_occurrence_with_shifted_dates(
        self, agent, lead, recurrence, start, due, next_start, next_due
    ):
        task = make_task(
            agent, recurrence=recurrence, start_date=start, due_date=due, assignee=lead, labels=["routine"], priority=2
        )
        checklist_item_add(task=task, actor=agent, text="Count the boxes")
        checklist_item_set_done(item=task.checklist.get(), actor=agent, is_done=True)
        task_transition(task=task, actor=agent, to_status=Status.DONE)

        following = Task.objects.get(previous_occurrence=task)
        assert (following.start_date, following.due_date) == (next_start, next_due)
        assert following.status == Status.TODO
        assert following.recurrence == recurrence
        assert (following.title, following.priority, following.assignee, following.creator) == (task.title, 2, lead, agent)
        assert [label.name for label in following.labels.all()] == ["routine"]
        assert [(item.text, item.is_done) for item in following.checklist.all()] == [("Count the boxes", False)]
        assert set(following.watchers.all()) >= {agent, lead}

    def test_without_dates_the_next_one_is_due_a_period_after_completion(self, agent):
        task = make_task(agent, recurrence=Recurrence.WEEKLY)
        task_transition(task=task, actor=agent, to_status=Status.DONE)
        following = task.next_occurrences.get()
        assert following.due_date == timezone.localdate(task.completed_at) + (date(2026, 1, 8) - date(2026, 1, 1))

    def test_reopening_and_completing_again_does_not_create_a_second(self, agent):
        task = make_task(agent, recurrence=Recurrence.DAILY, due_date=date(2026, 5, 1))
        task_transition(task=task, actor=agent, to_status=Status.DONE)
        task_transition(task=task, actor=agent, to_status=Status.TODO)
        task_transition(task=task, actor=agent, to_status=Status.DONE)
        assert task.next_occurrences.count() == 1

    @pytest.mark.parametrize("status", [Status.CANCELLED, Status.IN_PROGRESS, Status.BLOCKED])
    def test_only_completing_creates_the_next(self, agent, status):
        task = make_task(agent, recurrence=Recurrence.DAILY, due_date=date(2026, 5, 1))
        task_transition(task=task, actor=agent, to_status=status, reason="Stuck")
        assert not task.next_occurrences.exists()

    def test_a_task_that_does_not_repeat_creates_nothing(self, agent):
        task = make_task(agent, due_date=date(2026, 5, 1))
        task_transition(task=task, actor=agent, to_status=Status.DONE)
        assert Task.objects.count() == 1

    @pytest.mark.parametrize(
        "day,months,expected",
        [
            (date(2026, 1, 31), 1, date(2026, 2, 28)),
            (date(2028, 1, 31), 1, date(2028, 2, 29)),
            (date(2026, 12, 15), 1, date(2027, 1, 15)),
            (date(2026, 3, 31), 1, date(2026, 4, 30)),
        ],
    )
    def test_add_months_clamps_to_the_end_of_a_shorter_month(self, day, months, expected):
        assert add_months(day, months) == expected


