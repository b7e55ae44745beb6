"""Every read of tickets that is more than a ``.get()``, with the role scoping built in.

Customer pages, the admin tables and the API all read through here, so what a person may see
is decided in one place.
"""

from functools import cache

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404

from portal import textsearch

from . import permissions
from .models import (
    ACTIVE_STATUSES,
    CannedResponse,
    Category,
    Department,
    Status,
    Ticket,
    TicketAttachment,
    TicketMessage,
    next_sla_due,
    parse_reference,
)

# --- the customer's side ------------------------------------------------------------------------

User = get_user_model()


def tickets_of_requester(*, user, state: str = ""):
    """The tickets ``user`` opened. ``state`` is "", "open" (not yet closed or resolved) or "closed"."""
    tickets = Ticket.objects.filter(requester=user).select_related("category", "department")
    if state == "open":
        tickets = tickets.filter(status__in=ACTIVE_STATUSES)
    elif state == "closed":
        tickets = tickets.filter(status__in=[Status.RESOLVED, Status.CLOSED])
    return tickets.order_by("-updated_at", "-pk")


def ticket_list_of_requester(*, user, state: str = ""):
    """``tickets_of_requester`` with only the columns the customer's ticket list shows.

    The whole rows (the description, a dozen SLA and rating timestamps, the department) take
    twice as long to read and build as these columns.
    """
    return (
        tickets_of_requester(user=user, state=state)
        .select_related(None)
        .select_related("category")
        .only("id", "title", "status", "updated_at", "category__name")
    )


def ticket_of_requester(*, user, reference: str) -> Ticket:
    """One of ``user``'s own tickets, else 404 (another person's ticket does not exist for them)."""
    tickets = Ticket.objects.select_related("category", "department", "assignee", "order", "merged_into")
    return _one_of_requester(tickets, user=user, reference=reference)


def ticket_page_of_requester(*, user, reference: str) -> Ticket:
    """``ticket_of_requester`` with only the columns the customer's ticket page shows.

    The whole rows of the ticket, its order, assignee and department take as long to read and
    build as the rest of the page; the page's forms post to views that read the whole ticket
    (``ticket_of_requester``), as the services need it. It also says whether the ticket has
    public files and replies at all, so that a ticket with none (most new ones) costs no query
    for them (``public_ticket_attachments``, ``public_messages``).
    """
    return _one_of_requester(_ticket_page_tickets(), user=user, reference=reference)


@cache
def _ticket_page_tickets():
    # Composed once and cloned by each .get(): composing it (the joins, the columns, the two
    # subqueries) cost Python more than running it.
    return (
        Ticket.objects.select_related("category", "order", "merged_into")
        .only(
            "id", "title", "description", "status", "priority", "requester_id", "rating", "resolution_summary",
            "created_at", "updated_at", "category__name", "order__number", "merged_into__id",
        )
        .annotate(
            has_public_attachments=Exists(_public_ticket_attachments(OuterRef("pk"))),
            has_public_messages=Exists(_public_messages(OuterRef("pk"))),
        )
    )


def _one_of_requester(tickets, *, user, reference: str) -> Ticket:
    pk = parse_reference(reference)
    if pk is None or not user.is_authenticated:
        raise Http404("No such ticket")
    try:
        return tickets.get(pk=pk, requester=user)
    except Ticket.DoesNotExist:
        raise Http404("No such ticket") from None


def public_messages(*, ticket):
    """The conversation a customer sees: public replies only, each with its attachments."""
    if getattr(ticket, "has_public_messages", None) is False:  # known from ticket_page_of_requester
        return TicketMessage.objects.none()
    return _public_messages(ticket).select_related("author").prefetch_related("attachments")


def public_ticket_attachments(*, ticket):
    """Files attached to the ticket itself when it was opened (not to a message)."""
    if getattr(ticket, "has_public_attachments", None) is False:  # known from ticket_page_of_requester
        return TicketAttachment.objects.none()
    return _public_ticket_attachments(ticket)


def _public_messages(ticket):
    return TicketMessage.objects.filter(ticket=ticket, is_internal=False)


