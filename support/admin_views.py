"""The desk's side of the support desk inside the Wagtail admin: the ticket table and the workspace.

Views stay thin: they parse input, call one service (``support.services``) and report the outcome as
a Wagtail message. Reads go through ``support.selectors``, which also scope tickets to the agent's
departments. A refused operation never ends in a 500: ``ValidationError`` (and its subclass
``TicketTransitionError``) and ``PermissionDenied`` become an error message and a redirect back.
"""

import csv
import functools
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from portal.pagination import CappedPaginator
from worktasks.permissions import can_use_tasks
from worktasks.selectors import tasks_of_ticket

from . import permissions, selectors, services
from .admin_forms import (
    AssignForm,
    BulkActionForm,
    CategoryForm,
    ChecklistItemForm,
    ChecklistToggleForm,
    MergeForm,
    PriorityForm,
    ReplyForm,
    StatusForm,
)
from .filters import ME, UNASSIGNED, TicketFilter
from .models import ACTIVE_STATUSES, ChecklistItem, Priority, SLAState, Status
from .tables import CSV_COLUMNS, TicketTable, format_time_left, sla_badge

TICKETS_PER_PAGE = 50


def require_support_user(request):
    """Editors and others with admin access but no support permission get Wagtail's "permission denied"."""
    if not permissions.can_use_support_admin(request.user):
        raise PermissionDenied


def error_text(error) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or "You may not do that."


def saved_views(user):
    """One-click views of the table: (label, query string)."""
    open_statuses = [("status", status.value) for status in ACTIVE_STATUSES]
    return [
        ("My open tickets", urlencode([("assignee", ME), *open_statuses])),
        ("Unassigned", urlencode([("assignee", UNASSIGNED), *open_statuses])),
        (
            "At risk or breached",
            urlencode([("sla", SLAState.AT_RISK.value), ("sla", SLAState.BREACHED.value), *open_statuses]),
        ),
    ]


# --- the ticket table ---------------------------------------------------------------------------


class TicketListView(WagtailAdminTemplateMixin, SingleTableMixin, FilterView):
    template_name = "support/admin/ticket_list.html"
    page_title = "Tickets"
    header_icon = "help"
    table_class = TicketTable
    filterset_class = TicketFilter
    table_pagination = {"per_page": TICKETS_PER_PAGE}
    paginator_class = CappedPaginator
    # An invalid filter value shows the form's error over an empty table instead of every ticket.
    strict = True

    def dispatch(self, request, *args, **kwargs):
        require_support_user(request)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": "Tickets"}]

    def get_queryset(self):
        tickets = selectors.tickets_for_staff(user=self.request.user)
        # The table does not show the category (the CSV adds it back): one join less per page.
        tickets = tickets.select_related(None).select_related("requester", "department", "assignee")
        return selectors.with_next_sla_due(tickets)

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["request"] = self.request
        # The assignee filter offers the same people as the bulk menu: one query for both.
        kwargs["agents"] = self.bulk_agents()
        return kwargs

    def get(self, request, *args, **kwargs):
        if request.GET.get("_export") == "csv":
            return self.export_csv()
        return super().get(request, *args, **kwargs)

    def export_csv(self):
        filterset = self.get_filterset(self.get_filterset_class())
        tickets = filterset.qs.select_related("category") if filterset.is_valid() else self.get_queryset().none()
        table = self.table_class(tickets, request=self.request)
        table.order_by = self.request.GET.get("sort") or table.order_by
        now = timezone.now()
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="tickets-{now:%Y%m%d-%H%M}.csv"'
        writer = csv.writer(response)
        writer.writerow([label for label, _ in CSV_COLUMNS])
        for row in table.rows:
            writer.writerow([csv_safe(value(row.record, now)) for _, value in CSV_COLUMNS])
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("_export", None)
        query.pop("page", None)
        context.update(
            saved_views=saved_views(self.request.user),
            current_query=query.urlencode(),
            export_query=self.export_query(query),
            bulk_agents=self.bulk_agents(),
            statuses=Status.choices,
            priorities=Priority.choices,
            filters_active=any(key not in ("sort", "page") for key in self.request.GET),
        )
        return context

    @staticmethod
    def export_query(query):
        query = query.copy()
        query["_export"] = "csv"
        return query.urlencode()

    def bulk_agents(self):
        if not hasattr(self, "_bulk_agents"):
            departments = selectors.departments_for(user=self.request.user)
            self._bulk_agents = list(selectors.support_staff(departments=departments))
        return self._bulk_agents


