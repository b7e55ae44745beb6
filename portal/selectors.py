"""Reads about users that are more than a .get()."""

from functools import cache

from django.contrib.auth import get_user_model
from django.db import connection
from django.urls import reverse

from .permissions import ACCESS_ADMIN, ACCESS_SHOP_DASHBOARD, can_use_shop_dashboard, can_use_wagtail_admin


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


# --- the site header ------------------------------------------------------------------------------


def header_state(*, user) -> dict:
    """What the site header shows a signed-in person, read in one query.

    ``can_use_wagtail_admin`` and ``can_use_shop_dashboard`` (``portal.permissions``' answers),
    ``unread_notifications``, and ``basket_items``: the items in their open basket as Oscar's
    ``Basket.num_items`` counts them, 0 when they have no basket yet.

    Read on every request and never cached, so a role given or taken away shows on the very next
    page in every process, and nothing in it can belong to anyone else.
    """
    (admin_app, admin_codename), (shop_app, shop_codename) = (
        perm.split(".", 1) for perm in (ACCESS_ADMIN, ACCESS_SHOP_DASHBOARD)
    )
    sql, open_status = _header_state_sql()
    params = {
        "user": user.pk,
        "open": open_status,
        "admin_app": admin_app,
        "admin_codename": admin_codename,
        "shop_app": shop_app,
        "shop_codename": shop_codename,
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        unread, basket_items, admin, shop_dashboard = cursor.fetchone()
    # ModelBackend's rule: an inactive user holds no permission, an active superuser every one.
    return {
        "can_use_wagtail_admin": user.is_active and (user.is_superuser or bool(admin)),
        "can_use_shop_dashboard": user.is_active and (user.is_superuser or bool(shop_dashboard)),
        "unread_notifications": unread,
        "basket_items": basket_items or 0,
    }


@cache
def _header_state_sql():
    """The SQL of ``header_state`` and the status of an open basket, from the models' table and column names.

    Written out rather than built with the ORM: composed by the ORM on every request, the same
    subqueries cost several times what the database takes to answer them. A permission is held
    as ``ModelBackend`` decides for an active user who is not a superuser: given to them or to
    one of their groups.
    """
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType
    from oscar.core.loading import get_model

    from .models import Notification

    User = get_user_model()
    Basket, Line = get_model("basket", "Basket"), get_model("basket", "Line")
    UserPermission, UserGroup, GroupPermission = (
        User.user_permissions.through,
        User.groups.through,
        Group.permissions.through,
    )

    def table(model):
        return connection.ops.quote_name(model._meta.db_table)

    def col(model, field):
        return connection.ops.quote_name(model._meta.get_field(field).column)

    sql = f"""
        WITH held AS (
            SELECT {col(UserPermission, "permission")} AS id FROM {table(UserPermission)}
            WHERE {col(UserPermission, "user")} = %(user)s
            UNION
            SELECT gp.{col(GroupPermission, "permission")} FROM {table(GroupPermission)} gp
            INNER JOIN {table(UserGroup)} ug ON ug.{col(UserGroup, "group")} = gp.{col(GroupPermission, "group")}
            WHERE ug.{col(UserGroup, "user")} = %(user)s
        ), wanted AS (
            SELECT p.{col(Permission, "id")} AS id, ct.{col(ContentType, "app_label")} AS app_label,
                p.{col(Permission, "codename")} AS codename
            FROM {table(Permission)} p
            INNER JOIN {table(ContentType)} ct ON ct.{col(ContentType, "id")} = p.{col(Permission, "content_type")}
            WHERE p.{col(Permission, "codename")} IN (%(admin_codename)s, %(shop_codename)s)
        )
        SELECT
            (SELECT COUNT(*) FROM {table(Notification)}
             WHERE {col(Notification, "recipient")} = %(user)s AND {col(Notification, "read_at")} IS NULL),
            (SELECT SUM(l.{col(Line, "quantity")}) FROM {table(Line)} l
             INNER JOIN {table(Basket)} b ON b.{col(Basket, "id")} = l.{col(Line, "basket")}
             WHERE b.{col(Basket, "owner")} = %(user)s AND b.{col(Basket, "status")} = %(open)s),
            (SELECT COUNT(*) FROM wanted INNER JOIN held ON held.id = wanted.id
             WHERE wanted.app_label = %(admin_app)s AND wanted.codename = %(admin_codename)s),
            (SELECT COUNT(*) FROM wanted INNER JOIN held ON held.id = wanted.id
             WHERE wanted.app_label = %(shop_app)s AND wanted.codename = %(shop_codename)s)
    """
    return sql, Basket.OPEN
