from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed
from django.dispatch import receiver

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
