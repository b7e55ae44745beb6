"""The support report at /admin/support/reports/ (URL name ``support_admin:reports``).

Every figure is aggregated in the database; only the medians need the list of durations on
databases without a percentile aggregate (SQLite), and then only one column of the range.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from statistics import median

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Aggregate, Avg, Count, DurationField, ExpressionWrapper, F, Q
from django.db.models.functions import TruncDate
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from . import permissions
from .models import ACTIVE_STATUSES, Priority, Status, Ticket

DEFAULT_DAYS = 30
MAX_DAYS = 366


class ReportRangeForm(forms.Form):
    date_from = forms.DateField(label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    date_to = forms.DateField(label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, *args, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if self.errors:
            return cleaned
        end = end or self.today
        start = start or end - timedelta(days=DEFAULT_DAYS - 1)
        if start > end:
            raise forms.ValidationError("The start date must be on or before the end date.")
        if (end - start).days + 1 > MAX_DAYS:
            raise forms.ValidationError(f"Choose a range of at most {MAX_DAYS} days.")
        cleaned["date_from"], cleaned["date_to"] = start, end
        return cleaned


def default_range(today: date) -> tuple[date, date]:
    return today - timedelta(days=DEFAULT_DAYS - 1), today


# --- figures -------------------------------------------------------------------------------------


class Median(Aggregate):
    """PostgreSQL's exact median; other databases take the Python path in ``_median``."""

    function = "PERCENTILE_CONT"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = DurationField()


def _duration(later, earlier):
    return ExpressionWrapper(F(later) - F(earlier), output_field=DurationField())


def _median(queryset, later, earlier):
    """The median of ``later - earlier`` over ``queryset`` (rows where both are set), or None."""
    rows = queryset.filter(**{f"{later}__isnull": False, f"{earlier}__isnull": False})
    if connection.vendor == "postgresql":
        return rows.aggregate(value=Median(_duration(later, earlier)))["value"]
    durations = [value for value in rows.values_list(_duration(later, earlier), flat=True) if value is not None]
    return median(durations) if durations else None


def _percent(part, whole):
    return round(100 * part / whole, 1) if whole else None


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int
    series: str
    day: date


