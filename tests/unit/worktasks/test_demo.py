import pytest

from portal.demo import load_users
from tests.factories import make_ticket
from worktasks.demo import load_tasks
from worktasks.models import Recurrence, Status, Task


@pytest.mark.django_db
class LoadTasksTests:
    def test_every_status_overdue_recurring_and_linked_and_idempotent(self, customer, support_category):
        load_users()
        from django.contrib.auth import get_user_model

        support_category.department.members.add(get_user_model().objects.get(email="agent@example.com"))
        make_ticket(customer, category=support_category)
        created = load_tasks()
        assert created == Task.objects.count() > 0
        assert set(Task.objects.values_list("status", flat=True)) == set(Status.values)
        assert any(task.is_overdue() for task in Task.objects.all())
        assert Task.objects.exclude(recurrence=Recurrence.NONE).exists()
        assert Task.objects.filter(ticket__isnull=False).exists()
        assert load_tasks() == 0
