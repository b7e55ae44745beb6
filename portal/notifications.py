"""Mail leaves through the background worker, and only once the change that caused it is committed.

``notify`` is the one way the apps tell people about something: an in-app notification (the
unread badge in the site header and the Wagtail admin) plus an email copy.
"""

from django.conf import settings
from django.db import transaction

from .tasks import send_email


def email_after_commit(*, subject: str, body: str, to: list[str], html_body: str = "") -> None:
    transaction.on_commit(
        lambda: send_email.enqueue(subject=subject.strip(), body=body, to=list(to), html_body=html_body)
    )


def notify(*, recipients, title: str, body: str = "", url: str = "", exclude=None, email: bool = True) -> list:
    """Notify each distinct active recipient (minus ``exclude``, usually the person acting).

    Returns the people notified. Call it inside the service's transaction: the rows commit with
    the change, and the emails are queued only once it has committed.
    """
    from .models import Notification

    excluded_pk = getattr(exclude, "pk", None)
    people, seen = [], set()
    for person in recipients:
        if person is None or not person.is_active or person.pk in seen or person.pk == excluded_pk:
            continue
        seen.add(person.pk)
        people.append(person)
    if not people:
        return []
    Notification.objects.bulk_create(
        [Notification(recipient=person, title=title[:200], body=body, url=url) for person in people]
    )
    if email:
        link = f"\n\n{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{url}" if url else ""
        for person in people:
            email_after_commit(subject=title, body=f"{body}{link}", to=[person.email])
    return people
