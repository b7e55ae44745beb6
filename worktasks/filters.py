"""The filters shared by the task table and the board."""

from datetime import timedelta

import django_filters
from django import forms
from django.utils import timezone

from portal import textsearch
from portal.widgets import FastSelect
from support.models import Department, parse_reference

from . import selectors
from .models import OPEN_STATUSES, Label, Priority, Status, Task

DUE_CHOICES = [
    ("overdue", "Overdue"),
    ("today", "Due today"),
    ("week", "Due this week"),
    ("none", "No due date"),
]


class TaskFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_text", label="Search")
    status = django_filters.ChoiceFilter(choices=Status.choices, empty_label="Any status", widget=FastSelect)
    priority = django_filters.ChoiceFilter(choices=Priority.choices, empty_label="Any priority", widget=FastSelect)
    assignee = django_filters.ChoiceFilter(
        method="filter_assignee", empty_label="Anyone", label="Assignee", widget=FastSelect
    )
    team = django_filters.ModelChoiceFilter(
        queryset=Department.objects.order_by("name"), empty_label="Any team", widget=FastSelect
    )
    label = django_filters.ModelChoiceFilter(
        field_name="labels", queryset=Label.objects.order_by("name"), empty_label="Any label", label="Label", widget=FastSelect
    )
    due = django_filters.ChoiceFilter(
        choices=DUE_CHOICES, method="filter_due", empty_label="Any due date", label="Due", widget=FastSelect
    )
    ticket = django_filters.CharFilter(method="filter_ticket", label="Ticket", widget=forms.TextInput(attrs={"placeholder": "T-000123"}))

    def __init__(self, *args, user=None, people=None, **kwargs):
        """``people``: the assignee choices, when the caller already has them (the table's bulk menu)."""
        super().__init__(*args, **kwargs)
        self.user = user
        if people is None:
            people = selectors.assignable_users()
        people = [(str(person.pk), str(person)) for person in people]
        self.filters["assignee"].extra["choices"] = [("me", "Me"), ("unassigned", "Unassigned"), *people]

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        pk = parse_reference(value) if value.upper().startswith("T-") else None
        if pk is not None:
            return queryset.filter(ticket_id=pk)
        return queryset.filter(textsearch.matches(Task, value, columns=("title", "description"), using=queryset.db))

    def filter_assignee(self, queryset, name, value):
        if value == "me":
            return queryset.filter(assignee=self.user) if self.user else queryset.none()
        if value == "unassigned":
            return queryset.filter(assignee__isnull=True)
        return queryset.filter(assignee_id=value) if str(value).isdigit() else queryset.none()

    def filter_due(self, queryset, name, value):
        today = timezone.localdate()
        if value == "overdue":
            return queryset.filter(due_date__lt=today, status__in=OPEN_STATUSES)
        if value == "today":
            return queryset.filter(due_date=today)
        if value == "week":
            start = today - timedelta(days=today.weekday())
            return queryset.filter(due_date__range=(start, start + timedelta(days=6)))
        if value == "none":
            return queryset.filter(due_date__isnull=True)
        return queryset

    def filter_ticket(self, queryset, name, value):
        if not value.strip():
            return queryset
        pk = parse_reference(value)
        return queryset.filter(ticket_id=pk) if pk is not None else queryset.none()
