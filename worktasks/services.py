"""Every write to tasks. Each service checks who acts, validates, writes in one transaction,
records the task's history and queues notifications to go out after commit.

``actor=None`` means the portal itself (a background job).
"""

import calendar
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from portal.notifications import notify
from portal.uploads import check_upload

from . import permissions
from .models import (
    FINISHED_STATUSES,
    OPEN_STATUSES,
    Label,
    Priority,
    Recurrence,
    Status,
    Task,
    TaskAttachment,
    TaskChecklistItem,
    TaskComment,
    TaskEvent,
)

MAX_DESCRIPTION_LENGTH = 20_000
MAX_COMMENT_LENGTH = 10_000
MAX_LABELS = 10

# The one table of allowed status moves. Done and Cancelled are final unless reopened to To do;
# a blocked task is unblocked before it can be done.
TRANSITIONS = {
    Status.TODO: {Status.IN_PROGRESS, Status.BLOCKED, Status.DONE, Status.CANCELLED},
    Status.IN_PROGRESS: {Status.TODO, Status.BLOCKED, Status.DONE, Status.CANCELLED},
    Status.BLOCKED: {Status.TODO, Status.IN_PROGRESS, Status.CANCELLED},
    Status.DONE: {Status.TODO},
    Status.CANCELLED: {Status.TODO},
}


class TaskTransitionError(ValidationError):
    """A status move the transition table does not allow, or one missing what it needs."""


def allowed_transitions(*, task) -> list:
    targets = TRANSITIONS[Status(task.status)]
    return [status for status in Status if status in targets]


# --- helpers ------------------------------------------------------------------------------------


def _require_task_user(actor):
    if actor is not None and not permissions.can_use_tasks(actor):
        raise PermissionDenied("You may not work on tasks.")


def _record(task, actor, kind, old="", new="", note=""):
    TaskEvent.objects.create(
        task=task, actor=actor, kind=kind, old_value=str(old)[:200], new_value=str(new)[:200], note=str(note)[:300]
    )


def _touch(task, *fields):
    task.updated_at = timezone.now()
    task.save(update_fields=[*dict.fromkeys(fields), "updated_at"])


def _locked(task):
    """Re-read the task under a row lock so two people cannot move it at once."""
    # Lock only the task row: PostgreSQL refuses FOR UPDATE on the nullable side of an outer join.
    return Task.objects.select_for_update(of=("self",)).select_related("assignee", "ticket", "team").get(pk=task.pk)


def _copy_state(source, target):
    if source is not target:
        target.__dict__.update({k: v for k, v in source.__dict__.items() if not k.startswith("_")})


def _text(value, label, max_length, *, required=True):
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({label: f"Please enter a {label}."})
    if len(value) > max_length:
        raise ValidationError({label: f"The {label} may be at most {max_length} characters ({len(value)} now)."})
    return value


def _validate_assignee(assignee):
    if assignee is None:
        return None
    if not getattr(assignee, "pk", None) or not permissions.can_use_tasks(assignee):
        raise ValidationError({"assignee": f"{assignee} is not on the team and cannot be given tasks."})
    return assignee


def _validate_dates(start_date, due_date):
    if start_date and due_date and due_date < start_date:
        raise ValidationError({"due_date": "The due date cannot be before the start date."})


def _validate_ticket(ticket, actor):
    if ticket is None:
        return None
    from support import permissions as support_permissions

    if actor is not None and not support_permissions.can_work_ticket(actor, ticket):
        raise ValidationError({"ticket": f"You do not work ticket {ticket.reference}."})
    return ticket


def _labels(names):
    """Labels by name, created when new; case-insensitive so "Bug" and "bug" are one label."""
    cleaned = []
    for name in names or []:
        name = str(name).strip()[:50]
        if name and name.lower() not in {c.lower() for c in cleaned}:
            cleaned.append(name)
    if len(cleaned) > MAX_LABELS:
        raise ValidationError({"labels": f"A task may have at most {MAX_LABELS} labels."})
    labels = []
    for name in cleaned:
        label = Label.objects.filter(name__iexact=name).first() or Label.objects.create(name=name)
        labels.append(label)
    return labels


