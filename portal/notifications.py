"""Mail leaves through the background worker, and only once the change that caused it is committed."""

from django.db import transaction

from .tasks import send_email


def email_after_commit(*, subject: str, body: str, to: list[str], html_body: str = "") -> None:
    transaction.on_commit(
        lambda: send_email.enqueue(subject=subject.strip(), body=body, to=list(to), html_body=html_body)
    )