def _public_ticket_attachments(ticket):
    return TicketAttachment.objects.filter(ticket=ticket, message__isnull=True)


def attachments_visible_to(*, user, ticket):
    """Every file of ``ticket`` that ``user`` may download: all for the desk, none of internal notes' for the requester."""
    attachments = TicketAttachment.objects.filter(ticket=ticket).select_related("message")
    if permissions.can_work_ticket(user, ticket):
        return attachments
    if permissions.is_requester(user, ticket):
        return attachments.exclude(message__is_internal=True)
    return attachments.none()


def attachment_for(*, user, ticket_reference: str, attachment_id: int) -> TicketAttachment:
    """An attachment ``user`` may download: their own ticket's public files, or any file of a ticket they work."""
    pk = parse_reference(ticket_reference)
    if pk is None or not user.is_authenticated:
        raise Http404("No such file")
    attachment = (
        TicketAttachment.objects.select_related("ticket", "message").filter(pk=attachment_id, ticket_id=pk).first()
    )
    if attachment is None:
        raise Http404("No such file")
    ticket = attachment.ticket
    if permissions.can_work_ticket(user, ticket):
        return attachment
    if permissions.is_requester(user, ticket) and not attachment.is_internal:
        return attachment
    raise Http404("No such file")


def orders_of(*, user):
    """The requester's own orders, newest first, for the "which order is this about?" choice."""
    from oscar.core.loading import get_model

    Order = get_model("order", "Order")
    return Order.objects.filter(user=user).order_by("-date_placed")


def open_categories():
    return Category.objects.filter(is_active=True).select_related("department").order_by("name")


# --- the desk's side ----------------------------------------------------------------------------


def tickets_for_staff(*, user):
    """Tickets an agent may work: their departments', or all for leads and superusers."""
    if not permissions.can_use_support_admin(user):
        return Ticket.objects.none()
    tickets = Ticket.objects.select_related("requester", "department", "category", "assignee")
    if not permissions.sees_all_tickets(user):
        tickets = tickets.filter(department__in=permissions.department_ids(user))
    return tickets


def ticket_for_staff(*, user, reference: str) -> Ticket:
    pk = parse_reference(reference)
    if pk is None:
        raise Http404("No such ticket")
    ticket = (
        tickets_for_staff(user=user)
        .select_related("order", "merged_into", "department__lead")
        .prefetch_related("watchers")
        .filter(pk=pk)
        .first()
    )
    if ticket is None:
        raise Http404("No such ticket")
    return ticket


def all_messages(*, ticket):
    """The whole conversation, internal notes included: for the desk only."""
    return TicketMessage.objects.filter(ticket=ticket).select_related("author").prefetch_related("attachments")


def ticket_history(*, ticket):
    return ticket.events.select_related("actor").order_by("created_at", "pk")


def departments_for(*, user):
    departments = Department.objects.all()
    if not permissions.sees_all_tickets(user):
        departments = departments.filter(pk__in=permissions.department_ids(user))
    return departments


def assignable_agents(*, department):
    """Everyone who may be given a ticket of ``department``."""
    return support_staff(departments=[department.pk])


def canned_responses_for(*, department):
    return CannedResponse.objects.filter(Q(department=department) | Q(department__isnull=True)).order_by("title")


def other_tickets_of_requester(*, ticket, limit: int = 10):
    return (
        Ticket.objects.filter(requester_id=ticket.requester_id)
        .exclude(pk=ticket.pk)
        .select_related("department")
        .order_by("-updated_at")[:limit]
    )


def prefetch_for_workspace():
    return Prefetch("messages", queryset=TicketMessage.objects.select_related("author").prefetch_related("attachments"))


# --- SLA states as database filters (the admin table, its saved views and the home panels) ----------
#
# These mirror Ticket.sla_state() on the stored moments, so a table can filter and sort on them with
# an index instead of computing the state ticket by ticket in Python.


