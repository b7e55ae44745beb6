from django.conf import settings

from .permissions import can_use_shop_dashboard, can_use_wagtail_admin
from .selectors import unread_notification_count_for_request


def site_chrome(request):
    """What the shared header needs on every page, CMS or shop."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {
            "site_name": settings.WAGTAIL_SITE_NAME,
            "can_use_wagtail_admin": False,
            "can_use_shop_dashboard": False,
            "unread_notifications_count": 0,
        }
    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "can_use_wagtail_admin": can_use_wagtail_admin(user),
        "can_use_shop_dashboard": can_use_shop_dashboard(user),
        # A callable, so the one COUNT runs only on pages that show it (not on every admin page).
        "unread_notifications_count": lambda: unread_notification_count_for_request(request),
    }
