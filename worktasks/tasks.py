"""Background jobs of work tasks, run by the django-tasks worker."""

from django_tasks import task

from . import services


@task()
def send_daily_task_reminders() -> dict:
    """Once a day: "due tomorrow" and "overdue" reminders to each task's assignee."""
    return services.tasks_send_daily_reminders()
