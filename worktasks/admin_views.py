"""The staff side of tasks inside the Wagtail admin, at /admin/worktasks/.

Views parse the request, call a selector or a service, and render. Operation views are POST-only;
those the board and the detail page call with ``fetch`` answer JSON when asked for it.
"""

import csv
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseForbidden, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from portal.pagination import CappedPaginator
from portal.uploads import attachment_response
from support import selectors as support_selectors

from . import permissions, selectors, services
from .filters import TaskFilter
from .forms import AttachmentForm, BulkActionForm, ChecklistItemForm, CommentForm, TaskForm, TransitionForm
from .models import Status, TaskChecklistItem
from .tables import TaskTable

# --- plumbing -----------------------------------------------------------------------------------


def wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _error_text(error) -> str:
    return " ".join(error.messages) if isinstance(error, ValidationError) else str(error)


def task_user_required(view):
    """Refuse everyone without ``worktasks.work_tasks`` with a plain 403.

    Wagtail's admin wrapper turns a raised PermissionDenied into a redirect, which a ``fetch``
    caller cannot tell from success; answering 403 here keeps the refusal explicit.
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not permissions.can_use_tasks(request.user):
            if wants_json(request):
                return JsonResponse({"ok": False, "error": "You may not work on tasks."}, status=403)
            return HttpResponseForbidden("You may not work on tasks.")
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as error:
            if wants_json(request):
                return JsonResponse({"ok": False, "error": str(error) or "Not allowed."}, status=403)
            return HttpResponseForbidden(str(error) or "Not allowed.")

    return wrapped


def _back(request, fallback):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect(fallback)


def _task(request, pk):
    return selectors.task_for_staff(user=request.user, pk=pk)


TASKS_BREADCRUMB = {"url": "", "label": "Tasks"}


class TaskListBase(WagtailAdminTemplateMixin, FilterView):
    filterset_class = TaskFilter
    header_icon = "tasks"

    def get_queryset(self):
        return selectors.tasks_for_staff(user=self.request.user)

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "user": self.request.user}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop("sort", None)
        context["filter_query"] = query.urlencode()
        context["table_url"] = reverse("worktasks_admin:task_list")
        context["board_url"] = reverse("worktasks_admin:board")
        context["new_url"] = reverse("worktasks_admin:task_create")
        return context


# --- the table ----------------------------------------------------------------------------------


class TaskTableView(SingleTableMixin, TaskListBase):
    template_name = "worktasks/task_list.html"
    table_class = TaskTable
    table_pagination = {"per_page": 50}
    paginator_class = CappedPaginator
    page_title = "Tasks"

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if request.GET.get("export") == "csv":
            return self.export_csv()
        return response

    def export_csv(self):
        table = self.get_table(**self.get_table_kwargs())
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="tasks-{timezone.localdate():%Y%m%d}.csv"'
        writer = csv.writer(response)
        for row in table.as_values(exclude_columns=("select",)):
            writer.writerow(row)
        return response

    def get_filterset_kwargs(self, filterset_class):
        # The assignee filter offers the same people as the bulk menu: one query for both.
        return {**super().get_filterset_kwargs(filterset_class), "people": self.assignees()}

    def assignees(self):
        if not hasattr(self, "_assignees"):
            self._assignees = list(selectors.assignable_users())
        return self._assignees

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["assignees"] = self.assignees()
        context["statuses"] = Status.choices
        return context


task_table = task_user_required(TaskTableView.as_view())


@require_POST
@task_user_required
def bulk_action(request):
    form = BulkActionForm(request.POST)
    fallback = reverse("worktasks_admin:task_list")
    if not form.is_valid():
        messages.error(request, "Choose an action and at least one task.")
        return _back(request, fallback)
    data = form.cleaned_data
    tasks = list(selectors.tasks_for_staff(user=request.user).filter(pk__in=data["task"]))
    action = data["action"]
    if action == "assign":
        raw = data["assignee"]
        from django.contrib.auth import get_user_model

        if raw in ("", "unassigned"):
            assignee = None
        else:
            assignee = get_user_model().objects.filter(pk=raw).first() if raw.isdigit() else None
            if assignee is None:
                messages.error(request, "That person does not exist.")
                return _back(request, fallback)

        def run(task):
            services.task_assign(task=task, actor=request.user, assignee=assignee)
    elif action == "status":
        if not data["status"]:
            messages.error(request, "Choose the status to move the tasks to.")
            return _back(request, fallback)

        def run(task):
            services.task_transition(task=task, actor=request.user, to_status=data["status"], reason=data["reason"])
    else:

        def run(task):
            services.task_set_due_date(task=task, actor=request.user, due_date=data["due_date"])

    done, failures = 0, []
    for task in tasks:
        try:
            run(task)
            done += 1
        except ValidationError as error:
            failures.append(f"“{task.title}”: {_error_text(error)}")
    if done:
        messages.success(request, f"Updated {done} task{'s' if done != 1 else ''}.")
    for failure in failures:
        messages.error(request, failure)
    return _back(request, fallback)


# --- the board ----------------------------------------------------------------------------------


class TaskBoardView(TaskListBase):
    template_name = "worktasks/board.html"
    page_title = "Task board"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        columns = selectors.board_columns(tasks=self.object_list)
        today = timezone.localdate()
        for column in columns:
            for task in column["tasks"]:
                task.allowed = services.allowed_transitions(task=task)
                task.overdue = task.is_overdue(today)
        context["columns"] = columns
        context["statuses"] = Status.choices
        return context


board = task_user_required(TaskBoardView.as_view())


@require_POST
@task_user_required
def task_move(request, pk):
    """Move a task to another status: the board's drop, its status menu and the detail page all post here."""
    task = _task(request, pk)
    form = TransitionForm(request.POST)
    fallback = reverse("worktasks_admin:board")
    if not form.is_valid():
        error = "Choose a status."
        if wants_json(request):
            return JsonResponse({"ok": False, "error": error}, status=400)
        messages.error(request, error)
        return _back(request, fallback)
    try:
        services.task_transition(
            task=task, actor=request.user, to_status=form.cleaned_data["status"], reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        if wants_json(request):
            return JsonResponse({"ok": False, "error": _error_text(error), "status": task.status}, status=400)
        messages.error(request, f"“{task.title}”: {_error_text(error)}")
        return _back(request, fallback)
    if wants_json(request):
        return JsonResponse(
            {
                "ok": True,
                "status": task.status,
                "status_label": task.get_status_display(),
                "allowed": [{"value": s.value, "label": s.label} for s in services.allowed_transitions(task=task)],
            }
        )
    messages.success(request, f"“{task.title}” is now {task.get_status_display()}.")
    return _back(request, fallback)


# --- one task -----------------------------------------------------------------------------------


def _ticket_from_reference(request, reference):
    """A ticket the user may work, or a ValidationError for the form."""
    try:
        return support_selectors.ticket_for_staff(user=request.user, reference=reference)
    except Exception:  # Http404: unknown or not one of theirs, said the same way
        raise ValidationError({"ticket": f"{reference} is not a ticket you work."}) from None


def _form_errors_from(form, error):
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _render(request, template, context, title):
    context = {
        "page_title": title,
        "header_title": title,
        "header_icon": "tasks",
        "breadcrumbs_items": [
            {"url": reverse("wagtailadmin_home"), "label": "Home"},
            {"url": reverse("worktasks_admin:task_list"), "label": "Tasks"},
            {"url": "", "label": title},
        ],
        **context,
    }
    return TemplateResponse(request, template, context)


@task_user_required
def task_create(request):
    initial = {}
    reference = request.GET.get("ticket", "").strip()
    if request.method == "GET" and reference:
        try:
            ticket = _ticket_from_reference(request, reference)
        except ValidationError:
            messages.error(request, f"{reference} is not a ticket you work; the task is not linked to it.")
        else:
            initial = {"title": f"{ticket.reference}: {ticket.title}"[:200], "team": ticket.department_id, "ticket": ticket.reference}
    form = TaskForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            ticket = _ticket_from_reference(request, data["ticket"]) if data["ticket"] else None
            task = services.task_create(
                actor=request.user,
                title=data["title"],
                description=data["description"],
                priority=data["priority"],
                start_date=data["start_date"],
                due_date=data["due_date"],
                assignee=data["assignee"],
                team=data["team"],
                labels=data["labels"],
                ticket=ticket,
                recurrence=data["recurrence"],
            )
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(request, f"Task “{task.title}” created.")
            return redirect(task.get_absolute_url())
    return _render(request, "worktasks/task_form.html", {"form": form, "task": None}, "New task")


@task_user_required
def task_edit(request, pk):
    task = _task(request, pk)
    initial = {
        "title": task.title,
        "description": task.description,
        "priority": task.priority,
        "start_date": task.start_date,
        "due_date": task.due_date,
        "assignee": task.assignee_id,
        "team": task.team_id,
        "labels": ", ".join(label.name for label in task.labels.all()),
        "ticket": task.ticket.reference if task.ticket_id else "",
        "recurrence": task.recurrence,
    }
    form = TaskForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if not data["ticket"]:
                ticket = None
            elif task.ticket_id and data["ticket"].upper() == task.ticket.reference:
                ticket = task.ticket  # kept as it was, even if the editor does not work that ticket
            else:
                ticket = _ticket_from_reference(request, data["ticket"])
            services.task_update(
                task=task,
                actor=request.user,
                title=data["title"],
                description=data["description"],
                priority=data["priority"],
                start_date=data["start_date"],
                due_date=data["due_date"],
                assignee=data["assignee"],
                team=data["team"],
                ticket=ticket,
                recurrence=data["recurrence"],
                labels=data["labels"],
            )
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(request, "Task saved.")
            return redirect(task.get_absolute_url())
    return _render(request, "worktasks/task_form.html", {"form": form, "task": task}, f"Edit: {task.title}")


@task_user_required
def task_detail(request, pk):
    task = _task(request, pk)
    context = {
        "task": task,
        "allowed": services.allowed_transitions(task=task),
        "overdue": task.is_overdue(),
        "checklist": list(selectors.task_checklist(task=task)),
        "comments": selectors.task_comments(task=task),
        "attachments": selectors.task_attachments(task=task),
        "history": selectors.task_history(task=task),
        "comment_form": CommentForm(),
        "checklist_form": ChecklistItemForm(),
        "attachment_form": AttachmentForm(),
        "watching": any(person.pk == request.user.pk for person in task.watchers.all()),
        "can_delete": permissions.can_delete_tasks(request.user),
        "next_occurrence": task.next_occurrences.order_by("pk").first(),
    }
    return _render(request, "worktasks/task_detail.html", context, task.title)


def _operation(request, task, action, success=""):
    """Run ``action()``; report a refusal as a message (or JSON) and go back to the task."""
    try:
        result = action()
    except ValidationError as error:
        if wants_json(request):
            return JsonResponse({"ok": False, "error": _error_text(error)}, status=400)
        messages.error(request, _error_text(error))
    else:
        if wants_json(request):
            return JsonResponse({"ok": True, **(result if isinstance(result, dict) else {})})
        if success:
            messages.success(request, success)
    return _back(request, task.get_absolute_url())


@require_POST
@task_user_required
def task_comment(request, pk):
    task = _task(request, pk)
    return _operation(
        request,
        task,
        lambda: services.task_comment(task=task, author=request.user, body=request.POST.get("body", "")) and None,
        "Comment added.",
    )


@require_POST
@task_user_required
def checklist_add(request, pk):
    task = _task(request, pk)
    return _operation(request, task, lambda: services.checklist_item_add(task=task, actor=request.user, text=request.POST.get("text", "")) and None)


def _checklist_item(task, item_id):
    return get_object_or_404(TaskChecklistItem.objects.select_related("task"), pk=item_id, task=task)


@require_POST
@task_user_required
def checklist_toggle(request, pk, item_id):
    task = _task(request, pk)
    item = _checklist_item(task, item_id)

    def toggle():
        is_done = request.POST.get("is_done", "on" if not item.is_done else "") in ("1", "on", "true")
        services.checklist_item_set_done(item=item, actor=request.user, is_done=is_done)
        done = task.checklist.filter(is_done=True).count()
        return {"is_done": item.is_done, "done": done, "total": task.checklist.count()}

    return _operation(request, task, toggle)


@require_POST
@task_user_required
def checklist_delete(request, pk, item_id):
    task = _task(request, pk)
    item = _checklist_item(task, item_id)
    return _operation(request, task, lambda: services.checklist_item_delete(item=item, actor=request.user))


@require_POST
@task_user_required
def attachment_add(request, pk):
    task = _task(request, pk)
    uploads = request.FILES.getlist("files")
    return _operation(
        request, task, lambda: services.task_attach(task=task, actor=request.user, uploads=uploads) and None, "File attached."
    )


@task_user_required
def attachment_download(request, pk, attachment_id):
    attachment = selectors.attachment_for(user=request.user, task_id=pk, attachment_id=attachment_id)
    return attachment_response(attachment)


@require_POST
@task_user_required
def task_watch(request, pk):
    task = _task(request, pk)
    watching = request.POST.get("watching") == "1"
    return _operation(
        request,
        task,
        lambda: services.task_watch(task=task, user=request.user, watching=watching) and None,
        "You are watching this task." if watching else "You no longer watch this task.",
    )


@require_POST
@task_user_required
def task_delete(request, pk):
    task = _task(request, pk)
    services.task_delete(task=task, actor=request.user)
    messages.success(request, f"Task “{task.title}” deleted.")
    return redirect("worktasks_admin:task_list")
