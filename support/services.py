"""Every write to tickets. Each service checks who acts, validates, writes in one transaction,
records the ticket's history and queues notifications to go out after commit.

``actor=None`` means the portal itself (a background job).
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone

from portal.notifications import notify
from portal.uploads import check_upload

from . import permissions
from .models import (
    ACTIVE_STATUSES,
    Category,
    ChecklistItem,
    Priority,
    SLAPolicy,
    SLAState,
    Status,
    Ticket,
    TicketAttachment,
    TicketEvent,
    TicketMessage,
)

MAX_BODY_LENGTH = 20_000

# The one table of allowed status moves. Closed is final: a closed ticket's customer opens a new one.
TRANSITIONS = {
    Status.OPEN: {Status.IN_PROGRESS, Status.WAITING, Status.RESOLVED, Status.CLOSED},
    Status.IN_PROGRESS: {Status.OPEN, Status.WAITING, Status.RESOLVED, Status.CLOSED},
    Status.WAITING: {Status.OPEN, Status.IN_PROGRESS, Status.RESOLVED, Status.CLOSED},
    Status.RESOLVED: {Status.OPEN, Status.CLOSED},
    Status.CLOSED: set(),
}
# The moves a requester may make: reopen a resolved ticket, or answer while we wait on them.
REQUESTER_TRANSITIONS = {(Status.RESOLVED, Status.OPEN), (Status.WAITING, Status.OPEN)}


class TicketTransitionError(ValidationError):
    """A status move the transition table or the actor's role does not allow."""


def allowed_transitions(*, ticket, actor) -> list:
    """The statuses ``actor`` may move ``ticket`` to, in display order."""
    current = Status(ticket.status)
    targets = TRANSITIONS[current]
    if actor is not None and not permissions.can_work_ticket(actor, ticket):
        if not permissions.is_requester(actor, ticket):
            return []
        targets = {target for target in targets if (current, target) in REQUESTER_TRANSITIONS}
    return [status for status in Status if status in targets]


# --- history and notifications ------------------------------------------------------------------


def _record(ticket, actor, kind, old="", new="", note=""):
    TicketEvent.objects.create(
        ticket=ticket, actor=actor, kind=kind, old_value=str(old)[:200], new_value=str(new)[:200], note=note[:300]
    )


def _touch(ticket, *fields):
    ticket.updated_at = timezone.now()
    ticket.save(update_fields=[*fields, "updated_at"])


def _staff_side(ticket):
    """The people on the desk side of a ticket: its assignee, or the whole department if none."""
    if ticket.assignee_id:
        people = [ticket.assignee]
    else:
        people = list(ticket.department.members.all())
        if ticket.department.lead_id:
            people.append(ticket.department.lead)
    watchers = [w for w in ticket.watchers.all() if w.pk != ticket.requester_id]
    return people + watchers


# --- SLA clock ----------------------------------------------------------------------------------


def _apply_sla(ticket, policy=None):
    """Set the due and at-risk moments from the priority's policy and the time spent paused."""
    if policy is None:
        policy = SLAPolicy.objects.filter(priority=ticket.priority).first()
    if policy is None:
        ticket.first_response_due_at = ticket.first_response_at_risk_at = None
        ticket.resolution_due_at = ticket.resolution_at_risk_at = None
        return
    start = ticket.created_at + timedelta(seconds=ticket.sla_paused_seconds)
    share = policy.at_risk_percent / 100
    ticket.first_response_due_at = start + timedelta(minutes=policy.first_response_minutes)
    ticket.first_response_at_risk_at = start + timedelta(minutes=policy.first_response_minutes * share)
    ticket.resolution_due_at = start + timedelta(minutes=policy.resolution_minutes)
    ticket.resolution_at_risk_at = start + timedelta(minutes=policy.resolution_minutes * share)
    ticket.sla_notified_state = ""


SLA_FIELDS = [
    "first_response_due_at",
    "first_response_at_risk_at",
    "resolution_due_at",
    "resolution_at_risk_at",
    "sla_paused_at",
    "sla_paused_seconds",
    "sla_notified_state",
]


# --- attachments --------------------------------------------------------------------------------


