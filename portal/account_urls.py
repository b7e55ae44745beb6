from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import views
from .forms import EmailLoginForm, QueuedPasswordResetForm

urlpatterns = [
    path("", views.account_overview, name="account_overview"),
    path("welcome/", views.account_landing, name="account_landing"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="account/login.html", authentication_form=EmailLoginForm, redirect_authenticated_user=True
        ),
        name="account_login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="account_logout"),
    path("signup/", views.signup, name="account_signup"),
    path("profile/", views.profile, name="account_profile"),
    path("notifications/", views.notification_list, name="account_notifications"),
    path("notifications/read-all/", views.notification_read_all, name="account_notifications_read_all"),
    path("notifications/<int:notification_id>/read/", views.notification_read, name="account_notification_read"),
    path(
        "password/change/",
        auth_views.PasswordChangeView.as_view(
            template_name="account/password_change.html", success_url=reverse_lazy("account_profile")
        ),
        name="password_change",
    ),
    path(
        "password/reset/",
        auth_views.PasswordResetView.as_view(
            template_name="account/password_reset.html",
            form_class=QueuedPasswordResetForm,
            email_template_name="account/email/password_reset.txt",
            subject_template_name="account/email/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="account/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(template_name="account/password_reset_confirm.html"),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(template_name="account/password_reset_complete.html"),
        name="password_reset_complete",
    ),
]
