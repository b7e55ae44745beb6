"""Background jobs of the support desk, run by the django-tasks worker (`make worker`).

They only wrap services; ``support/periodic.py`` tells the scheduler how often to queue them.
"""

from django_tasks import task

from . import services


@task()
def close_resolved_tickets() -> int:
    """Close tickets resolved more than SUPPORT_AUTO_CLOSE_AFTER_DAYS ago; returns how many."""
    return services.tickets_close_resolved()


@task()
def check_ticket_sla() -> int:
    """Warn assignees and leads about tickets that became at risk or breached; returns how many."""
    return services.tickets_check_sla()
