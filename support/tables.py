"""The desk's ticket table (django-tables2), rendered inside the Wagtail admin."""

import django_tables2 as tables
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from portal.tables import DateTimeColumn, PythonRowsMixin, esc, format_datetime

from .models import SLAState


def format_time_left(delta) -> str:
    """"3 h 20 min left" or "2 d 4 h overdue"; empty when no target applies."""
    if delta is None:
        return ""
    seconds = int(delta.total_seconds())
    suffix = "left" if seconds >= 0 else "overdue"
    minutes = abs(seconds) // 60
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        text = f"{days} d {hours} h"
    elif hours:
        text = f"{hours} h {minutes} min"
    else:
        text = f"{minutes} min"
    return f"{text} {suffix}"


SLA_CSS = {
    SLAState.ON_TRACK: "support-sla--on-track",
    SLAState.AT_RISK: "support-sla--at-risk",
    SLAState.BREACHED: "support-sla--breached",
    SLAState.PAUSED: "support-sla--paused",
    SLAState.MET: "support-sla--met",
}


def sla_badge(ticket, now=None):
    now = now or timezone.now()
    state = SLAState(ticket.sla_state(now))
    left = format_time_left(ticket.sla_time_left(now))
    # Plain strings (no format_html): the table calls this for every row. Nothing here comes from
    # a person: the state, its label and the time left are ours.
    left_html = f'<span class="support-sla__left">{left}</span>' if left else ""
    return mark_safe(f'<span class="support-sla {SLA_CSS[state]}">{state.label}</span>{left_html}')


class TicketTable(PythonRowsMixin, tables.Table):
    selection = tables.CheckBoxColumn(
        accessor="pk",
        attrs={"th__input": {"aria-label": "Select all tickets", "data-support-select-all": ""}},
        exclude_from_export=True,
    )
    reference = tables.Column(accessor="pk", verbose_name="Reference", order_by=("pk",))
    title = tables.Column()
    requester = tables.Column(order_by=("requester__email", "pk"))
    priority = tables.Column(order_by=("priority", "pk"))
    status = tables.Column(order_by=("status", "pk"))
    department = tables.Column(order_by=("department__name", "pk"))
    assignee = tables.Column(order_by=("assignee__display_name", "assignee__email", "pk"), default="Unassigned")
    sla = tables.Column(verbose_name="SLA", accessor="pk", order_by=("next_sla_due", "pk"))
    updated_at = DateTimeColumn(verbose_name="Last update", order_by=("updated_at", "pk"))

    count_noun = "tickets"

    class Meta:
        attrs = {"class": "listing support-ticket-table"}
        template_name = "portal/admin/table.html"
        order_by = ("-updated_at",)
        empty_text = "No tickets match these filters."

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.now = timezone.now()
        # One reverse() for the page rather than one per row.
        self._workspace_url = reverse("support_admin:ticket_workspace", kwargs={"reference": "REFERENCE"})

    def row_cells(self, ticket):
        url = self._workspace_url.replace("REFERENCE", ticket.reference)
        link = f'<a href="{url}">'
        return {
            "selection": (
                f'<input type="checkbox" name="tickets" value="{ticket.pk}" form="support-bulk-form" aria-label="Select ticket">'
            ),
            "reference": f"{link}<strong>{ticket.reference}</strong></a>",
            "title": (f"{link}{esc(ticket.title)}</a>", "title"),
            "requester": f'{esc(ticket.requester)}<br><small class="w-text-text-meta">{esc(ticket.requester.email)}</small>',
            "priority": (
                f'<span class="support-priority support-priority--{ticket.priority}">{ticket.get_priority_display()}</span>'
            ),
            "status": f'<span class="w-status w-status--label">{ticket.get_status_display()}</span>',
            "department": esc(ticket.department.name),
            "assignee": esc(ticket.assignee) if ticket.assignee_id else "Unassigned",
            "sla": sla_badge(ticket, self.now),
            "updated_at": format_datetime(ticket.updated_at),
        }

    def row_attrs_html(self, ticket):
        return f' data-ticket="{ticket.reference}"'


CSV_COLUMNS = [
    ("Reference", lambda t, now: t.reference),
    ("Title", lambda t, now: t.title),
    ("Requester", lambda t, now: t.requester.email),
    ("Priority", lambda t, now: t.get_priority_display()),
    ("Status", lambda t, now: t.get_status_display()),
    ("Department", lambda t, now: t.department.name),
    ("Category", lambda t, now: t.category.name),
    ("Assignee", lambda t, now: t.assignee.email if t.assignee_id else ""),
    ("SLA", lambda t, now: SLAState(t.sla_state(now)).label),
    ("Time left", lambda t, now: format_time_left(t.sla_time_left(now))),
    ("Created", lambda t, now: timezone.localtime(t.created_at).isoformat(timespec="minutes")),
    ("Last update", lambda t, now: timezone.localtime(t.updated_at).isoformat(timespec="minutes")),
]
