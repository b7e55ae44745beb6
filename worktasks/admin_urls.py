"""The staff side of tasks, inside the Wagtail admin at /admin/worktasks/."""

from django.urls import path

from . import admin_views

app_name = "worktasks_admin"

urlpatterns = [
    path("tasks/", admin_views.task_table, name="task_list"),
    path("tasks/bulk/", admin_views.bulk_action, name="bulk_action"),
    path("tasks/new/", admin_views.task_create, name="task_create"),
    path("tasks/<int:pk>/", admin_views.task_detail, name="task_detail"),
    path("tasks/<int:pk>/edit/", admin_views.task_edit, name="task_edit"),
    path("tasks/<int:pk>/move/", admin_views.task_move, name="task_move"),
    path("tasks/<int:pk>/comment/", admin_views.task_comment, name="task_comment"),
    path("tasks/<int:pk>/checklist/", admin_views.checklist_add, name="checklist_add"),
    path("tasks/<int:pk>/checklist/<int:item_id>/toggle/", admin_views.checklist_toggle, name="checklist_toggle"),
    path("tasks/<int:pk>/checklist/<int:item_id>/delete/", admin_views.checklist_delete, name="checklist_delete"),
    path("tasks/<int:pk>/attachments/", admin_views.attachment_add, name="attachment_add"),
    path(
        "tasks/<int:pk>/attachments/<int:attachment_id>/",
        admin_views.attachment_download,
        name="attachment_download",
    ),
    path("tasks/<int:pk>/watch/", admin_views.task_watch, name="task_watch"),
    path("tasks/<int:pk>/delete/", admin_views.task_delete, name="task_delete"),
    path("board/", admin_views.board, name="board"),
]
