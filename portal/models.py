from django.conf import settings
from django.db import models
from django.utils import timezone
from oscar.apps.customer.abstract_models import AbstractUser


class User(AbstractUser):
    """One account for the site, the shop, the support desk and the admin; logs in by email.

    ``is_staff`` keeps Oscar's meaning, "may use the shop dashboard", and is kept
    in step with the ``portal.access_shop_dashboard`` permission by ``portal.services``.
    """

    display_name = models.CharField(
        "display name",
        max_length=120,
        blank=True,
        help_text="How your name is shown to others, e.g. on ticket replies.",
    )

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        permissions = [
            ("access_shop_dashboard", "Can use the shop dashboard"),
        ]
        # The few superusers among tens of thousands of customers, for the staff lists.
        indexes = [models.Index(fields=["id"], condition=models.Q(is_superuser=True), name="user_superusers")]

    def __str__(self):
        return self.get_full_name() or self.email

    def get_full_name(self):
        return self.display_name or super().get_full_name()


class Notification(models.Model):
    """An in-app message for one person; email copies go out through the background worker."""

    recipient = models.ForeignKey("portal.User", on_delete=models.CASCADE, related_name="portal_notifications")
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300, blank=True, help_text="Where the notification leads, a path on this site.")
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at", "-created_at"], name="notification_inbox")]

    def __str__(self):
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class Attachment(models.Model):
    """What every stored upload records beside its file (see ``portal.uploads`` for the checks).

    Concrete attachments add their owner and a ``file`` field in private storage.
    """

    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    checksum = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.original_name
