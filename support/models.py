"""The support desk: departments, categories, tickets and everything that hangs off a ticket.

Every write goes through ``support.services``; every read that is more than a ``.get()`` through
``support.selectors``.
"""

from django.conf import settings
from django.db import models
from django.db.models import Case, F, Q, When
from django.urls import reverse
from django.utils import timezone

from portal.models import Attachment
from portal.uploads import private_storage

REFERENCE_PREFIX = "T-"


class Priority(models.IntegerChoices):
    # Stored as numbers so that sorting ascending puts the most urgent first.
    URGENT = 1, "Urgent"
    HIGH = 2, "High"
    MEDIUM = 3, "Medium"
    LOW = 4, "Low"


class Status(models.TextChoices):
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    WAITING = "waiting", "Waiting on customer"
    RESOLVED = "resolved", "Resolved"
    CLOSED = "closed", "Closed"


ACTIVE_STATUSES = [Status.OPEN, Status.IN_PROGRESS, Status.WAITING]


class SLAState(models.TextChoices):
    ON_TRACK = "on_track", "On track"
    AT_RISK = "at_risk", "At risk"
    BREACHED = "breached", "Breached"
    PAUSED = "paused", "Paused"
    MET = "met", "Met"


class Department(models.Model):
    name = models.CharField(max_length=100, unique=True)
    email = models.EmailField(blank=True, help_text="Optional team address; new tickets are also sent here.")
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="led_departments"
    )
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="support_departments")
    auto_assign = models.BooleanField(
        default=False, help_text="Assign each new ticket to the member with the fewest open tickets."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Category(models.Model):
    name = models.CharField(max_length=100)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="categories")
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "categories"
        constraints = [models.UniqueConstraint(fields=["name"], name="support_category_unique_name")]

    def __str__(self):
        return self.name


class SLAPolicy(models.Model):
    """First-response and resolution targets for one priority, in working minutes of the clock."""

    priority = models.PositiveSmallIntegerField(choices=Priority.choices, unique=True)
    first_response_minutes = models.PositiveIntegerField()
    resolution_minutes = models.PositiveIntegerField()
    at_risk_percent = models.PositiveSmallIntegerField(
        default=75, help_text="A ticket is at risk once this share of a target has elapsed."
    )

    class Meta:
        ordering = ["priority"]
        verbose_name = "SLA policy"
        verbose_name_plural = "SLA policies"

    def __str__(self):
        return f"{self.get_priority_display()}: respond in {self.first_response_minutes} min, resolve in {self.resolution_minutes} min"


def next_sla_due():
    """The moment the SLA target that runs out first is due: the first response while it is
    pending and due first, else the resolution. An expression, so the ticket table and the
    at-risk panel sort on it and an index (``ticket_active_next_sla_due``) serves them."""
    first_response_is_next = Q(first_responded_at__isnull=True, first_response_due_at__isnull=False) & (
        Q(resolution_due_at__isnull=True) | Q(first_response_due_at__lte=F("resolution_due_at"))
    )
    return Case(
        When(first_response_is_next, then=F("first_response_due_at")),
        default=F("resolution_due_at"),
        output_field=models.DateTimeField(),
    )


