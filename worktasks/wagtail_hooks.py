"""The "Tasks" menu, the admin URLs and the "my tasks" panel on the admin home page."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.components import Component

from . import admin_urls, selectors
from .permissions import can_use_tasks


class TaskMenuItem(MenuItem):
    def is_shown(self, request):
        return can_use_tasks(request.user)


class TasksSubmenuMenuItem(SubmenuMenuItem):
    def is_shown(self, request):
        return can_use_tasks(request.user)


@hooks.register("register_admin_urls")
def register_worktasks_admin_urls():
    return [path("worktasks/", include(admin_urls, namespace="worktasks_admin"))]


@hooks.register("register_admin_menu_item")
def register_tasks_menu_item():
    menu = Menu(
        items=[
            TaskMenuItem("Task table", reverse("worktasks_admin:task_list"), name="task-table", icon_name="list-ul", order=100),
            TaskMenuItem("Board", reverse("worktasks_admin:board"), name="task-board", icon_name="table", order=200),
            TaskMenuItem("New task", reverse("worktasks_admin:task_create"), name="task-new", icon_name="plus", order=300),
        ]
    )
    return TasksSubmenuMenuItem("Tasks", menu, name="tasks", icon_name="tasks", order=310)


class MyTasksPanel(Component):
    name = "my_tasks"
    order = 90
    template_name = "worktasks/includes/home_panel.html"

    class Media:
        css = {"all": ["worktasks/worktasks.css"]}

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        from django.utils import timezone

        tasks = list(selectors.my_tasks_due_soon(user=self.user))
        today = timezone.localdate()
        for task in tasks:
            task.overdue = task.is_overdue(today)
        return {"tasks": tasks, "table_url": reverse("worktasks_admin:task_list") + "?assignee=me"}


@hooks.register("construct_homepage_panels")
def add_my_tasks_panel(request, panels):
    if can_use_tasks(request.user):
        panels.append(MyTasksPanel(request.user))