def check_uploads(uploads) -> list:
    """Check every file before anything is written; raise one error listing each refusal."""
    uploads = list(uploads or [])
    limit = settings.SUPPORT_MAX_ATTACHMENTS_PER_MESSAGE
    if len(uploads) > limit:
        raise ValidationError(f"Attach at most {limit} files at a time.", code="too_many")
    checked, errors = [], []
    for upload in uploads:
        try:
            checked.append((upload, check_upload(upload)))
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError(errors)
    return checked


def _attach(ticket, uploader, checked, message=None) -> list:
    attachments = []
    for upload, info in checked:
        attachment = TicketAttachment(
            ticket=ticket,
            message=message,
            original_name=(upload.name or "file")[-255:],
            content_type=info.content_type,
            size=info.size,
            checksum=info.checksum,
            uploaded_by=uploader,
        )
        # Files are written only after every check passed; a rollback after this leaves at most
        # an orphan file in private storage, never a row without its file.
        attachment.file.save(f"upload.{info.extension}", upload, save=False)
        attachment.save()
        attachments.append(attachment)
    return attachments


@transaction.atomic
def ticket_attach(*, ticket: Ticket, actor, uploads) -> list:
    """Attach files to the ticket itself (not to a message), for its requester or the agents who work it."""
    if not (permissions.can_work_ticket(actor, ticket) or permissions.is_requester(actor, ticket)):
        raise PermissionDenied("You may not add files to this ticket.")
    uploads = list(uploads or [])
    if not uploads:
        raise ValidationError({"files": "Choose a file to attach."})
    fresh = _locked(ticket)
    if fresh.status == Status.CLOSED:
        raise ValidationError("This ticket is closed. Please open a new ticket if you still need help.", code="closed")
    try:
        checked = check_uploads(uploads)
    except ValidationError as error:
        raise ValidationError({"files": error.messages}) from None
    attachments = _attach(fresh, actor, checked)
    _touch(fresh)
    _copy_state(fresh, ticket)
    return attachments


# --- creating -----------------------------------------------------------------------------------


def _least_busy_member(department):
    members = department.members.filter(is_active=True).annotate(
        open_count=Count("assigned_tickets", filter=Q(assigned_tickets__status__in=ACTIVE_STATUSES))
    )
    return members.order_by("open_count", "pk").first()


def _validate_text(value, label, max_length):
    value = (value or "").strip()
    if not value:
        raise ValidationError({label: f"Please enter a {label}."})
    if len(value) > max_length:
        raise ValidationError({label: f"The {label} may be at most {max_length} characters ({len(value)} now)."})
    return value


@transaction.atomic
def ticket_create(
    *,
    requester,
    title: str,
    description: str,
    category: Category,
    priority: int = Priority.MEDIUM,
    order=None,
    uploads=(),
    created_by=None,
) -> Ticket:
    """Open a ticket for ``requester``; route it to the category's department and start its SLA clock."""
    created_by = created_by or requester
    title = _validate_text(title, "title", 200)
    description = _validate_text(description, "description", MAX_BODY_LENGTH)
    if not category.is_active:
        raise ValidationError({"category": "That category is no longer in use; please choose another."})
    priority = Priority(int(priority))
    if (
        priority == Priority.URGENT
        and not settings.SUPPORT_CUSTOMERS_MAY_CHOOSE_URGENT
        and not permissions.can_use_support_admin(created_by)
    ):
        raise ValidationError({"priority": "Urgent is kept for the support team; please choose High."})
    if order is not None and order.user_id != requester.pk:
        raise ValidationError({"order": "That order is not one of yours."})
    checked = check_uploads(uploads)

    department = category.department
    ticket = Ticket(
        title=title,
        description=description,
        requester=requester,
        category=category,
        department=department,
        priority=priority,
        order=order,
    )
    _apply_sla(ticket)
    if department.auto_assign:
        ticket.assignee = _least_busy_member(department)
    ticket.save()
    _record(ticket, created_by, TicketEvent.Kind.CREATED, new=ticket.get_status_display())
    if ticket.assignee_id:
        _record(ticket, None, TicketEvent.Kind.ASSIGNEE, new=ticket.assignee, note="Assigned automatically")
    _attach(ticket, created_by, checked)

    url = ticket.get_admin_url()
    summary = f"{ticket.reference} {ticket.title}"
    notify(
        recipients=[*department.members.all(), department.lead],
        title=f"New ticket in {department}: {summary}",
        body=f"{requester} wrote:\n\n{description}",
        url=url,
        exclude=created_by,
    )
    if department.email:
        from portal.notifications import email_after_commit

        email_after_commit(subject=f"New ticket: {summary}", body=description, to=[department.email])
    if ticket.assignee_id:
        notify(recipients=[ticket.assignee], title=f"Assigned to you: {summary}", url=url, exclude=created_by)
    return ticket


