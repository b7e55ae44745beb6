"""Permission checks shared by views, menus and templates."""

ACCESS_ADMIN = "wagtailadmin.access_admin"
ACCESS_SHOP_DASHBOARD = "portal.access_shop_dashboard"


def can_use_wagtail_admin(user):
    return user.is_authenticated and user.has_perm(ACCESS_ADMIN)


def can_use_shop_dashboard(user):
    return user.is_authenticated and user.is_active and user.has_perm(ACCESS_SHOP_DASHBOARD)


def can_use_wagtail_admin_nav(user, url_name, url_args=None, url_kwargs=None):
    """``access_fn`` for the Oscar dashboard menu entry that leads to the Wagtail admin."""
    return can_use_wagtail_admin(user)
