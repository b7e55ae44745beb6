"""Reads about users that are more than a .get()."""

from django.urls import reverse

from .permissions import can_use_shop_dashboard, can_use_wagtail_admin


def user_home_url(user) -> str:
    """The page a user's role works in: admins and staff in /admin/, shop managers in the dashboard."""
    if user.is_superuser:
        return reverse("wagtailadmin_home")
    if can_use_shop_dashboard(user):
        return reverse("dashboard:index")
    if can_use_wagtail_admin(user):
        return reverse("wagtailadmin_home")
    return reverse("account_overview")


def account_sections(user):
    """The account area's sections; other apps' pages are listed here so customers find one place."""
    return [
        {"title": "Profile", "url": reverse("account_profile"), "text": "Your name, email and password."},
        {"title": "Orders", "url": reverse("customer:order-list"), "text": "Your orders and their status."},
        {"title": "Address book", "url": reverse("customer:address-list"), "text": "Saved delivery addresses."},
        {"title": "Wish lists", "url": reverse("customer:wishlists-list"), "text": "Products saved for later."},
        {"title": "Support tickets", "url": reverse("support:ticket_list"), "text": "Ask for help and follow your questions."},
        {"title": "Notifications", "url": reverse("account_notifications"), "text": "Updates on your tickets and orders."},
    ]


# --- notifications ------------------------------------------------------------------------------


def notifications_of(*, user):
    """``user``'s notifications, newest first."""
    from .models import Notification

    return Notification.objects.filter(recipient=user).order_by("-created_at", "-pk")


def unread_notification_count(*, user) -> int:
    from .models import Notification

    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def unread_notification_count_for_request(request) -> int:
    """The unread count, read at most once per request: the site header and the admin menu share it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    cached = getattr(request, "_unread_notification_count", None)
    if cached is None:
        cached = request._unread_notification_count = unread_notification_count(user=user)
    return cached
