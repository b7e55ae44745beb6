"""Demo tasks: every status, some overdue, some recurring, some linked to tickets. Safe to run again."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from . import permissions, services
from .models import Priority, Recurrence, Status, Task

# title, status, priority, start offset, due offset (days from today), assignee, recurrence, labels, checklist, link a ticket
DEMO_TASKS = [
    ("Call back the customer about the late parcel", Status.TODO, Priority.HIGH, None, 1, "agent", Recurrence.NONE, ["follow-up"], ["Check the tracking number", "Call", "Note the outcome on the ticket"], 0),
    ("Refund the duplicate payment", Status.IN_PROGRESS, Priority.URGENT, -2, -1, "agent", Recurrence.NONE, ["billing"], ["Confirm the duplicate", "Issue the refund"], 1),
    ("Update the returns help article", Status.TODO, Priority.MEDIUM, None, 5, "lead", Recurrence.NONE, ["docs"], [], None),
    ("Replace the broken label printer", Status.BLOCKED, Priority.MEDIUM, -5, -2, "agent", Recurrence.NONE, ["warehouse"], ["Get a quote", "Order it"], None),
    ("Weekly check of unanswered tickets", Status.TODO, Priority.MEDIUM, 0, 2, "lead", Recurrence.WEEKLY, ["routine"], ["Sort by age", "Reassign the stale ones"], None),
    ("Daily stock count of the best sellers", Status.IN_PROGRESS, Priority.LOW, 0, 0, "agent", Recurrence.DAILY, ["routine", "warehouse"], [], None),
    ("Monthly SLA report for the team", Status.TODO, Priority.HIGH, None, 10, "lead", Recurrence.MONTHLY, ["routine", "reports"], [], None),
    ("Send the replacement part", Status.DONE, Priority.HIGH, -6, -3, "agent", Recurrence.NONE, ["follow-up"], ["Pick", "Pack", "Ship"], 2),
    ("Migrate the old FAQ", Status.CANCELLED, Priority.LOW, None, -20, None, Recurrence.NONE, ["docs"], [], None),
    ("Chase the courier about the lost parcel", Status.TODO, Priority.URGENT, -6, -4, None, Recurrence.NONE, ["follow-up"], [], 0),
    ("Review the canned responses", Status.IN_PROGRESS, Priority.LOW, -1, 14, "lead", Recurrence.NONE, [], ["Read them", "Fix the tone"], None),
    ("Tidy the warehouse returns shelf", Status.DONE, Priority.LOW, -10, -7, "agent", Recurrence.NONE, ["warehouse"], [], None),
]

# How to reach each final status from To do through the transition service.
_PATHS = {
    Status.TODO: [],
    Status.IN_PROGRESS: [Status.IN_PROGRESS],
    Status.BLOCKED: [Status.IN_PROGRESS, Status.BLOCKED],
    Status.DONE: [Status.IN_PROGRESS, Status.DONE],
    Status.CANCELLED: [Status.CANCELLED],
}


def load_tasks(stdout=None) -> int:
    """Create the demo tasks that are missing; returns how many were created."""
    User = get_user_model()
    people = {
        "agent": User.objects.filter(email="agent@example.com").first(),
        "lead": User.objects.filter(email="lead@example.com").first(),
    }
    people = {key: person for key, person in people.items() if person and permissions.can_use_tasks(person)}
    actor = people.get("lead") or people.get("agent")
    tickets = _demo_tickets()
    existing = set(Task.objects.filter(title__in=[row[0] for row in DEMO_TASKS]).values_list("title", flat=True))
    today = timezone.localdate()
    created = 0
    for title, status, priority, start, due, who, recurrence, labels, checklist, ticket_index in DEMO_TASKS:
        if title in existing:
            continue
        ticket = tickets[ticket_index] if ticket_index is not None and ticket_index < len(tickets) else None
        with transaction.atomic():
            task = services.task_create(
                actor=actor,
                title=title,
                description=f"Demo task: {title.lower()}.",
                priority=priority,
                start_date=today + timedelta(days=start) if start is not None else None,
                due_date=today + timedelta(days=due),
                assignee=people.get(who) if who else None,
                labels=labels,
                ticket=ticket if ticket is not None and (actor is None or _may_link(actor, ticket)) else None,
                recurrence=recurrence,
            )
            for text in checklist:
                services.checklist_item_add(task=task, actor=actor, text=text)
            if status == Status.DONE:
                for item in task.checklist.all():
                    services.checklist_item_set_done(item=item, actor=actor, is_done=True)
            for step in _PATHS[status]:
                services.task_transition(task=task, actor=actor, to_status=step, reason="Waiting for the supplier's quote")
            if status == Status.IN_PROGRESS and task.checklist.exists():
                services.checklist_item_set_done(item=task.checklist.first(), actor=actor, is_done=True)
            if who == "agent" and people.get("lead") and people.get("agent"):
                services.task_comment(task=task, author=people["lead"], body="Thanks for picking this up; shout if you need a hand.")
        created += 1
    if stdout is not None:
        stdout.write(f"Tasks: {created} created, {len(existing)} already there.")
    return created


def _demo_tickets():
    try:
        from support.models import Ticket
    except ImportError:  # pragma: no cover - the support app is always installed
        return []
    return list(Ticket.objects.select_related("department").order_by("pk")[:3])


def _may_link(actor, ticket):
    from support import permissions as support_permissions

    return support_permissions.can_work_ticket(actor, ticket)
