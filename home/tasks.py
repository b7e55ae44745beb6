"""Background jobs of the CMS side, run by the django-tasks worker (`make worker`)."""

import io

from django.core.management import call_command
from django_tasks import task


@task()
def publish_scheduled_pages() -> str:
    """Publish pages whose "go live" time has come and unpublish expired ones (Wagtail's own command)."""
    output = io.StringIO()
    call_command("publish_scheduled", stdout=output)
    return output.getvalue()[-2000:]
