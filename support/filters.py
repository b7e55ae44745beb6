"""The filters of the desk's ticket table in the Wagtail admin."""

import django_filters
from django import forms
from django.db.models import Q

from portal import textsearch
from portal.widgets import FastCheckboxSelectMultiple, FastSelect

from . import selectors
from .models import Category, Priority, SLAState, Status, Ticket, parse_reference

ME = "me"
UNASSIGNED = "unassigned"

SLA_FILTER_CHOICES = [
    (SLAState.ON_TRACK, SLAState.ON_TRACK.label),
    (SLAState.AT_RISK, SLAState.AT_RISK.label),
    (SLAState.BREACHED, SLAState.BREACHED.label),
    (SLAState.PAUSED, SLAState.PAUSED.label),
]


class TicketFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Search",
        method="filter_search",
        widget=forms.TextInput(attrs={"placeholder": "T-000123, title, text or requester email", "type": "search"}),
    )
    # distinct=False: these filter columns of the ticket itself, so no row can repeat, and
    # django-filter's default DISTINCT made the database sort every matching wide row.
    status = django_filters.MultipleChoiceFilter(
        choices=Status.choices, widget=FastCheckboxSelectMultiple, distinct=False
    )
    priority = django_filters.ChoiceFilter(choices=Priority.choices, empty_label="Any priority", widget=FastSelect)
    department = django_filters.ModelChoiceFilter(queryset=None, empty_label="Any department", widget=FastSelect)
    category = django_filters.ModelChoiceFilter(queryset=None, empty_label="Any category", widget=FastSelect)
    assignee = django_filters.ChoiceFilter(
        label="Assignee", method="filter_assignee", empty_label="Anyone", widget=FastSelect
    )
    sla = django_filters.MultipleChoiceFilter(
        label="SLA",
        choices=SLA_FILTER_CHOICES,
        method="filter_sla",
        widget=FastCheckboxSelectMultiple,
        distinct=False,
    )
    created = django_filters.DateFromToRangeFilter(
        label="Created between",
        field_name="created_at",
        widget=django_filters.widgets.DateRangeWidget(attrs={"type": "date"}),
    )

    def __init__(self, *args, request=None, agents=None, **kwargs):
        """``agents``: the assignee choices, when the caller already has them (the table's bulk menu)."""
        super().__init__(*args, request=request, **kwargs)
        user = request.user
        departments = selectors.departments_for(user=user)
        self.filters["department"].queryset = departments
        self.filters["category"].queryset = Category.objects.filter(department__in=departments).order_by("name")
        if agents is None:
            agents = selectors.support_staff(departments=departments)
        self.filters["assignee"].extra["choices"] = [
            (ME, "Me"),
            (UNASSIGNED, "Unassigned"),
            *[(str(person.pk), str(person)) for person in agents],
        ]

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        matches = textsearch.matches(Ticket, value, columns=("title", "description"), using=queryset.db)
        # Requesters first, by a query of their own: an OR across the join would make the
        # database read every ticket instead of using the indexes.
        requester_ids = selectors.requesters_matching(value)
        if requester_ids:
            matches |= Q(requester_id__in=requester_ids)
        pk = parse_reference(value)
        if pk is not None:
            matches |= Q(pk=pk)
        return queryset.filter(matches)

    def filter_assignee(self, queryset, name, value):
        if value == ME:
            return queryset.filter(assignee=self.request.user)
        if value == UNASSIGNED:
            return queryset.filter(assignee__isnull=True)
        return queryset.filter(assignee_id=value)

    def filter_sla(self, queryset, name, value):
        return selectors.tickets_in_sla_states(queryset, states=value)