def _label_text(labels):
    return ", ".join(sorted(label.name for label in labels))


def _assigned_notice(task, actor):
    if task.assignee_id:
        due = f" Due {task.due_date:%d %b %Y}." if task.due_date else ""
        notify(
            recipients=[task.assignee],
            title=f"Task assigned to you: {task.title}",
            body=f"Priority {task.get_priority_display()}.{due}",
            url=task.get_absolute_url(),
            exclude=actor,
        )


# --- creating and editing -----------------------------------------------------------------------


@transaction.atomic
def task_create(
    *,
    actor,
    title: str,
    description: str = "",
    priority: int = Priority.MEDIUM,
    start_date: date | None = None,
    due_date: date | None = None,
    assignee=None,
    team=None,
    labels=(),
    ticket=None,
    recurrence: str = Recurrence.NONE,
    previous_occurrence: Task | None = None,
) -> Task:
    """Create a task in To do; the creator and the assignee watch it, and the assignee is told."""
    _require_task_user(actor)
    title = _text(title, "title", 200)
    description = _text(description, "description", MAX_DESCRIPTION_LENGTH, required=False)
    _validate_dates(start_date, due_date)
    assignee = _validate_assignee(assignee)
    ticket = _validate_ticket(ticket, actor)
    task = Task.objects.create(
        title=title,
        description=description,
        priority=Priority(int(priority)),
        start_date=start_date,
        due_date=due_date,
        assignee=assignee,
        team=team,
        creator=actor,
        ticket=ticket,
        recurrence=Recurrence(recurrence or Recurrence.NONE),
        previous_occurrence=previous_occurrence,
    )
    label_objects = _labels(labels)
    if label_objects:
        task.labels.set(label_objects)
    task.watchers.add(*[person for person in (actor, assignee) if person is not None])
    note = f"Next occurrence of task {previous_occurrence.pk}" if previous_occurrence else ""
    _record(task, actor, TaskEvent.Kind.CREATED, new=task.get_status_display(), note=note)
    _assigned_notice(task, actor)
    return task


# The fields ``task_update`` changes, with the history kind and how a value is shown.
_FIELD_KINDS = {
    "title": TaskEvent.Kind.TITLE,
    "description": TaskEvent.Kind.DESCRIPTION,
    "priority": TaskEvent.Kind.PRIORITY,
    "start_date": TaskEvent.Kind.START_DATE,
    "due_date": TaskEvent.Kind.DUE_DATE,
    "assignee": TaskEvent.Kind.ASSIGNEE,
    "team": TaskEvent.Kind.TEAM,
    "ticket": TaskEvent.Kind.TICKET,
    "recurrence": TaskEvent.Kind.RECURRENCE,
}
_UNSET = object()


def _display(task, field, value):
    if value is None or value == "":
        return "—"
    if field == "priority":
        return Priority(value).label
    if field == "recurrence":
        return Recurrence(value).label
    if field == "ticket":
        return value.reference
    if field == "description":
        return (value[:60] + "…") if len(value) > 60 else value
    return value


