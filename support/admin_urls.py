"""The desk's side of the support desk, inside the Wagtail admin at /admin/support/."""

from django.urls import path

from wagtail.admin.auth import user_passes_test

from . import admin_views, permissions, reports

app_name = "support_admin"

ticket = "tickets/<str:reference>/"

urlpatterns = [
    path("tickets/", admin_views.ticket_table, name="ticket_list"),
    path("tickets/bulk/", admin_views.ticket_bulk, name="ticket_bulk"),
    path("reports/", user_passes_test(permissions.can_see_reports)(reports.reports_view), name="reports"),
    path(ticket, admin_views.ticket_workspace, name="ticket_workspace"),
    path(ticket + "reply/", admin_views.ticket_reply, name="ticket_reply"),
    path(ticket + "assign/", admin_views.ticket_assign, name="ticket_assign"),
    path(ticket + "status/", admin_views.ticket_status, name="ticket_status"),
    path(ticket + "priority/", admin_views.ticket_priority, name="ticket_priority"),
    path(ticket + "category/", admin_views.ticket_category, name="ticket_category"),
    path(ticket + "merge/", admin_views.ticket_merge, name="ticket_merge"),
    path(ticket + "watch/", admin_views.ticket_watch, name="ticket_watch"),
    path(ticket + "draft-article/", admin_views.ticket_draft_article, name="ticket_draft_article"),
    path(ticket + "checklist/", admin_views.checklist_add, name="checklist_add"),
    path(ticket + "checklist/<int:item_id>/done/", admin_views.checklist_toggle, name="checklist_toggle"),
    path(ticket + "checklist/<int:item_id>/delete/", admin_views.checklist_delete, name="checklist_delete"),
    path(ticket + "delete/", admin_views.ticket_delete, name="ticket_delete"),
]