# --- status -------------------------------------------------------------------------------------


def _locked(ticket):
    """Re-read the ticket under a row lock so two agents cannot move it at once."""
    # of=("self",): PostgreSQL refuses FOR UPDATE on the nullable side of the assignee's outer join.
    return (
        Ticket.objects.select_for_update(of=("self",))
        .select_related("department", "requester", "assignee")
        .get(pk=ticket.pk)
    )


@transaction.atomic
def ticket_transition(
    *, ticket: Ticket, actor, to_status: str, resolution_summary: str = "", note: str = "", announce: bool = True
) -> Ticket:
    """Move a ticket to another status, if the transition table and the actor's role allow it.

    ``announce=False`` is for services that send their own, more specific notification of the move.
    """
    fresh = _locked(ticket)
    current, target = Status(fresh.status), Status(to_status)
    if actor is not None and not (permissions.can_work_ticket(actor, fresh) or permissions.is_requester(actor, fresh)):
        # Checked before the table, so an outsider learns nothing about the ticket's status.
        raise PermissionDenied("You may not change this ticket.")
    if target == current:
        raise TicketTransitionError(f"{fresh.reference} is already {current.label}.", code="same")
    if target not in TRANSITIONS[current]:
        raise TicketTransitionError(
            f"A ticket that is {current.label} cannot be moved to {target.label}.", code="not_allowed"
        )
    if actor is not None and target not in allowed_transitions(ticket=fresh, actor=actor):
        raise TicketTransitionError(
            f"You may not move a ticket from {current.label} to {target.label}.", code="forbidden"
        )

    now = timezone.now()
    fields = ["status"]
    if target == Status.RESOLVED:
        summary = (resolution_summary or "").strip()
        if not summary:
            raise TicketTransitionError(
                {"resolution_summary": "Write a resolution summary before resolving the ticket."}, code="summary"
            )
        fresh.resolution_summary = summary
        fresh.resolved_at = now
        fields += ["resolution_summary", "resolved_at"]
    if current == Status.WAITING and fresh.sla_paused_at:
        fresh.sla_paused_seconds += int((now - fresh.sla_paused_at).total_seconds())
        fresh.sla_paused_at = None
        _apply_sla(fresh)
        fields += SLA_FIELDS
    if target == Status.WAITING:
        fresh.sla_paused_at = now
        fields += ["sla_paused_at"]
    if current == Status.RESOLVED and target == Status.OPEN:
        fresh.resolved_at = None
        fields += ["resolved_at"]
    if target == Status.CLOSED:
        fresh.closed_at = now
        fields += ["closed_at"]
    fresh.status = target
    _touch(fresh, *dict.fromkeys(fields))
    _record(fresh, actor, TicketEvent.Kind.STATUS, current.label, target.label, note)

    if announce and (actor is None or actor.pk != fresh.requester_id):
        body = f"Your ticket is now {target.label}."
        if target == Status.RESOLVED:
            body += f"\n\nHow we resolved it:\n{fresh.resolution_summary}\n\nNot solved? Reopen it from the ticket page."
        notify(
            recipients=[fresh.requester],
            title=f"{fresh.reference} is now {target.label}",
            body=body,
            url=fresh.get_absolute_url(),
            exclude=actor,
        )
    elif announce:
        notify(
            recipients=_staff_side(fresh),
            title=f"{fresh.reference} was {('reopened' if current == Status.RESOLVED else 'moved to ' + target.label)} by the customer",
            url=fresh.get_admin_url(),
            exclude=actor,
        )
    _copy_state(fresh, ticket)
    return ticket


def _copy_state(source, target):
    if source is not target:
        target.__dict__.update({k: v for k, v in source.__dict__.items() if not k.startswith("_")})


# --- fields the desk changes --------------------------------------------------------------------


def _require_worker(actor, ticket):
    if actor is not None and not permissions.can_work_ticket(actor, ticket):
        raise PermissionDenied("You may not change this ticket.")