def _sla_q(now):
    from django.db.models import F

    first_response_pending = Q(first_responded_at__isnull=True, first_response_due_at__isnull=False)
    # The target that runs out first; a tie goes to the first response, as in next_sla_target().
    first_response_is_next = first_response_pending & (
        Q(resolution_due_at__isnull=True) | Q(first_response_due_at__lte=F("resolution_due_at"))
    )
    resolution_is_next = Q(resolution_due_at__isnull=False) & (
        Q(first_responded_at__isnull=False)
        | Q(first_response_due_at__isnull=True)
        | Q(resolution_due_at__lt=F("first_response_due_at"))
    )
    running = Q(status__in=ACTIVE_STATUSES, sla_paused_at__isnull=True)
    overdue = (first_response_pending & Q(first_response_due_at__lte=now)) | Q(resolution_due_at__lte=now)
    at_risk_moment_passed = (first_response_is_next & Q(first_response_at_risk_at__lte=now)) | (
        resolution_is_next & Q(resolution_at_risk_at__lte=now)
    )
    finished = Q(status__in=[Status.RESOLVED, Status.CLOSED])
    finished_late = finished & Q(resolution_due_at__isnull=False, resolved_at__gt=F("resolution_due_at"))
    return running, overdue, at_risk_moment_passed, finished_late


def tickets_in_sla_states(tickets, *, states, now=None):
    """Narrow ``tickets`` to those whose ``sla_state()`` is one of ``states`` (on_track, at_risk, breached, paused)."""
    from django.utils import timezone

    from .models import SLAState

    now = now or timezone.now()
    running, overdue, at_risk, finished_late = _sla_q(now)
    states = set(states)
    if not states:
        return tickets
    pks = Q(pk__in=[])
    if SLAState.PAUSED in states:
        pks |= Q(status__in=ACTIVE_STATUSES, sla_paused_at__isnull=False)
    if SLAState.BREACHED in states:
        pks |= (running & overdue) | finished_late
    if SLAState.AT_RISK in states:
        pks |= Q(pk__in=Ticket.objects.filter(running & at_risk).exclude(overdue).values("pk"))
    if SLAState.ON_TRACK in states:
        pks |= Q(pk__in=Ticket.objects.filter(running).exclude(overdue).exclude(at_risk).values("pk"))
    return tickets.filter(pks)


def with_next_sla_due(tickets):
    """Annotate ``next_sla_due`` (``models.next_sla_due``), for sorting."""
    return tickets.annotate(next_sla_due=next_sla_due())


# A text matching more people's emails than this does not single anybody out.
MAX_REQUESTERS_MATCHED = 200


def requesters_matching(text: str) -> list[int]:
    """Ids of the people whose email contains ``text``, for the ticket search (at most MAX_REQUESTERS_MATCHED)."""
    matching = textsearch.matches(User, text, columns=("email",))
    return list(User.objects.filter(matching).values_list("pk", flat=True)[:MAX_REQUESTERS_MATCHED])


def support_staff(*, departments=None):
    """People who may work tickets of ``departments``; with None, everyone who works tickets at all.

    One ``pk IN (... UNION ...)`` over the small tables (superusers, groups, departments): an OR
    of joins with DISTINCT read every one of tens of thousands of customers.
    """
    members = Department.members.through.objects
    leads = Department.objects
    if departments is not None:
        members = members.filter(department__in=departments)
        leads = leads.filter(pk__in=departments)
    # (SQLite refuses ORDER BY inside a UNION: every part drops its model's default ordering.)
    sources = [
        _holding("view_all_tickets"),
        members.order_by().values("user_id"),
        leads.order_by().values("lead_id"),
    ]
    if departments is None:
        sources.append(_holding("work_tickets"))
    superusers = User.objects.filter(is_superuser=True).order_by().values("pk")
    return User.objects.filter(pk__in=superusers.union(*sources), is_active=True).order_by("display_name", "email")


def _holding(codename: str):
    """Ids of the people whose groups grant the support permission ``codename``."""
    return User.groups.through.objects.filter(
        group__permissions__codename=codename, group__permissions__content_type__app_label="support"
    ).order_by().values("user_id")