ticket_table = TicketListView.as_view()


def csv_safe(value):
    """Keep spreadsheet programs from running a cell that starts like a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def back_to_table(request):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("support_admin:ticket_list")


@require_POST
def ticket_bulk(request):
    """Apply one action to each selected ticket through its service; report each refusal."""
    require_support_user(request)
    departments = selectors.departments_for(user=request.user)
    agents = selectors.support_staff(departments=departments)
    form = BulkActionForm(request.POST, agents=agents)
    if not form.is_valid():
        problems = [f"{error}" for errors in form.errors.values() for error in errors]
        if "tickets" in form.errors:
            problems = ["Select at least one ticket."]
        messages.error(request, "Nothing was changed: " + " ".join(problems))
        return back_to_table(request)

    data = form.cleaned_data
    tickets = list(selectors.tickets_for_staff(user=request.user).filter(pk__in=data["tickets"]))
    done, failures = [], []
    for ticket in tickets:
        try:
            if data["action"] == BulkActionForm.ASSIGN:
                services.ticket_assign(ticket=ticket, actor=request.user, assignee=data["assignee_user"])
            elif data["action"] == BulkActionForm.STATUS:
                services.ticket_transition(
                    ticket=ticket,
                    actor=request.user,
                    to_status=data["status"],
                    resolution_summary=data.get("resolution_summary", ""),
                )
            else:
                services.ticket_set_priority(ticket=ticket, actor=request.user, priority=data["priority"])
            done.append(ticket.reference)
        except (ValidationError, PermissionDenied) as error:
            failures.append(f"{ticket.reference}: {error_text(error)}")
    missing = len(set(data["tickets"])) - len(tickets)
    if done:
        messages.success(request, f"Updated {len(done)} ticket{'s' if len(done) != 1 else ''}: {', '.join(done)}.")
    for failure in failures:
        messages.error(request, failure)
    if missing:
        messages.error(request, f"{missing} selected ticket{'s were' if missing != 1 else ' was'} not found.")
    return back_to_table(request)


# --- the workspace ------------------------------------------------------------------------------


class TicketWorkspaceView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "support/admin/ticket_workspace.html"
    header_icon = "help"

    def dispatch(self, request, *args, **kwargs):
        require_support_user(request)
        self.ticket = selectors.ticket_for_staff(user=request.user, reference=kwargs["reference"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"{self.ticket.reference} {self.ticket.title}"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("support_admin:ticket_list"), "label": "Tickets"},
            {"url": "", "label": self.ticket.reference},
        ]

    def get_context_data(self, reply_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        ticket, user = self.ticket, self.request.user
        now = timezone.now()
        agents = selectors.assignable_agents(department=ticket.department)
        allowed = services.allowed_transitions(ticket=ticket, actor=user)
        context.update(
            ticket=ticket,
            sla=sla_badge(ticket, now),
            sla_state=ticket.sla_state(now),
            time_left=format_time_left(ticket.sla_time_left(now)),
            conversation=selectors.all_messages(ticket=ticket),
            opening_attachments=selectors.public_ticket_attachments(ticket=ticket),
            history=selectors.ticket_history(ticket=ticket),
            checklist=ticket.checklist.select_related("done_by"),
            canned_responses=selectors.canned_responses_for(department=ticket.department),
            reply_form=reply_form or ReplyForm(),
            assign_form=AssignForm(agents=agents, initial={"assignee": ticket.assignee_id}),
            allowed_transitions=allowed,
            status_form=StatusForm(allowed=allowed),
            priority_form=PriorityForm(initial={"priority": ticket.priority}),
            category_form=CategoryForm(initial={"category": ticket.category_id}),
            merge_form=MergeForm(),
            checklist_form=ChecklistItemForm(),
            is_watching=any(watcher.pk == user.pk for watcher in ticket.watchers.all()),
            can_assign_self=services.can_be_assigned(user, ticket) and ticket.assignee_id != user.pk,
            can_delete=permissions.can_delete_tickets(user),
            other_tickets=selectors.other_tickets_of_requester(ticket=ticket, limit=8),
            other_orders=selectors.orders_of(user=ticket.requester).exclude(pk=ticket.order_id)[:5],
            order=ticket.order,
            order_lines=ticket.order.lines.all() if ticket.order_id else [],
            is_closed=ticket.status == Status.CLOSED or bool(ticket.merged_into_id),
            can_use_tasks=can_use_tasks(user),
            linked_tasks=tasks_of_ticket(ticket=ticket) if can_use_tasks(user) else [],
        )
        return context


ticket_workspace = TicketWorkspaceView.as_view()


def render_workspace(request, ticket, *, reply_form, status=200):
    view = TicketWorkspaceView()
    view.setup(request, reference=ticket.reference)
    view.ticket = ticket
    return view.render_to_response(view.get_context_data(reply_form=reply_form), status=status)


def ticket_operation(view_func):
    """POST only; the ticket must be one the user works; refusals become a message and a redirect back."""

    @require_POST
    @functools.wraps(view_func)
    def wrapped(request, reference, **kwargs):
        require_support_user(request)
        ticket = selectors.ticket_for_staff(user=request.user, reference=reference)
        try:
            return view_func(request, ticket, **kwargs)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, error_text(error))
            return redirect(ticket.get_admin_url())

    return wrapped


def invalid_form(request, ticket, form):
    messages.error(request, " ".join(str(error) for errors in form.errors.values() for error in errors))
    return redirect(ticket.get_admin_url())


@ticket_operation
def ticket_reply(request, ticket):
    form = ReplyForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.ticket_reply(
                ticket=ticket,
                author=request.user,
                body=form.cleaned_data["body"],
                is_internal=form.is_internal,
                uploads=form.cleaned_data["attachments"],
            )
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, "Internal note added." if form.is_internal else "Reply sent to the customer.")
            return redirect(ticket.get_admin_url() + "#conversation")
    else:
        messages.error(request, "The reply was not sent; see the errors below.")
    # Keep what the agent typed: show the workspace again with the form bound.
    return render_workspace(request, ticket, reply_form=form, status=400)


@ticket_operation
def ticket_assign(request, ticket):
    if request.POST.get("assignee") == ME:
        assignee = request.user
    else:
        form = AssignForm(request.POST, agents=selectors.assignable_agents(department=ticket.department))
        if not form.is_valid():
            return invalid_form(request, ticket, form)
        assignee = form.cleaned_data["assignee"]
    services.ticket_assign(ticket=ticket, actor=request.user, assignee=assignee)
    messages.success(request, f"{ticket.reference} assigned to {assignee}." if assignee else f"{ticket.reference} is unassigned.")
    return redirect(ticket.get_admin_url())


@ticket_operation
def ticket_status(request, ticket):
    form = StatusForm(request.POST)
    if not form.is_valid():
        return invalid_form(request, ticket, form)
    services.ticket_transition(
        ticket=ticket,
        actor=request.user,
        to_status=form.cleaned_data["status"],
        resolution_summary=form.cleaned_data["resolution_summary"],
        note=form.cleaned_data["note"],
    )
    messages.success(request, f"{ticket.reference} is now {ticket.get_status_display()}.")
    return redirect(ticket.get_admin_url())


@ticket_operation
def ticket_priority(request, ticket):
    form = PriorityForm(request.POST)
    if not form.is_valid():
        return invalid_form(request, ticket, form)
    services.ticket_set_priority(ticket=ticket, actor=request.user, priority=form.cleaned_data["priority"])
    messages.success(request, f"{ticket.reference} priority is now {ticket.get_priority_display()}.")
    return redirect(ticket.get_admin_url())


@ticket_operation
def ticket_category(request, ticket):
    form = CategoryForm(request.POST)
    if not form.is_valid():
        return invalid_form(request, ticket, form)
    services.ticket_set_category(ticket=ticket, actor=request.user, category=form.cleaned_data["category"])
    messages.success(request, f"{ticket.reference} is now in {ticket.category} ({ticket.department}).")
    if not permissions.can_work_ticket(request.user, ticket):
        # It moved to a department this agent does not work in.
        return redirect("support_admin:ticket_list")
    return redirect(ticket.get_admin_url())


@ticket_operation
def ticket_merge(request, ticket):
    form = MergeForm(request.POST)
    if not form.is_valid():
        return invalid_form(request, ticket, form)
    try:
        target = selectors.ticket_for_staff(user=request.user, reference=str(form.cleaned_data["target"]))
    except Http404:
        messages.error(request, f"There is no ticket {request.POST.get('target', '').strip()} that you can work.")
        return redirect(ticket.get_admin_url())
    target = services.ticket_merge(source=ticket, target=target, actor=request.user)
    messages.success(request, f"{ticket.reference} was merged into {target.reference}.")
    return redirect(target.get_admin_url())


@ticket_operation
def ticket_watch(request, ticket):
    watching = request.POST.get("watching") == "1"
    services.ticket_set_watching(ticket=ticket, user=request.user, watching=watching)
    messages.success(request, f"You are watching {ticket.reference}." if watching else f"You no longer watch {ticket.reference}.")
    return redirect(ticket.get_admin_url())


@ticket_operation
def ticket_draft_article(request, ticket):
    """Start a help article for editors from a resolved ticket (its question and resolution only)."""
    from home.services import help_article_draft_from_ticket

    article = help_article_draft_from_ticket(ticket=ticket, actor=request.user)
    messages.success(request, f"Draft help article “{article.title}” created for the editors to finish and publish.")
    return redirect(ticket.get_admin_url())


def wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def checklist_json(item):
    return {
        "id": item.pk,
        "text": item.text,
        "is_done": item.is_done,
        "done_by": str(item.done_by) if item.done_by_id else "",
        "done_at": timezone.localtime(item.done_at).strftime("%d %b %Y, %H:%M") if item.done_at else "",
    }


@ticket_operation
def checklist_add(request, ticket):
    form = ChecklistItemForm(request.POST)
    if not form.is_valid():
        return invalid_form(request, ticket, form)
    services.checklist_item_add(ticket=ticket, actor=request.user, text=form.cleaned_data["text"])
    return redirect(ticket.get_admin_url() + "#checklist")


@require_POST
def checklist_toggle(request, reference, item_id):
    """Tick or untick an item: JSON for the page's script, a redirect for a plain form POST."""
    require_support_user(request)
    ticket = selectors.ticket_for_staff(user=request.user, reference=reference)
    item = get_object_or_404(ChecklistItem.objects.select_related("done_by"), pk=item_id, ticket=ticket)
    item.ticket = ticket
    form = ChecklistToggleForm(request.POST)
    form.is_valid()
    try:
        services.checklist_item_set_done(item=item, actor=request.user, is_done=form.cleaned_data.get("is_done", False))
    except (ValidationError, PermissionDenied) as error:
        if wants_json(request):
            return JsonResponse({"error": error_text(error)}, status=400)
        messages.error(request, error_text(error))
        return redirect(ticket.get_admin_url())
    if wants_json(request):
        return JsonResponse(checklist_json(item))
    return redirect(ticket.get_admin_url() + "#checklist")


