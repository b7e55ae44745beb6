from django.conf import settings

from .permissions import can_use_shop_dashboard, can_use_wagtail_admin


def site_chrome(request):
    """What the shared header needs on every page, CMS or shop."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"site_name": settings.WAGTAIL_SITE_NAME, "can_use_wagtail_admin": False, "can_use_shop_dashboard": False}
    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "can_use_wagtail_admin": can_use_wagtail_admin(user),
        "can_use_shop_dashboard": can_use_shop_dashboard(user),
    }
