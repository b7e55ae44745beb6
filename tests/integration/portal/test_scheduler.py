"""The periodic scheduler: `manage.py run_scheduler` queues registered jobs when due; the worker runs them."""

import signal
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from portal import scheduling
from support import tasks as support_tasks
from support.models import Status, Ticket
from tests.factories import make_ticket

pytestmark = pytest.mark.django_db

RUNS = []


@task()
def record_a_run() -> str:
    RUNS.append(timezone.now())
    return "ran"


@pytest.fixture
def database_backend(settings):
    # django-tasks drops its cached backends when the TASKS setting changes.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def hourly_job():
    RUNS.clear()
    scheduling.periodic(record_a_run, every=timedelta(hours=1))
    yield scheduling.PeriodicJob(task=record_a_run, every=timedelta(hours=1))
    scheduling.unregister(record_a_run)


def run_once():
    out = StringIO()
    call_command("run_scheduler", "--once", stdout=out)
    return out.getvalue()


def queued_paths():
    return sorted(DBTaskResult.objects.values_list("task_path", flat=True))


class RunSchedulerOnceTests:
    def test_it_queues_every_registered_job_then_only_when_due(self, database_backend, hourly_job):
        output = run_once()

        registered = {job.name for job in scheduling.jobs()}  # other apps register theirs too
        assert {
            support_tasks.check_ticket_sla.module_path,
            support_tasks.close_resolved_tickets.module_path,
            hourly_job.name,
        } <= registered
        assert queued_paths() == sorted(registered)
        assert f"Queued {hourly_job.name}" in output
        assert RUNS == []  # queued, not run: that is the worker's job

        # Run again at once (a restart, or a second scheduler): everything was queued moments ago.
        assert run_once() == ""
        assert len(queued_paths()) == len(registered)

        # An hour and a bit later, the 5-minute and the hourly jobs are due again.
        DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=61))
        run_once()
        assert queued_paths().count(hourly_job.name) == 2
        assert queued_paths().count(support_tasks.check_ticket_sla.module_path) == 2
        assert queued_paths().count(support_tasks.close_resolved_tickets.module_path) == 2

    def test_a_short_interval_comes_round_before_a_long_one(self, database_backend, hourly_job):
        run_once()
        DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=6))

        run_once()

        assert queued_paths().count(support_tasks.check_ticket_sla.module_path) == 2
        assert queued_paths().count(hourly_job.name) == 1

    # The worker closes its connection between jobs, which PostgreSQL allows only outside a test transaction.
    @pytest.mark.django_db(transaction=True, serialized_rollback=True)
    def test_the_worker_runs_what_was_queued(self, database_backend, customer, support_category, settings):
        settings.SUPPORT_AUTO_CLOSE_AFTER_DAYS = 7
        stale = make_ticket(
            customer, category=support_category, status=Status.RESOLVED, resolved_at=timezone.now() - timedelta(days=9)
        )
        run_once()

        call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", "--no-reload", stdout=StringIO())

        assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
        assert Ticket.objects.get(pk=stale.pk).status == Status.CLOSED

    def test_with_the_immediate_backend_the_jobs_run_at_once(self, hourly_job):
        run_once()
        assert len(RUNS) == 1


class SchedulerTests:
    def test_due_follows_each_interval(self, hourly_job):
        now = timezone.now()
        scheduler = scheduling.Scheduler([hourly_job])

        assert scheduler.run_due(now) == [hourly_job]
        assert scheduler.run_due(now + timedelta(minutes=59)) == []
        assert scheduler.seconds_until_next(now + timedelta(minutes=59)) == 60
        assert scheduler.run_due(now + timedelta(minutes=60)) == [hourly_job]
        assert len(RUNS) == 2

    def test_only_tasks_can_be_periodic(self):
        with pytest.raises(TypeError):
            scheduling.periodic(lambda: None, every=timedelta(hours=1))
        with pytest.raises(ValueError):
            scheduling.periodic(record_a_run, every=timedelta(0))

    def test_it_works_as_a_decorator(self):
        try:
            decorated = scheduling.periodic(every=timedelta(days=1))(record_a_run)

            assert decorated is record_a_run
            assert scheduling.PeriodicJob(task=record_a_run, every=timedelta(days=1)) in scheduling.jobs()
        finally:
            scheduling.unregister(record_a_run)


def test_the_loop_queues_then_stops_on_sigterm(monkeypatch, hourly_job):
    from portal.management.commands import run_scheduler

    before = signal.getsignal(signal.SIGTERM)
    monkeypatch.setattr(run_scheduler, "sleep", lambda seconds: signal.raise_signal(signal.SIGTERM))
    out = StringIO()

    call_command("run_scheduler", "--max-sleep", "5", stdout=out)

    assert len(RUNS) == 1
    assert "Scheduler stopped." in out.getvalue()
    assert signal.getsignal(signal.SIGTERM) is before