@ticket_operation
def checklist_delete(request, ticket, item_id):
    item = get_object_or_404(ChecklistItem, pk=item_id, ticket=ticket)
    item.ticket = ticket
    services.checklist_item_delete(item=item, actor=request.user)
    messages.success(request, f"Removed “{item.text}” from the checklist.")
    return redirect(ticket.get_admin_url() + "#checklist")


class TicketDeleteView(WagtailAdminTemplateMixin, TemplateView):
    """A confirmation page (GET) and the deletion itself (POST): support leads and superusers only."""

    template_name = "support/admin/ticket_confirm_delete.html"
    header_icon = "bin"

    def dispatch(self, request, *args, **kwargs):
        require_support_user(request)
        if not permissions.can_delete_tickets(request.user):
            raise PermissionDenied
        self.ticket = selectors.ticket_for_staff(user=request.user, reference=kwargs["reference"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"Delete {self.ticket.reference}"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("support_admin:ticket_list"), "label": "Tickets"},
            {"url": self.ticket.get_admin_url(), "label": self.ticket.reference},
            {"url": "", "label": "Delete"},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            ticket=self.ticket,
            message_count=self.ticket.messages.count(),
            attachment_count=self.ticket.attachments.count(),
        )
        return context

    def post(self, request, *args, **kwargs):
        reference = self.ticket.reference
        try:
            services.ticket_delete(ticket=self.ticket, actor=request.user)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, error_text(error))
            return redirect(self.ticket.get_admin_url())
        messages.success(request, f"Ticket {reference} was deleted.")
        return redirect("support_admin:ticket_list")


ticket_delete = TicketDeleteView.as_view()