class Ticket(models.Model):
    title = models.CharField(max_length=200)
    description = models.TextField()
    requester = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="support_tickets")
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="tickets")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="tickets")
    priority = models.PositiveSmallIntegerField(choices=Priority.choices, default=Priority.MEDIUM)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="assigned_tickets"
    )
    watchers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="watched_tickets")
    order = models.ForeignKey(
        "order.Order", null=True, blank=True, on_delete=models.SET_NULL, related_name="support_tickets"
    )
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_tickets"
    )

    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(default=timezone.now, db_index=True)
    first_responded_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    resolution_summary = models.TextField(blank=True)

    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    rating_comment = models.TextField(blank=True)
    rated_at = models.DateTimeField(null=True, blank=True)

    # SLA clock. Due and at-risk moments are stored so tables can filter and sort on them with an
    # index; they count from creation plus the time spent waiting on the customer, so pausing the
    # clock moves every pending moment later.
    first_response_due_at = models.DateTimeField(null=True, blank=True)
    first_response_at_risk_at = models.DateTimeField(null=True, blank=True)
    resolution_due_at = models.DateTimeField(null=True, blank=True)
    resolution_at_risk_at = models.DateTimeField(null=True, blank=True)
    sla_paused_at = models.DateTimeField(null=True, blank=True)
    sla_paused_seconds = models.PositiveIntegerField(default=0, help_text="Time spent waiting on the customer.")
    sla_notified_state = models.CharField(max_length=20, choices=SLAState.choices, blank=True)

    class Meta:
        ordering = ["-updated_at"]
        permissions = [
            ("work_tickets", "Can work tickets of their departments in the admin"),
            ("view_all_tickets", "Can see and work tickets of every department"),
            ("view_support_reports", "Can see support reports"),
        ]
        indexes = [
            models.Index(fields=["status", "-updated_at"], name="ticket_status_updated"),
            models.Index(fields=["department", "status"], name="ticket_department_status"),
            models.Index(fields=["assignee", "status"], name="ticket_assignee_status"),
            models.Index(fields=["requester", "-updated_at"], name="ticket_requester_updated"),
            models.Index(fields=["priority", "status"], name="ticket_priority_status"),
            # the admin home's "Unassigned" panel: active tickets nobody has, oldest first
            models.Index(
                fields=["created_at", "id"],
                name="ticket_unassigned_active",
                condition=Q(assignee__isnull=True, status__in=ACTIVE_STATUSES),
            ),
            # the reports page counts tickets resolved, first answered and rated within a period
            models.Index(fields=["resolved_at"], name="ticket_resolved_at"),
            models.Index(fields=["first_responded_at"], name="ticket_first_responded_at"),
            models.Index(fields=["rated_at"], name="ticket_rated_at"),
            # the table sorted by priority (its order_by is priority, pk)
            models.Index(fields=["priority", "id"], name="ticket_priority_id"),
            models.Index(fields=["resolution_due_at"], name="ticket_resolution_due"),
            models.Index(fields=["first_response_due_at"], name="ticket_first_response_due"),
            models.Index(
                next_sla_due(), "id", name="ticket_active_next_sla_due", condition=Q(status__in=ACTIVE_STATUSES)
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}"

    @property
    def reference(self) -> str:
        return format_reference(self.pk)

    def get_absolute_url(self):
        return reverse("support:ticket_detail", kwargs={"reference": self.reference})

    def get_admin_url(self):
        return reverse("support_admin:ticket_workspace", kwargs={"reference": self.reference})

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    def sla_state(self, now=None) -> str:
        """On track, at risk, breached, paused or met; computed from the stored moments."""
        now = now or timezone.now()
        if self.status in (Status.RESOLVED, Status.CLOSED):
            if self.resolution_due_at and self.resolved_at and self.resolved_at > self.resolution_due_at:
                return SLAState.BREACHED
            return SLAState.MET
        if self.sla_paused_at:
            return SLAState.PAUSED
        due, at_risk = self.next_sla_target()
        if due is None:
            return SLAState.ON_TRACK
        if now >= due:
            return SLAState.BREACHED
        if at_risk and now >= at_risk:
            return SLAState.AT_RISK
        return SLAState.ON_TRACK

    def next_sla_target(self):
        """The due and at-risk moments of the target that runs out first."""
        if self.first_responded_at is None and self.first_response_due_at:
            pending = [(self.first_response_due_at, self.first_response_at_risk_at)]
        else:
            pending = []
        if self.resolution_due_at:
            pending.append((self.resolution_due_at, self.resolution_at_risk_at))
        if not pending:
            return None, None
        return min(pending, key=lambda pair: pair[0])

    def sla_time_left(self, now=None):
        """A timedelta, negative once breached; None when no target applies."""
        if not self.is_active or self.sla_paused_at:
            return None
        due, _ = self.next_sla_target()
        if due is None:
            return None
        return due - (now or timezone.now())


def format_reference(pk) -> str:
    return f"{REFERENCE_PREFIX}{pk:06d}"


def parse_reference(reference: str):
    """The primary key of a reference such as ``T-000123`` (or ``123``); None when it is not one."""
    text = (reference or "").strip().upper()
    if text.startswith(REFERENCE_PREFIX):
        text = text[len(REFERENCE_PREFIX):]
    return int(text) if text.isdigit() and len(text) <= 12 else None


class TicketMessage(models.Model):
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField()
    is_internal = models.BooleanField(default=False, help_text="Internal notes are never shown to the customer.")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["ticket", "created_at"], name="ticket_message_ticket_created")]

    def __str__(self):
        kind = "Internal note" if self.is_internal else "Reply"
        return f"{kind} on {self.ticket.reference}"


def attachment_path(instance, filename):
    # The stored name never comes from the uploader; the original name is kept in a field.
    return f"support/tickets/{instance.ticket_id}/{timezone.now():%Y%m%d%H%M%S}-{instance.checksum[:16]}"



class TicketAttachment(Attachment):
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="attachments")
    message = models.ForeignKey(
        TicketMessage, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(upload_to=attachment_path, storage=private_storage, max_length=255)

    @property
    def is_internal(self) -> bool:
        return bool(self.message_id and self.message.is_internal)


class ChecklistItem(models.Model):
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="checklist")
    text = models.CharField(max_length=200)
    is_done = models.BooleanField(default=False)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    done_at = models.DateTimeField(null=True, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.text


class TicketEvent(models.Model):
    """One line of a ticket's history: who changed what, and when."""

    class Kind(models.TextChoices):
        CREATED = "created", "Created"
        STATUS = "status", "Status"
        PRIORITY = "priority", "Priority"
        ASSIGNEE = "assignee", "Assignee"
        DEPARTMENT = "department", "Department"
        CATEGORY = "category", "Category"
        MERGED = "merged", "Merged"
        RATED = "rated", "Rated"

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    old_value = models.CharField(max_length=200, blank=True)
    new_value = models.CharField(max_length=200, blank=True)
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["ticket", "created_at"], name="ticket_event_ticket_created"),
            models.Index(fields=["kind", "new_value", "created_at"], name="ticket_event_kind_value"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.old_value} → {self.new_value}"


class CannedResponse(models.Model):
    department = models.ForeignKey(
        Department,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="canned_responses",
        help_text="Leave empty to offer it in every department.",
    )
    title = models.CharField(max_length=100)
    body = models.TextField()

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title
