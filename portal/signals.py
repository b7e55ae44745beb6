from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Site

from . import pagecache
from .services import user_sync_staff_flag

User = get_user_model()


@receiver(m2m_changed, sender=User.groups.through)
def keep_staff_flag_in_step_with_roles(sender, instance, action, reverse, **kwargs):
    # Fires when an administrator edits a user's groups in the Wagtail admin.
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if reverse:
        for user in User.objects.filter(pk__in=kwargs.get("pk_set") or []):
            user_sync_staff_flag(user=user)
    else:
        user_sync_staff_flag(user=instance)


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def forget_cached_sites(sender, **kwargs):
    # A new hostname or root page changes which site, and so which pages, a request gets; the
    # cached sites (portal.sites) and pages are keyed by the page cache's version.
    pagecache.clear()
