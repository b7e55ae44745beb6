"""Periodic background jobs: django-tasks queues work but has no clock, so this module adds one.

Apps register their periodic jobs in a ``periodic.py`` module, found by ``autodiscover()``::

    from portal.scheduling import periodic
    from . import tasks

    periodic(tasks.check_ticket_sla, every=timedelta(minutes=5))

or as a decorator stacked on ``@task()``. ``manage.py run_scheduler`` (started by ``make worker``)
then enqueues each job once per interval; the worker (``db_worker``) runs it.

When a job was last queued is read from the task results the database backend keeps, so a
restarted scheduler does not queue everything again, and a second scheduler started by mistake
finds the job already queued. With another backend it is remembered in memory.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from django_tasks.base import Task


@dataclass(frozen=True)
class PeriodicJob:
    task: Task
    every: timedelta

    @property
    def name(self) -> str:
        return self.task.module_path


_registry: dict[str, PeriodicJob] = {}


def periodic(task: Task | None = None, *, every: timedelta):
    """Register ``task`` to be queued every ``every``; usable as a call or as a decorator."""
    if every <= timedelta(0):
        raise ValueError("A periodic job needs a positive interval.")

    def register(task: Task) -> Task:
        if not isinstance(task, Task):
            raise TypeError(f"{task!r} is not a django-tasks task; put @periodic above @task().")
        _registry[task.module_path] = PeriodicJob(task=task, every=every)
        return task

    return register(task) if task is not None else register


def unregister(task: Task) -> None:
    _registry.pop(task.module_path, None)


def jobs() -> list[PeriodicJob]:
    return sorted(_registry.values(), key=lambda job: job.name)


def autodiscover() -> list[PeriodicJob]:
    """Import every installed app's ``periodic`` module, then return the registered jobs."""
    autodiscover_modules("periodic")
    return jobs()


class Scheduler:
    """Decides which jobs are due and queues them. ``now`` is injectable so tests need no sleeping."""

    def __init__(self, jobs: list[PeriodicJob]):
        self.jobs = list(jobs)
        self._queued_at: dict[str, datetime] = {}

    def last_queued(self, job: PeriodicJob) -> datetime | None:
        remembered = self._queued_at.get(job.name)
        recorded = _last_recorded(job)
        candidates = [moment for moment in (remembered, recorded) if moment is not None]
        return max(candidates) if candidates else None

    def due(self, now: datetime) -> list[PeriodicJob]:
        due = []
        for job in self.jobs:
            last = self.last_queued(job)
            if last is None or now - last >= job.every:
                due.append(job)
        return due

    def run_due(self, now: datetime | None = None) -> list[PeriodicJob]:
        now = now or timezone.now()
        queued = []
        for job in self.due(now):
            job.task.enqueue()
            self._queued_at[job.name] = now
            queued.append(job)
        return queued

    def seconds_until_next(self, now: datetime | None = None) -> float:
        now = now or timezone.now()
        waits = []
        for job in self.jobs:
            last = self.last_queued(job)
            waits.append(0.0 if last is None else (last + job.every - now).total_seconds())
        return max(0.0, min(waits)) if waits else 60.0


def _last_recorded(job: PeriodicJob) -> datetime | None:
    """When the database backend last queued this task, if that is the backend in use."""
    from django_tasks_db.backend import DatabaseBackend

    if not isinstance(job.task.get_backend(), DatabaseBackend):
        return None
    from django.db.models import Max
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path=job.name).aggregate(last=Max("enqueued_at"))["last"]
