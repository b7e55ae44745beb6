"""The task table in the Wagtail admin (django-tables2)."""

import django_tables2 as tables
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from portal.tables import DateTimeColumn

from .models import OPEN_STATUSES, Task


def _is_overdue(record, today):
    return bool(record.due_date and record.status in OPEN_STATUSES and record.due_date < today)


class TaskTable(tables.Table):
    select = tables.CheckBoxColumn(
        accessor="pk",
        attrs={
            "th__input": {"data-select-all": "", "aria-label": "Select all tasks on this page"},
            "td__input": {"form": "bulk-form", "name": "task", "aria-label": "Select task"},
        },
        orderable=False,
        exclude_from_export=True,
    )
    title = tables.Column(linkify=lambda record: reverse("worktasks_admin:task_detail", args=[record.pk]))
    status = tables.Column()
    priority = tables.Column()
    assignee = tables.Column(order_by=("assignee__display_name", "assignee__email"), default="Unassigned")
    team = tables.Column(order_by=("team__name",), default="—")
    due_date = tables.DateColumn(
        verbose_name="Due",
        format="j M Y",
        default="—",
        attrs={"td": {"class": lambda record, table: "task-overdue" if _is_overdue(record, table.today) else ""}},
    )
    ticket = tables.Column(verbose_name="Ticket", order_by=("ticket_id",), default="—")
    checklist = tables.Column(
        verbose_name="Checklist", accessor="checklist_done", order_by=("checklist_done", "checklist_total")
    )
    updated_at = DateTimeColumn(verbose_name="Updated")

    count_noun = "tasks"

    class Meta:
        model = Task
        fields = ["select", "title", "status", "priority", "assignee", "team", "due_date", "ticket", "checklist", "updated_at"]
        attrs = {"class": "listing task-table"}
        template_name = "portal/admin/table.html"
        order_by = ("-updated_at",)
        empty_text = "No tasks match these filters."
        per_page = 50

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = timezone.localdate()

    def render_due_date(self, record, value):
        if value is None:
            return "—"
        if _is_overdue(record, self.today):
            return format_html('<span class="w-status w-status--label task-overdue-badge">Overdue</span> {}', f"{value:%-d %b %Y}")
        return f"{value:%-d %b %Y}"

    def render_ticket(self, record):
        return format_html('<a href="{}">{}</a>', record.ticket.get_admin_url(), record.ticket.reference)

    def value_ticket(self, record):
        return record.ticket.reference if record.ticket_id else ""

    def render_checklist(self, record):
        if not record.checklist_total:
            return "—"
        return f"{record.checklist_done}/{record.checklist_total}"

    def value_checklist(self, record):
        return f"{record.checklist_done}/{record.checklist_total}" if record.checklist_total else ""

    def value_status(self, record):
        return record.get_status_display()

    def value_due_date(self, record):
        return record.due_date.isoformat() if record.due_date else ""

    def value_updated_at(self, record):
        return record.updated_at.isoformat(timespec="seconds")

    def render_status(self, record):
        return format_html('<span class="task-status task-status--{}">{}</span>', record.status, record.get_status_display())