def can_be_assigned(user, ticket) -> bool:
    return user.is_active and permissions.can_work_ticket(user, ticket)


@transaction.atomic
def ticket_assign(*, ticket: Ticket, actor, assignee) -> Ticket:
    """Give the ticket to ``assignee`` (an agent who may work it), or to nobody with ``None``."""
    fresh = _locked(ticket)
    _require_worker(actor, fresh)
    if assignee is not None and not can_be_assigned(assignee, fresh):
        raise ValidationError({"assignee": f"{assignee} does not work in {fresh.department}."})
    if fresh.assignee_id == (assignee.pk if assignee else None):
        return ticket
    old = fresh.assignee
    fresh.assignee = assignee
    _touch(fresh, "assignee")
    _record(fresh, actor, TicketEvent.Kind.ASSIGNEE, old or "Unassigned", assignee or "Unassigned")
    if assignee is not None:
        notify(
            recipients=[assignee],
            title=f"Assigned to you: {fresh.reference} {fresh.title}",
            body=f"Priority {fresh.get_priority_display()}, {fresh.department}.",
            url=fresh.get_admin_url(),
            exclude=actor,
        )
    _copy_state(fresh, ticket)
    return ticket


@transaction.atomic
def ticket_set_priority(*, ticket: Ticket, actor, priority: int) -> Ticket:
    fresh = _locked(ticket)
    _require_worker(actor, fresh)
    priority = Priority(int(priority))
    if fresh.priority == priority:
        return ticket
    old = fresh.get_priority_display()
    fresh.priority = priority
    _apply_sla(fresh)
    _touch(fresh, "priority", *SLA_FIELDS)
    _record(fresh, actor, TicketEvent.Kind.PRIORITY, old, priority.label)
    _copy_state(fresh, ticket)
    return ticket


@transaction.atomic
def ticket_set_category(*, ticket: Ticket, actor, category: Category) -> Ticket:
    """Recategorise a ticket; it moves to the category's department, and leaves an assignee who is not in it."""
    fresh = _locked(ticket)
    _require_worker(actor, fresh)
    if fresh.category_id == category.pk:
        return ticket
    old_category, old_department = fresh.category, fresh.department
    fresh.category = category
    fresh.department = category.department
    fields = ["category", "department"]
    _record(fresh, actor, TicketEvent.Kind.CATEGORY, old_category, category)
    if old_department.pk != category.department_id:
        _record(fresh, actor, TicketEvent.Kind.DEPARTMENT, old_department, category.department)
        if fresh.assignee_id and not can_be_assigned(fresh.assignee, fresh):
            _record(fresh, actor, TicketEvent.Kind.ASSIGNEE, fresh.assignee, "Unassigned", "Not in the new department")
            fresh.assignee = None
            fields.append("assignee")
        notify(
            recipients=[*category.department.members.all(), category.department.lead],
            title=f"Ticket moved to {category.department}: {fresh.reference} {fresh.title}",
            url=fresh.get_admin_url(),
            exclude=actor,
        )
    _touch(fresh, *fields)
    _copy_state(fresh, ticket)
    return ticket


@transaction.atomic
def ticket_set_watching(*, ticket: Ticket, user, watching: bool) -> None:
    _require_worker(user, ticket)
    if watching:
        ticket.watchers.add(user)
    else:
        ticket.watchers.remove(user)


# --- conversation -------------------------------------------------------------------------------


