"""The customer's side of the support desk, in the account area."""

from django.urls import path

from . import views

app_name = "support"

urlpatterns = [
    path("tickets/", views.ticket_list, name="ticket_list"),
    path("tickets/new/", views.ticket_new, name="ticket_create"),
    path("tickets/<str:reference>/", views.ticket_detail, name="ticket_detail"),
    path("tickets/<str:reference>/reply/", views.ticket_reply, name="ticket_reply"),
    path("tickets/<str:reference>/reopen/", views.ticket_reopen, name="ticket_reopen"),
    path("tickets/<str:reference>/rate/", views.ticket_rate, name="ticket_rate"),
    path(
        "tickets/<str:reference>/attachments/<int:attachment_id>/",
        views.attachment_download,
        name="attachment_download",
    ),
]
