"""The desk's side of the support desk, inside the Wagtail admin at /admin/support/."""

from django.urls import path

from . import admin_views

app_name = "support_admin"

urlpatterns = [
    path("tickets/", admin_views.ticket_table, name="ticket_list"),
    path("tickets/<str:reference>/", admin_views.ticket_workspace, name="ticket_workspace"),
]