@transaction.atomic
def ticket_reply(*, ticket: Ticket, author, body: str, is_internal: bool = False, uploads=()) -> TicketMessage:
    """A public reply or an internal note. Internal notes are only for the desk and never notify the requester."""
    worker = permissions.can_work_ticket(author, ticket)
    requester = permissions.is_requester(author, ticket)
    if not (worker or requester):
        raise PermissionDenied("You may not reply to this ticket.")
    if is_internal and not worker:
        raise PermissionDenied("Only the support team can write internal notes.")
    body = _validate_text(body, "message", MAX_BODY_LENGTH)
    fresh = _locked(ticket)
    if fresh.status == Status.CLOSED:
        raise ValidationError("This ticket is closed. Please open a new ticket if you still need help.", code="closed")
    if fresh.merged_into_id:
        raise ValidationError(f"This ticket was merged into {fresh.merged_into.reference}; reply there.", code="merged")
    checked = check_uploads(uploads)

    message = TicketMessage.objects.create(ticket=fresh, author=author, body=body, is_internal=is_internal)
    _attach(fresh, author, checked, message=message)
    fields = []
    if worker and not is_internal and not requester and fresh.first_responded_at is None:
        fresh.first_responded_at = message.created_at
        fields.append("first_responded_at")
    _touch(fresh, *fields)

    previous_status = fresh.status
    if not worker and previous_status in (Status.WAITING, Status.RESOLVED):
        # The customer answered: the ball is back with the desk. One notification says both.
        ticket_transition(ticket=fresh, actor=author, to_status=Status.OPEN, note="The customer replied", announce=False)

    summary = f"{fresh.reference} {fresh.title}"
    if is_internal:
        notify(
            recipients=_staff_side(fresh),
            title=f"Internal note on {summary}",
            body=f"{author} wrote:\n\n{body}",
            url=fresh.get_admin_url(),
            exclude=author,
        )
    elif worker and not requester:
        notify(
            recipients=[fresh.requester],
            title=f"New reply on {summary}",
            body=f"{author} wrote:\n\n{body}",
            url=fresh.get_absolute_url(),
            exclude=author,
        )
    else:
        notify(
            recipients=_staff_side(fresh),
            title=f"The customer replied on {summary}" + (" and reopened it" if previous_status == Status.RESOLVED else ""),
            body=f"{author} wrote:\n\n{body}",
            url=fresh.get_admin_url(),
            exclude=author,
        )
    _copy_state(fresh, ticket)
    return message


@transaction.atomic
def ticket_rate(*, ticket: Ticket, user, rating: int, comment: str = "") -> Ticket:
    """The requester rates a resolved or closed ticket, once."""
    if not permissions.is_requester(user, ticket):
        raise PermissionDenied("Only the person who opened the ticket can rate it.")
    fresh = _locked(ticket)
    if fresh.status not in (Status.RESOLVED, Status.CLOSED):
        raise ValidationError("You can rate a ticket once it is resolved.", code="not_resolved")
    if fresh.rating is not None:
        raise ValidationError("You have already rated this ticket. Thank you!", code="rated")
    try:
        rating = int(rating)
    except (TypeError, ValueError):
        rating = 0
    if not 1 <= rating <= 5:
        raise ValidationError({"rating": "Choose a rating from 1 to 5."})
    comment = (comment or "").strip()
    if len(comment) > 2000:
        raise ValidationError({"comment": "The comment may be at most 2000 characters."})
    fresh.rating, fresh.rating_comment, fresh.rated_at = rating, comment, timezone.now()
    fresh.save(update_fields=["rating", "rating_comment", "rated_at"])
    _record(fresh, user, TicketEvent.Kind.RATED, new=f"{rating}/5")
    if fresh.assignee_id:
        notify(
            recipients=[fresh.assignee],
            title=f"{fresh.reference} was rated {rating}/5",
            body=comment,
            url=fresh.get_admin_url(),
            email=False,
        )
    _copy_state(fresh, ticket)
    return ticket


@transaction.atomic
def ticket_merge(*, source: Ticket, target: Ticket, actor) -> Ticket:
    """Move a duplicate's conversation into ``target`` and close the duplicate with a pointer to it."""
    if source.pk == target.pk:
        raise ValidationError("A ticket cannot be merged into itself.", code="self")
    _require_worker(actor, source)
    _require_worker(actor, target)
    source, target_fresh = _locked(source), _locked(target)
    if source.status == Status.CLOSED or source.merged_into_id:
        raise ValidationError(f"{source.reference} is already closed and cannot be merged.", code="closed")
    if target_fresh.status == Status.CLOSED:
        raise ValidationError(f"{target_fresh.reference} is closed; merge into an open ticket.", code="target_closed")

    TicketMessage.objects.filter(ticket=source).update(ticket=target_fresh)
    TicketAttachment.objects.filter(ticket=source).update(ticket=target_fresh)
    TicketMessage.objects.create(
        ticket=target_fresh,
        author=actor,
        is_internal=False,
        body=f"{source.reference} “{source.title}” was merged into this ticket. It said:\n\n{source.description}",
    )
    target_fresh.watchers.add(*source.watchers.all())
    _touch(target_fresh)
    _record(target_fresh, actor, TicketEvent.Kind.MERGED, source.reference, target_fresh.reference)
    _record(source, actor, TicketEvent.Kind.MERGED, source.reference, target_fresh.reference)
    source.merged_into = target_fresh
    source.save(update_fields=["merged_into"])
    ticket_transition(ticket=source, actor=actor, to_status=Status.CLOSED, note=f"Merged into {target_fresh.reference}")
    return target_fresh


