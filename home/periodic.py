"""How often the scheduler (`manage.py run_scheduler`) queues the CMS side's background jobs."""

from datetime import timedelta

from portal.scheduling import periodic

from . import tasks

# Editors pick a go-live time to the minute; checking every minute publishes within a minute of it.
periodic(tasks.publish_scheduled_pages, every=timedelta(minutes=1))
