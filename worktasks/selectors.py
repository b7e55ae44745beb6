"""Every read of tasks that is more than a ``.get()``, with the role scoping built in."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count, F, OuterRef, Q, Subquery, prefetch_related_objects
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from . import permissions
from .models import OPEN_STATUSES, Label, Status, Task, TaskAttachment, TaskChecklistItem

# A column shows this many cards; the rest are a link to the table away.
BOARD_CARDS_PER_COLUMN = 50
BOARD_ORDER = ("priority", "due_date", "-updated_at", "pk")


def tasks_for_staff(*, user):
    """Every task, for people who may work tasks; nothing for anyone else.

    The checklist counts are annotated so a table or board costs the same queries for 1 or 50 rows.
    They are subqueries per row rather than a join with GROUP BY: the database then counts the
    checklists of the rows on the page only, not of every task before sorting.
    """
    if not permissions.can_use_tasks(user):
        return Task.objects.none()
    return Task.objects.select_related("assignee", "team", "ticket").annotate(
        checklist_total=_checklist_count(),
        checklist_done=_checklist_count(is_done=True),
    )


def _checklist_count(**conditions):
    items = (
        TaskChecklistItem.objects.filter(task=OuterRef("pk"), **conditions)
        .order_by()
        .values("task")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(items), 0)


def task_for_staff(*, user, pk) -> Task:
    task = (
        tasks_for_staff(user=user)
        .select_related("creator", "previous_occurrence", "ticket__assignee")
        .prefetch_related("labels", "watchers")
        .filter(pk=pk)
        .first()
    )
    if task is None:
        raise Http404("No such task")
    return task


def board_columns(*, tasks):
    """The board: one column per status, each with its first cards (most urgent and soonest due first).

    One query per column (each served by the ``task_board_order`` index), then one for the
    labels of every card: a fixed number of queries, and every column gets its cards however
    many tasks the other columns hold. ``more`` says the column has more than it shows.
    """
    columns = []
    for status in Status:
        cards = list(tasks.filter(status=status).order_by(*BOARD_ORDER)[: BOARD_CARDS_PER_COLUMN + 1])
        columns.append(
            {"status": status, "tasks": cards[:BOARD_CARDS_PER_COLUMN], "more": len(cards) > BOARD_CARDS_PER_COLUMN}
        )
    prefetch_related_objects([task for column in columns for task in column["tasks"]], "labels")
    return columns


def task_history(*, task):
    return task.events.select_related("actor").order_by("-created_at", "-pk")


def task_comments(*, task):
    return task.comments.select_related("author")


def task_checklist(*, task):
    return task.checklist.all()


def task_attachments(*, task):
    return task.attachments.select_related("uploaded_by")


def attachment_for(*, user, task_id: int, attachment_id: int) -> TaskAttachment:
    if not permissions.can_use_tasks(user):
        raise Http404("No such file")
    attachment = TaskAttachment.objects.filter(pk=attachment_id, task_id=task_id).first()
    if attachment is None:
        raise Http404("No such file")
    return attachment


def assignable_users():
    """Everyone who may be given a task: active people with the task permission, and superusers.

    One ``pk IN (... UNION ...)`` over the small permission tables, not joins with DISTINCT over
    every customer.
    """
    User = get_user_model()
    granted = _permission_ids(Q(codename="work_tasks", content_type__app_label="worktasks"))
    holders = User.objects.filter(is_superuser=True).order_by().values("pk").union(
        User.groups.through.objects.filter(group__permissions__in=granted).order_by().values("user_id"),
        User.user_permissions.through.objects.filter(permission__in=granted).order_by().values("user_id"),
    )
    return User.objects.filter(pk__in=holders, is_active=True).order_by("display_name", "email")


def _permission_ids(condition):
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(condition).values("pk")


def labels():
    return Label.objects.order_by("name")


def tasks_of_ticket(*, ticket):
    """The tasks linked to a ticket, for its workspace: open ones first."""
    return (
        Task.objects.filter(ticket=ticket)
        .select_related("assignee")
        .order_by(F("completed_at").asc(nulls_first=True), "due_date", "pk")
    )


def my_tasks_due_soon(*, user, days: int = 7, limit: int = 10):
    """``user``'s open tasks that are overdue or due within ``days``, soonest first."""
    if not permissions.can_use_tasks(user):
        return Task.objects.none()
    horizon = timezone.localdate() + timedelta(days=days)
    return (
        Task.objects.filter(assignee=user, status__in=OPEN_STATUSES, due_date__lte=horizon)
        .select_related("ticket")
        .order_by("due_date", "priority", "pk")[:limit]
    )
