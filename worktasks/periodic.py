"""Periodic jobs of work tasks, found by ``portal.scheduling.autodiscover()``."""

from datetime import timedelta

from portal.scheduling import periodic

from . import tasks

# The reminders are sent once per due date whatever the interval, so checking every hour only
# makes them arrive early in the day (and soon after a scheduler restart), never twice.
periodic(tasks.send_daily_task_reminders, every=timedelta(hours=1))
