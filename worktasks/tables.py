"""The task table in the Wagtail admin (django-tables2)."""

import django_tables2 as tables
from django.urls import reverse
from django.utils import timezone

from portal.tables import DateTimeColumn, PythonRowsMixin, esc, format_datetime

from .models import OPEN_STATUSES, Task


def _is_overdue(record, today):
    return bool(record.due_date and record.status in OPEN_STATUSES and record.due_date < today)


class TaskTable(PythonRowsMixin, tables.Table):
    select = tables.CheckBoxColumn(
        accessor="pk",
        attrs={"th__input": {"data-select-all": "", "aria-label": "Select all tasks on this page"}},
        orderable=False,
        exclude_from_export=True,
    )
    # Every sort ends with the primary key, so rows that tie keep one order from page to page.
    title = tables.Column(order_by=("title", "pk"))
    status = tables.Column(order_by=("status", "pk"))
    priority = tables.Column(order_by=("priority", "pk"))
    assignee = tables.Column(
        order_by=("assignee__display_name", "assignee__email", "pk"), default="Unassigned"
    )
    team = tables.Column(order_by=("team__name", "pk"), default="—")
    due_date = tables.DateColumn(verbose_name="Due", format="j M Y", default="—", order_by=("due_date", "pk"))
    ticket = tables.Column(verbose_name="Ticket", order_by=("ticket_id", "pk"), default="—")
    checklist = tables.Column(
        verbose_name="Checklist", accessor="checklist_done", order_by=("checklist_done", "checklist_total", "pk")
    )
    updated_at = DateTimeColumn(verbose_name="Updated", order_by=("updated_at", "pk"))

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
        # One reverse() each for the page rather than one per row.
        self._task_url = reverse("worktasks_admin:task_detail", args=[0])
        self._ticket_url = reverse("support_admin:ticket_workspace", kwargs={"reference": "REFERENCE"})

    def row_cells(self, task):
        overdue = _is_overdue(task, self.today)
        due = f"{task.due_date:%-d %b %Y}" if task.due_date else "—"
        if overdue:
            due = f'<span class="w-status w-status--label task-overdue-badge">Overdue</span> {due}'
        if task.ticket_id:
            reference = task.ticket.reference
            ticket = f'<a href="{self._ticket_url.replace("REFERENCE", reference)}">{reference}</a>'
        else:
            ticket = "—"
        return {
            "select": f'<input type="checkbox" name="task" value="{task.pk}" form="bulk-form" aria-label="Select task">',
            "title": f'<a href="{self._task_url.replace("/0/", f"/{task.pk}/")}">{esc(task.title)}</a>',
            "status": f'<span class="task-status task-status--{task.status}">{task.get_status_display()}</span>',
            "priority": task.get_priority_display(),
            "assignee": esc(task.assignee) if task.assignee_id else "Unassigned",
            "team": esc(task.team.name) if task.team_id else "—",
            "due_date": (due, "task-overdue") if overdue else due,
            "ticket": ticket,
            "checklist": f"{task.checklist_done}/{task.checklist_total}" if task.checklist_total else "—",
            "updated_at": format_datetime(task.updated_at),
        }

    def value_ticket(self, record):
        return record.ticket.reference if record.ticket_id else ""

    def value_checklist(self, record):
        return f"{record.checklist_done}/{record.checklist_total}" if record.checklist_total else ""

    def value_status(self, record):
        return record.get_status_display()

    def value_due_date(self, record):
        return record.due_date.isoformat() if record.due_date else ""

    def value_updated_at(self, record):
        return record.updated_at.isoformat(timespec="seconds")

