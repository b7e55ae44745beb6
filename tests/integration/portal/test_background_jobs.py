"""Mail goes through django-tasks: the database backend queues it and the worker command sends it."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from portal.notifications import email_after_commit

# on_commit needs real transactions; serialized_rollback restores the roles and pages the migrations made.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def database_backend(settings):
    # django-tasks drops its cached backends when the TASKS setting changes.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_mail_is_queued_after_commit_and_sent_by_the_worker(database_backend):
    with transaction.atomic():
        email_after_commit(subject="Hello", body="Body", to=["someone@example.com"])
        assert DBTaskResult.objects.count() == 0  # nothing leaves before the commit
    assert DBTaskResult.objects.count() == 1
    assert mail.outbox == []

    call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", "--no-reload")

    assert [m.subject for m in mail.outbox] == ["Hello"]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_a_rolled_back_change_sends_nothing():
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            email_after_commit(subject="Never", body="Body", to=["someone@example.com"])
            raise RuntimeError("the change failed")
    assert mail.outbox == []
