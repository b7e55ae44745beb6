"""Every write to users and roles."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from . import roles

User = get_user_model()


def user_sync_staff_flag(*, user) -> None:
    """Oscar's dashboard checks ``is_staff``; we derive it from the shop-dashboard permission."""
    # Permission caches on the instance would hide a group change made a moment ago.
    for cache in ("_perm_cache", "_user_perm_cache", "_group_perm_cache"):
        user.__dict__.pop(cache, None)
    should_be_staff = user.is_superuser or user.has_perm("portal.access_shop_dashboard")
    if user.is_staff != should_be_staff:
        user.is_staff = should_be_staff
        User.objects.filter(pk=user.pk).update(is_staff=should_be_staff)


@transaction.atomic
def user_register(*, email: str, password: str, display_name: str = "") -> User:
    """A new customer account: everyone who signs up is a Customer."""
    user = User.objects.create_user(email=email, password=password, display_name=display_name)
    user.groups.add(Group.objects.get(name=roles.CUSTOMERS))
    return user


@transaction.atomic
def user_update_profile(*, user, email: str, display_name: str, first_name: str = "", last_name: str = "") -> User:
    user.email = User.objects.normalize_email(email)
    user.display_name = display_name
    user.first_name = first_name
    user.last_name = last_name
    user.save(update_fields=["email", "display_name", "first_name", "last_name"])
    return user


@transaction.atomic
def user_set_roles(*, user, role_names) -> User:
    user.groups.set(Group.objects.filter(name__in=role_names))
    user_sync_staff_flag(user=user)
    return user


# --- notifications ------------------------------------------------------------------------------


def notification_mark_read(*, user, notification_id: int):
    """Mark one of ``user``'s notifications read and return it; another person's does not exist for them."""
    from django.http import Http404
    from django.utils import timezone

    from .models import Notification

    notification = Notification.objects.filter(pk=notification_id, recipient=user).first()
    if notification is None:
        raise Http404("No such notification")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=notification.read_at)
    return notification


def notifications_mark_all_read(*, user) -> int:
    """Mark every unread notification of ``user`` read; returns how many."""
    from django.utils import timezone

    from .models import Notification

    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())