@transaction.atomic
def task_update(*, task: Task, actor, labels=_UNSET, **changes) -> Task:
    """Change any of the fields in ``_FIELD_KINDS`` (and ``labels``, a list of names); one history row per change."""
    unknown = set(changes) - set(_FIELD_KINDS)
    if unknown:
        raise TypeError(f"task_update() cannot change {', '.join(sorted(unknown))}")
    _require_task_user(actor)
    fresh = _locked(task)
    if "title" in changes:
        changes["title"] = _text(changes["title"], "title", 200)
    if "description" in changes:
        changes["description"] = _text(changes["description"], "description", MAX_DESCRIPTION_LENGTH, required=False)
    if "priority" in changes:
        changes["priority"] = Priority(int(changes["priority"]))
    if "recurrence" in changes:
        changes["recurrence"] = Recurrence(changes["recurrence"] or Recurrence.NONE)
    if "assignee" in changes:
        _validate_assignee(changes["assignee"])
    if "ticket" in changes and changes["ticket"] is not None and changes["ticket"].pk != fresh.ticket_id:
        _validate_ticket(changes["ticket"], actor)
    _validate_dates(changes.get("start_date", fresh.start_date), changes.get("due_date", fresh.due_date))

    changed = []
    for field, new in changes.items():
        old = getattr(fresh, field)
        old_key = getattr(old, "pk", old)
        new_key = getattr(new, "pk", new)
        if old_key == new_key:
            continue
        setattr(fresh, field, new)
        changed.append(field)
        _record(fresh, actor, _FIELD_KINDS[field], _display(fresh, field, old), _display(fresh, field, new))
    if labels is not _UNSET:
        old_labels = list(fresh.labels.all())
        new_labels = _labels(labels)
        if {label.pk for label in old_labels} != {label.pk for label in new_labels}:
            fresh.labels.set(new_labels)
            _record(fresh, actor, TaskEvent.Kind.LABELS, _label_text(old_labels) or "—", _label_text(new_labels) or "—")
            changed.append("labels")
    if not changed:
        return task
    if "due_date" in changed:
        fresh.due_soon_notified_for = fresh.overdue_notified_for = None
        changed += ["due_soon_notified_for", "overdue_notified_for"]
    _touch(fresh, *[field for field in changed if field != "labels"])
    if "assignee" in changed and fresh.assignee_id:
        fresh.watchers.add(fresh.assignee)
        _assigned_notice(fresh, actor)
    _copy_state(fresh, task)
    return task


def task_assign(*, task: Task, actor, assignee) -> Task:
    """Give the task to ``assignee`` (someone who may work tasks), or to nobody with ``None``."""
    return task_update(task=task, actor=actor, assignee=assignee)


def task_set_due_date(*, task: Task, actor, due_date: date | None) -> Task:
    return task_update(task=task, actor=actor, due_date=due_date)


@transaction.atomic
def task_delete(*, task: Task, actor) -> None:
    if actor is not None and not permissions.can_delete_tasks(actor):
        raise PermissionDenied("You may not delete tasks.")
    task.delete()