def _chart(days, opened, resolved, *, width=760, height=220):
    """Coordinates for a grouped bar chart of tickets opened and resolved per day, drawn as inline SVG."""
    left, right, top, bottom = 36, 8, 10, 28
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = max([*opened.values(), *resolved.values(), 0])
    step = _nice_step(top_value)
    scale_max = max(step * 4, ((top_value + step - 1) // step) * step)
    slot = plot_w / max(len(days), 1)
    bar_w = max(1.0, min(14.0, slot * 0.38))
    bars = []
    for index, day in enumerate(days):
        centre = left + slot * index + slot / 2
        for offset, series, counts in ((-bar_w, "opened", opened), (0.0, "resolved", resolved)):
            value = counts.get(day, 0)
            bar_h = plot_h * value / scale_max
            bars.append(Bar(round(centre + offset, 2), round(top + plot_h - bar_h, 2), round(bar_w, 2), round(bar_h, 2), value, series, day))
    label_every = max(1, round(len(days) / 10))
    x_labels = [
        {"x": round(left + slot * index + slot / 2, 2), "text": f"{day.day} {day:%b}"}
        for index, day in enumerate(days)
        if index % label_every == 0
    ]
    y_ticks = [
        {"y": round(top + plot_h - plot_h * value / scale_max, 2), "value": value}
        for value in range(0, scale_max + 1, step)
    ]
    return {
        "width": width,
        "height": height,
        "left": left,
        "right_edge": width - right,
        "baseline": top + plot_h,
        "label_y": height - 8,
        "bars": bars,
        "x_labels": x_labels,
        "y_ticks": y_ticks,
    }


def _nice_step(top_value):
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if top_value <= step * 5:
            return step
    return 10_000


def build_report(*, date_from: date, date_to: date, now=None) -> dict:
    """Every figure of the report for the days ``date_from`` to ``date_to`` (inclusive, local time)."""
    now = now or timezone.now()
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(date_from, time.min), tz)
    end = timezone.make_aware(datetime.combine(date_to + timedelta(days=1), time.min), tz)

    tickets = Ticket.objects.order_by()
    opened = tickets.filter(created_at__gte=start, created_at__lt=end)
    resolved = tickets.filter(resolved_at__gte=start, resolved_at__lt=end)
    responded = tickets.filter(first_responded_at__gte=start, first_responded_at__lt=end)

    opened_per_day = dict(
        opened.annotate(day=TruncDate("created_at", tzinfo=tz)).values("day").annotate(n=Count("pk")).values_list("day", "n")
    )
    resolved_per_day = dict(
        resolved.annotate(day=TruncDate("resolved_at", tzinfo=tz)).values("day").annotate(n=Count("pk")).values_list("day", "n")
    )
    days = [date_from + timedelta(days=offset) for offset in range((date_to - date_from).days + 1)]

    counts = opened.aggregate(
        **{f"s_{status.value}": Count("pk", filter=Q(status=status)) for status in Status},
        **{f"p_{p.value}": Count("pk", filter=Q(priority=p)) for p in Priority},
    )
    by_department = list(
        opened.values("department__name").annotate(count=Count("pk")).order_by("-count", "department__name")
    )

    resolution_sla = resolved.filter(resolution_due_at__isnull=False).aggregate(
        total=Count("pk"), on_time=Count("pk", filter=Q(resolved_at__lte=F("resolution_due_at")))
    )
    response_sla = responded.filter(first_response_due_at__isnull=False).aggregate(
        total=Count("pk"), on_time=Count("pk", filter=Q(first_responded_at__lte=F("first_response_due_at")))
    )
    satisfaction = tickets.filter(rated_at__gte=start, rated_at__lt=end, rating__isnull=False).aggregate(
        average=Avg("rating"), count=Count("pk"), **{f"r{n}": Count("pk", filter=Q(rating=n)) for n in range(1, 6)}
    )

    overdue = Q(sla_paused_at__isnull=True) & (
        Q(first_responded_at__isnull=True, first_response_due_at__lt=now) | Q(resolution_due_at__lt=now)
    )
    active = tickets.filter(status__in=ACTIVE_STATUSES)
    per_agent = list(
        active.filter(assignee__isnull=False)
        .values("assignee", "assignee__display_name", "assignee__email")
        .annotate(open=Count("pk"), breached=Count("pk", filter=overdue))
        .order_by("-open", "assignee__display_name", "assignee__email")
    )
    unassigned = active.filter(assignee__isnull=True).aggregate(open=Count("pk"), breached=Count("pk", filter=overdue))

    return {
        "date_from": date_from,
        "date_to": date_to,
        "opened_total": sum(opened_per_day.values()),
        "resolved_total": sum(resolved_per_day.values()),
        "per_day": [
            {"day": day, "opened": opened_per_day.get(day, 0), "resolved": resolved_per_day.get(day, 0)} for day in days
        ],
        "chart": _chart(days, opened_per_day, resolved_per_day),
        "by_status": [{"label": status.label, "value": status.value, "count": counts[f"s_{status.value}"]} for status in Status],
        "by_priority": [{"label": p.label, "value": p.value, "count": counts[f"p_{p.value}"]} for p in Priority],
        "by_department": [{"label": row["department__name"], "count": row["count"]} for row in by_department],
        "median_first_response": _median(opened, "first_responded_at", "created_at"),
        "median_resolution": _median(resolved, "resolved_at", "created_at"),
        "resolution_sla": {**resolution_sla, "percent": _percent(resolution_sla["on_time"], resolution_sla["total"])},
        "response_sla": {**response_sla, "percent": _percent(response_sla["on_time"], response_sla["total"])},
        "satisfaction": {
            "average": round(satisfaction["average"], 2) if satisfaction["average"] is not None else None,
            "count": satisfaction["count"],
            "distribution": [{"stars": n, "count": satisfaction[f"r{n}"]} for n in range(5, 0, -1)],
        },
        "per_agent": [
            {
                "name": row["assignee__display_name"] or row["assignee__email"],
                "email": row["assignee__email"],
                "open": row["open"],
                "breached": row["breached"],
            }
            for row in per_agent
        ],
        "unassigned": unassigned,
    }


def format_duration(value) -> str:
    """``3 d 4 h``, ``5 h 12 min`` or ``7 min``: short enough for a metric card."""
    if value is None:
        return "–"
    minutes = int(value.total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {minutes} min"
    return f"{minutes} min"


# --- the view ------------------------------------------------------------------------------------


def reports_view(request):
    if not permissions.can_see_reports(request.user):
        raise PermissionDenied("Only support leads can see the support reports.")
    today = timezone.localdate()
    date_from, date_to = default_range(today)
    form = ReportRangeForm(request.GET or None, today=today, initial={"date_from": date_from, "date_to": date_to})
    if form.is_bound and form.is_valid():
        date_from, date_to = form.cleaned_data["date_from"], form.cleaned_data["date_to"]
    report = build_report(date_from=date_from, date_to=date_to)
    report["median_first_response_text"] = format_duration(report["median_first_response"])
    report["median_resolution_text"] = format_duration(report["median_resolution"])
    title = "Support reports"
    from home.selectors import help_article_stats  # the help centre's figures, shown beside the desk's

    return render(
        request,
        "support/admin/reports.html",
        {
            "form": form,
            "report": report,
            "help_articles": list(help_article_stats()),
            "page_title": title,
            "header_title": title,
            "breadcrumbs_items": [
                {"url": reverse("wagtailadmin_home"), "label": "Dashboard"},
                {"url": "", "label": title},
            ],
        },
    )
