from datetime import date, timedelta

import pytest
from django.core import mail

from portal.models import Notification
from tests.factories import make_task
from worktasks.models import Status
from worktasks.services import (
    task_assign,
    task_comment,
    task_transition,
    task_watch,
    tasks_notify_due_tomorrow,
    tasks_notify_overdue,
    tasks_send_daily_reminders,
)

TODAY = date(2026, 3, 10)


def notified(title_start):
    return sorted(n.recipient.email for n in Notification.objects.filter(title__startswith=title_start))


@pytest.mark.django_db
class AssignedNotificationTests:
    def test_the_new_assignee_is_told_in_app_and_by_email_after_commit(self, agent, lead, task, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            task_assign(task=task, actor=agent, assignee=lead)
        assert notified("Task assigned to you") == [lead.email]
        assert [message.to for message in mail.outbox] == [[lead.email]]
        assert task.get_absolute_url() in mail.outbox[0].body

    def test_taking_a_task_yourself_tells_nobody(self, agent, task):
        task_assign(task=task, actor=agent, assignee=agent)
        assert notified("Task assigned") == []

    def test_creating_an_assigned_task_tells_the_assignee(self, agent, lead):
        make_task(agent, assignee=lead)
        assert notified("Task assigned to you") == [lead.email]

    def test_the_email_waits_for_the_commit(self, agent, lead, task, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            task_assign(task=task, actor=agent, assignee=lead)
        assert mail.outbox == [] and len(callbacks) == 1  # queued for after commit, not sent inline


@pytest.mark.django_db
class CommentNotificationTests:
    def test_watchers_except_the_author_are_told(self, agent, lead, superuser, task):
        task_watch(task=task, user=lead)
        task_watch(task=task, user=superuser)
        task_watch(task=task, user=superuser, watching=False)
        task_comment(task=task, author=lead, body="The supplier called back.")
        assert notified("New comment on task") == [agent.email]  # agent created it, so watches; lead wrote it

    def test_the_author_starts_watching(self, lead, task):
        task_comment(task=task, author=lead, body="On it")
        assert lead in task.watchers.all()


@pytest.mark.django_db
class DueNotificationTests:
    def test_due_tomorrow_tells_the_assignee_once(self, agent, lead):
        make_task(agent, title="Due tomorrow", assignee=lead, due_date=TODAY + timedelta(days=1))
        make_task(agent, title="Due later", assignee=lead, due_date=TODAY + timedelta(days=2))
        make_task(agent, title="Already done", assignee=lead, due_date=TODAY + timedelta(days=1), status=Status.DONE)
        Notification.objects.all().delete()
        assert tasks_notify_due_tomorrow(today=TODAY) == 1
        assert tasks_notify_due_tomorrow(today=TODAY) == 0
        assert [(n.recipient, n.title) for n in Notification.objects.all()] == [(lead, "Task due tomorrow: Due tomorrow")]

    def test_unassigned_tasks_remind_their_creator(self, agent):
        make_task(agent, due_date=TODAY + timedelta(days=1))
        tasks_notify_due_tomorrow(today=TODAY)
        assert notified("Task due tomorrow") == [agent.email]

    def test_overdue_tells_the_assignee_once_per_due_date(self, agent, lead):
        task = make_task(agent, title="Late", assignee=lead, due_date=TODAY - timedelta(days=1), status=Status.BLOCKED)
        make_task(agent, title="Late but cancelled", assignee=lead, due_date=TODAY - timedelta(days=3), status=Status.CANCELLED)
        make_task(agent, title="Due today", assignee=lead, due_date=TODAY)
        Notification.objects.all().delete()
        assert tasks_notify_overdue(today=TODAY) == 1
        assert tasks_notify_overdue(today=TODAY) == 0
        assert notified("Task overdue") == [lead.email]
        assert tasks_notify_overdue(today=TODAY + timedelta(days=1)) == 1  # "Due today" is now late
        # A new due date that passes again is worth a new reminder.
        from worktasks.services import task_set_due_date

        task_set_due_date(task=task, actor=agent, due_date=TODAY)
        assert tasks_notify_overdue(today=TODAY + timedelta(days=2)) == 1

    def test_the_daily_job_runs_both(self, agent, lead):
        make_task(agent, assignee=lead, due_date=TODAY + timedelta(days=1))
        make_task(agent, assignee=lead, due_date=TODAY - timedelta(days=1))
        assert tasks_send_daily_reminders(today=TODAY) == {"due_tomorrow": 1, "overdue": 1}

    def test_the_background_task_runs_the_job(self, agent, lead):
        from django.utils import timezone

        from worktasks.tasks import send_daily_task_reminders

        make_task(agent, assignee=lead, due_date=timezone.localdate() + timedelta(days=1))
        result = send_daily_task_reminders.enqueue()
        assert result.return_value == {"due_tomorrow": 1, "overdue": 0}

    def test_the_job_is_registered_with_the_scheduler(self):
        from portal import scheduling
        from worktasks.tasks import send_daily_task_reminders

        assert send_daily_task_reminders.module_path in {job.name for job in scheduling.autodiscover()}


@pytest.mark.django_db
class TicketTasksDoneNotificationTests:
    def test_the_ticket_assignee_is_told_when_the_last_task_is_done(self, agent, lead, ticket):
        ticket.assignee = lead
        ticket.save(update_fields=["assignee"])
        first = make_task(agent, title="First", ticket=ticket)
        second = make_task(agent, title="Second", ticket=ticket)
        cancelled = make_task(agent, title="Dropped", ticket=ticket)
        task_transition(task=cancelled, actor=agent, to_status=Status.CANCELLED)
        task_transition(task=first, actor=agent, to_status=Status.DONE)
        assert notified("All tasks of") == []
        task_transition(task=second, actor=agent, to_status=Status.DONE)
        assert notified("All tasks of") == [lead.email]

    def test_no_one_is_told_when_every_task_was_cancelled(self, agent, lead, ticket):
        ticket.assignee = lead
        ticket.save(update_fields=["assignee"])
        task = make_task(agent, ticket=ticket)
        task_transition(task=task, actor=agent, to_status=Status.CANCELLED)
        assert notified("All tasks of") == []