# --- status -------------------------------------------------------------------------------------


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, clamped to the end of a shorter month (31 Jan → 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def next_date(day: date | None, recurrence: str) -> date | None:
    if day is None:
        return None
    if recurrence == Recurrence.DAILY:
        return day + timedelta(days=1)
    if recurrence == Recurrence.WEEKLY:
        return day + timedelta(weeks=1)
    if recurrence == Recurrence.MONTHLY:
        return add_months(day, 1)
    return day


@transaction.atomic
def task_transition(*, task: Task, actor, to_status: str, reason: str = "", note: str = "") -> Task:
    """Move a task to another status if the transition table allows it."""
    _require_task_user(actor)
    fresh = _locked(task)
    current = Status(fresh.status)
    try:
        target = Status(to_status)
    except ValueError:
        raise TaskTransitionError(f"“{to_status}” is not a task status.", code="unknown") from None
    if target == current:
        raise TaskTransitionError(f"The task is already {current.label}.", code="same")
    if target not in TRANSITIONS[current]:
        if current in FINISHED_STATUSES:
            message = f"A task that is {current.label} can only be reopened to To do."
        else:
            message = f"A task that is {current.label} cannot be moved to {target.label}."
        raise TaskTransitionError(message, code="not_allowed")

    fields = ["status"]
    if target == Status.BLOCKED:
        reason = (reason or "").strip()
        if not reason:
            raise TaskTransitionError({"reason": "Say what the task is blocked on."}, code="reason")
        fresh.blocked_reason = reason[:300]
        fields.append("blocked_reason")
        note = note or reason
    elif current == Status.BLOCKED:
        fresh.blocked_reason = ""
        fields.append("blocked_reason")
    if target == Status.DONE:
        fresh.completed_at = timezone.now()
        fields.append("completed_at")
    elif current == Status.DONE:
        fresh.completed_at = None
        fields.append("completed_at")
    fresh.status = target
    _touch(fresh, *fields)
    _record(fresh, actor, TaskEvent.Kind.STATUS, current.label, target.label, note)

    if target == Status.DONE and fresh.recurrence != Recurrence.NONE and not fresh.next_occurrences.exists():
        _create_next_occurrence(fresh, actor)
    if target in FINISHED_STATUSES and fresh.ticket_id:
        _notify_if_ticket_tasks_done(fresh, actor)
    _copy_state(fresh, task)
    return task


def _create_next_occurrence(task, actor) -> Task:
    start, due = task.start_date, task.due_date
    if start is None and due is None:
        # Without dates, the next one is due one period after this one was completed.
        due = timezone.localdate(task.completed_at)
    following = task_create(
        actor=None,
        title=task.title,
        description=task.description,
        priority=task.priority,
        start_date=next_date(start, task.recurrence),
        due_date=next_date(due, task.recurrence),
        assignee=task.assignee if task.assignee and permissions.can_use_tasks(task.assignee) else None,
        team=task.team,
        labels=[label.name for label in task.labels.all()],
        recurrence=task.recurrence,
        previous_occurrence=task,
    )
    following.creator = task.creator
    following.save(update_fields=["creator"])
    following.watchers.add(*task.watchers.all())
    TaskChecklistItem.objects.bulk_create(
        [TaskChecklistItem(task=following, text=item.text, position=item.position) for item in task.checklist.all()]
    )
    return following


def _notify_if_ticket_tasks_done(task, actor):
    ticket = task.ticket
    siblings = Task.objects.filter(ticket_id=ticket.pk)
    if siblings.filter(status__in=OPEN_STATUSES).exists() or not siblings.filter(status=Status.DONE).exists():
        return
    if ticket.assignee_id:
        notify(
            recipients=[ticket.assignee],
            title=f"All tasks of {ticket.reference} are done",
            body=f"{ticket.title}\nThe last one was “{task.title}”.",
            url=ticket.get_admin_url(),
            exclude=actor,
        )


# --- comments, checklist, attachments, watching -------------------------------------------------


@transaction.atomic
def task_comment(*, task: Task, author, body: str) -> TaskComment:
    """Comment on a task; the author starts watching it and every other watcher is told."""
    _require_task_user(author)
    body = _text(body, "comment", MAX_COMMENT_LENGTH)
    comment = TaskComment.objects.create(task=task, author=author, body=body)
    task.watchers.add(author)
    _touch(task)
    notify(
        recipients=list(task.watchers.all()),
        title=f"New comment on task: {task.title}",
        body=f"{author} wrote:\n\n{body}",
        url=task.get_absolute_url(),
        exclude=author,
    )
    return comment


@transaction.atomic
def checklist_item_add(*, task: Task, actor, text: str) -> TaskChecklistItem:
    _require_task_user(actor)
    text = _text(text, "item", 200)
    item = TaskChecklistItem.objects.create(task=task, text=text, position=task.checklist.count())
    _record(task, actor, TaskEvent.Kind.CHECKLIST, new=text, note="Added")
    _touch(task)
    return item


@transaction.atomic
def checklist_item_set_done(*, item: TaskChecklistItem, actor, is_done: bool) -> TaskChecklistItem:
    _require_task_user(actor)
    is_done = bool(is_done)
    if item.is_done == is_done:
        return item
    item.is_done = is_done
    item.done_by = actor if is_done else None
    item.done_at = timezone.now() if is_done else None
    item.save(update_fields=["is_done", "done_by", "done_at"])
    _record(item.task, actor, TaskEvent.Kind.CHECKLIST, new=item.text, note="Ticked" if is_done else "Unticked")
    _touch(item.task)
    return item


@transaction.atomic
def checklist_item_delete(*, item: TaskChecklistItem, actor) -> None:
    _require_task_user(actor)
    _record(item.task, actor, TaskEvent.Kind.CHECKLIST, old=item.text, note="Removed")
    _touch(item.task)
    item.delete()


@transaction.atomic
def task_attach(*, task: Task, actor, uploads) -> list[TaskAttachment]:
    """Attach files after checking every one of them (same checks as ticket attachments)."""
    _require_task_user(actor)
    uploads = list(uploads or [])
    if not uploads:
        raise ValidationError({"files": "Choose a file to attach."})
    limit = settings.SUPPORT_MAX_ATTACHMENTS_PER_MESSAGE
    if len(uploads) > limit:
        raise ValidationError({"files": f"Attach at most {limit} files at a time."})
    checked, errors = [], []
    for upload in uploads:
        try:
            checked.append((upload, check_upload(upload)))
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError({"files": errors})
    attachments = []
    for upload, info in checked:
        attachment = TaskAttachment(
            task=task,
            original_name=(upload.name or "file")[-255:],
            content_type=info.content_type,
            size=info.size,
            checksum=info.checksum,
            uploaded_by=actor,
        )
        attachment.file.save(f"upload.{info.extension}", upload, save=False)
        attachment.save()
        attachments.append(attachment)
        _record(task, actor, TaskEvent.Kind.ATTACHMENT, new=attachment.original_name, note="Attached")
    _touch(task)
    return attachments


@transaction.atomic
def task_watch(*, task: Task, user, watching: bool = True) -> Task:
    _require_task_user(user)
    if watching:
        task.watchers.add(user)
    else:
        task.watchers.remove(user)
    return task


# --- background jobs ----------------------------------------------------------------------------


def _reminder_recipients(task):
    return [task.assignee] if task.assignee_id else [task.creator]


def tasks_notify_due_tomorrow(*, today: date | None = None) -> int:
    """Tell each open task's assignee (its creator when unassigned) the day before it is due; once per due date."""
    today = today or timezone.localdate()
    tomorrow = today + timedelta(days=1)
    candidates = (
        Task.objects.filter(status__in=OPEN_STATUSES, due_date=tomorrow)
        .exclude(due_soon_notified_for=tomorrow)
        .select_related("assignee", "creator")
    )
    sent = 0
    for task in candidates:
        with transaction.atomic():
            if not Task.objects.filter(pk=task.pk).exclude(due_soon_notified_for=tomorrow).update(
                due_soon_notified_for=tomorrow
            ):
                continue  # another worker got there first
            notify(
                recipients=_reminder_recipients(task),
                title=f"Task due tomorrow: {task.title}",
                body=f"Due {tomorrow:%A %d %b %Y}. Status {task.get_status_display()}.",
                url=task.get_absolute_url(),
            )
            sent += 1
    return sent


def tasks_notify_overdue(*, today: date | None = None) -> int:
    """Tell each overdue open task's assignee (its creator when unassigned), once per due date."""
    today = today or timezone.localdate()
    candidates = (
        Task.objects.filter(status__in=OPEN_STATUSES, due_date__lt=today)
        .exclude(overdue_notified_for=F("due_date"))
        .select_related("assignee", "creator")
    )
    sent = 0
    for task in candidates:
        with transaction.atomic():
            if not Task.objects.filter(pk=task.pk, due_date=task.due_date).exclude(
                overdue_notified_for=task.due_date
            ).update(overdue_notified_for=task.due_date):
                continue
            notify(
                recipients=_reminder_recipients(task),
                title=f"Task overdue: {task.title}",
                body=f"It was due {task.due_date:%A %d %b %Y}. Status {task.get_status_display()}.",
                url=task.get_absolute_url(),
            )
            sent += 1
    return sent


def tasks_send_daily_reminders(*, today: date | None = None) -> dict:
    """The daily job: due-tomorrow and overdue reminders."""
    return {
        "due_tomorrow": tasks_notify_due_tomorrow(today=today),
        "overdue": tasks_notify_overdue(today=today),
    }

