"""How often the scheduler (`manage.py run_scheduler`) queues the support desk's background jobs."""

from datetime import timedelta

from portal.scheduling import periodic

from . import tasks

# Warnings should reach people within minutes of a ticket turning at risk or breached.
periodic(tasks.check_ticket_sla, every=timedelta(minutes=5))
# Closing is measured in days; hourly keeps it cheap and close enough.
periodic(tasks.close_resolved_tickets, every=timedelta(hours=1))
