"""Internal work tasks: the team's to-do items, their checklists, comments, files and history.

Customers never see these. Every write goes through ``worktasks.services``; every read that is
more than a ``.get()`` through ``worktasks.selectors``.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from portal.models import Attachment
from portal.uploads import private_storage
from support.models import Priority

__all__ = ["Priority", "Status", "Recurrence", "Label", "Task", "TaskChecklistItem", "TaskComment", "TaskAttachment", "TaskEvent"]


class Status(models.TextChoices):
    TODO = "todo", "To do"
    IN_PROGRESS = "in_progress", "In progress"
    BLOCKED = "blocked", "Blocked"
    DONE = "done", "Done"
    CANCELLED = "cancelled", "Cancelled"


OPEN_STATUSES = [Status.TODO, Status.IN_PROGRESS, Status.BLOCKED]
FINISHED_STATUSES = [Status.DONE, Status.CANCELLED]


class Recurrence(models.TextChoices):
    NONE = "none", "Does not repeat"
    DAILY = "daily", "Daily"
    WEEKLY = "weekly", "Weekly"
    MONTHLY = "monthly", "Monthly"


class Label(models.Model):
    name = models.CharField(max_length=50, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Task(models.Model):
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.TODO)
    priority = models.PositiveSmallIntegerField(choices=Priority.choices, default=Priority.MEDIUM)
    start_date = models.DateField(null=True, blank=True)
    due_date = models.DateField(null=True, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="assigned_tasks"
    )
    team = models.ForeignKey(
        "support.Department", null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks"
    )
    creator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="created_tasks"
    )
    labels = models.ManyToManyField(Label, blank=True, related_name="tasks")
    ticket = models.ForeignKey(
        "support.Ticket", null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks"
    )
    blocked_reason = models.CharField(max_length=300, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    recurrence = models.CharField(max_length=10, choices=Recurrence.choices, default=Recurrence.NONE)
    previous_occurrence = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="next_occurrences"
    )
    watchers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="watched_tasks")
    # The due date each reminder was last sent for, so the daily job sends each one once.
    due_soon_notified_for = models.DateField(null=True, blank=True)
    overdue_notified_for = models.DateField(null=True, blank=True)

    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        permissions = [("work_tasks", "Can use work tasks")]
        indexes = [
            models.Index(fields=["status", "-updated_at"], name="task_status_updated"),
            models.Index(fields=["assignee", "status"], name="task_assignee_status"),
            models.Index(fields=["team", "status"], name="task_team_status"),
            models.Index(fields=["priority", "status"], name="task_priority_status"),
            # the table sorted by priority (its order_by is priority, pk)
            models.Index(fields=["priority", "id"], name="task_priority_id"),
            models.Index(fields=["due_date", "status"], name="task_due_status"),
            # the board: each status column's first cards (selectors.BOARD_ORDER)
            models.Index(fields=["status", "priority", "due_date"], name="task_board_order"),
            # "My tasks due soon" on the admin home: one person's open tasks by due date.
            models.Index(
                fields=["assignee", "due_date"], name="task_open_assignee_due", condition=Q(status__in=OPEN_STATUSES)
            ),
            models.Index(fields=["-updated_at"], name="task_updated"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("worktasks_admin:task_detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, today=None) -> bool:
        return bool(self.due_date and self.is_open and self.due_date < (today or timezone.localdate()))


class TaskChecklistItem(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="checklist")
    text = models.CharField(max_length=200)
    is_done = models.BooleanField(default=False)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    done_at = models.DateTimeField(null=True, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        indexes = [models.Index(fields=["task", "is_done"], name="task_checklist_done")]

    def __str__(self):
        return self.text


class TaskComment(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["task", "created_at"], name="task_comment_task_created")]

    def __str__(self):
        return f"Comment on {self.task}"


def attachment_path(instance, filename):
    # The stored name never comes from the uploader; the original name is kept in a field.
    return f"worktasks/tasks/{instance.task_id}/{timezone.now():%Y%m%d%H%M%S}-{instance.checksum[:16]}"



class TaskAttachment(Attachment):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, storage=private_storage, max_length=255)


class TaskEvent(models.Model):
    """One line of a task's history: who changed what, and when."""

    class Kind(models.TextChoices):
        CREATED = "created", "Created"
        STATUS = "status", "Status"
        TITLE = "title", "Title"
        DESCRIPTION = "description", "Description"
        PRIORITY = "priority", "Priority"
        ASSIGNEE = "assignee", "Assignee"
        TEAM = "team", "Team"
        START_DATE = "start_date", "Start date"
        DUE_DATE = "due_date", "Due date"
        LABELS = "labels", "Labels"
        TICKET = "ticket", "Linked ticket"
        RECURRENCE = "recurrence", "Recurrence"
        CHECKLIST = "checklist", "Checklist"
        ATTACHMENT = "attachment", "Attachment"
        COMMENT = "comment", "Comment"
        WATCHERS = "watchers", "Watchers"

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    old_value = models.CharField(max_length=200, blank=True)
    new_value = models.CharField(max_length=200, blank=True)
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["task", "created_at"], name="task_event_task_created")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.old_value} → {self.new_value}"