@transaction.atomic
def ticket_delete(*, ticket: Ticket, actor) -> None:
    """Delete a ticket with its conversation, files and history: support leads and superusers only."""
    if actor is not None and not permissions.can_delete_tickets(actor):
        raise PermissionDenied("Only support leads can delete tickets.")
    files = [attachment.file for attachment in TicketAttachment.objects.filter(ticket=ticket)]
    Ticket.objects.filter(merged_into=ticket).update(merged_into=None)
    ticket.delete()
    # Files go only once the rows are gone for good; a rollback must not leave rows without files.
    transaction.on_commit(lambda: [stored.delete(save=False) for stored in files if stored])


# --- checklist ----------------------------------------------------------------------------------


@transaction.atomic
def checklist_item_add(*, ticket: Ticket, actor, text: str) -> ChecklistItem:
    _require_worker(actor, ticket)
    text = _validate_text(text, "item", 200)
    # One past the highest, not the count: after a deletion the count would repeat a position.
    last = ticket.checklist.aggregate(last=Max("position"))["last"]
    position = 0 if last is None else last + 1
    return ChecklistItem.objects.create(ticket=ticket, text=text, position=position)


@transaction.atomic
def checklist_item_set_done(*, item: ChecklistItem, actor, is_done: bool) -> ChecklistItem:
    _require_worker(actor, item.ticket)
    item.is_done = bool(is_done)
    item.done_by = actor if item.is_done else None
    item.done_at = timezone.now() if item.is_done else None
    item.save(update_fields=["is_done", "done_by", "done_at"])
    return item


@transaction.atomic
def checklist_item_delete(*, item: ChecklistItem, actor) -> None:
    _require_worker(actor, item.ticket)
    item.delete()


# --- background jobs ----------------------------------------------------------------------------


def tickets_close_resolved(*, now=None) -> int:
    """Close tickets resolved more than SUPPORT_AUTO_CLOSE_AFTER_DAYS ago; returns how many."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.SUPPORT_AUTO_CLOSE_AFTER_DAYS)
    closed = 0
    for ticket in Ticket.objects.filter(status=Status.RESOLVED, resolved_at__lte=cutoff).only("pk"):
        try:
            ticket_transition(ticket=ticket, actor=None, to_status=Status.CLOSED, note="Closed automatically")
            closed += 1
        except TicketTransitionError:
            continue  # reopened meanwhile
    return closed


_SLA_RANK = {"": 0, SLAState.ON_TRACK: 0, SLAState.AT_RISK: 1, SLAState.BREACHED: 2}


def tickets_check_sla(*, now=None) -> int:
    """Warn assignee and department lead once when a ticket becomes at risk, and once when breached."""
    now = now or timezone.now()
    candidates = (
        Ticket.objects.filter(status__in=ACTIVE_STATUSES, sla_paused_at__isnull=True)
        .filter(
            Q(first_responded_at__isnull=True, first_response_at_risk_at__lte=now)
            | Q(resolution_at_risk_at__lte=now)
        )
        .exclude(sla_notified_state=SLAState.BREACHED)
        .select_related("assignee", "department__lead")
    )
    warned = 0
    for ticket in candidates:
        state = ticket.sla_state(now)
        if _SLA_RANK.get(state, 0) <= _SLA_RANK.get(ticket.sla_notified_state, 0):
            continue
        with transaction.atomic():
            updated = Ticket.objects.filter(pk=ticket.pk, sla_notified_state=ticket.sla_notified_state).update(
                sla_notified_state=state
            )
            if not updated:
                continue  # another worker got there first
            label = "breached its SLA" if state == SLAState.BREACHED else "is at risk of breaching its SLA"
            notify(
                recipients=[ticket.assignee, ticket.department.lead],
                title=f"{ticket.reference} {label}",
                body=f"{ticket.title}\nPriority {ticket.get_priority_display()}, {ticket.department}.",
                url=ticket.get_admin_url(),
            )
            warned += 1
    return warned
