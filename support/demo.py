"""Demo support desk for `manage.py load_demo_data`: departments, categories, canned responses and
a few dozen tickets from the last month in every status.

Tickets are played through the services (so history, notifications and SLA bookkeeping are what
the desk would have produced), then each step is moved back to its moment in the past with
``queryset.update()``. Idempotent: departments, categories and canned responses are found by
name, customers by email, tickets by requester and title; a second run creates nothing.
"""

import io
import random
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Max
from django.test.utils import override_settings
from django.utils import timezone
from PIL import Image, ImageDraw

from portal import roles
from portal.demo import DEMO_PASSWORD
from portal.models import Notification
from portal.services import user_set_roles

from . import services
from .models import (
    CannedResponse,
    Category,
    ChecklistItem,
    Department,
    Priority,
    SLAState,
    Status,
    Ticket,
    TicketAttachment,
    TicketEvent,
    TicketMessage,
)

AGENT_EMAIL = "agent@example.com"
LEAD_EMAIL = "lead@example.com"
CUSTOMER_EMAIL = "customer@example.com"
SECOND_AGENT = ("jordan.agent@example.com", "Jordan Agent")

# name -> (auto-assign, member emails, categories)
DEPARTMENTS = {
    "Orders & delivery": (True, [AGENT_EMAIL, SECOND_AGENT[0]], ["Delivery", "Returns & exchanges", "Damaged item"]),
    "Billing": (False, [AGENT_EMAIL], ["Invoices", "Payments & refunds"]),
    "Technical support": (False, [SECOND_AGENT[0]], ["Account & login", "Product setup"]),
}

CANNED_RESPONSES = [
    (None, "Thanks for your patience", "Thank you for your patience while we looked into this. "),
    (None, "Anything else?", "Is there anything else we can help you with? If not, we will close this ticket in a few days."),
    ("Orders & delivery", "Tracking link", "Your parcel is on its way. You can follow it with the tracking link in your order confirmation."),
    ("Orders & delivery", "Return label", "We have emailed you a prepaid return label. Please drop the parcel at any post office within 14 days."),
    ("Billing", "Refund issued", "We have issued your refund. It usually reaches your account within 3 to 5 working days."),
    ("Technical support", "Reset your password", "Use “Forgot password?” on the login page; the link in the email is valid for 3 days."),
]

CUSTOMERS = [
    (CUSTOMER_EMAIL, "Casey Customer"),
    ("priya.patel@example.com", "Priya Patel"),
    ("tom.becker@example.com", "Tom Becker"),
    ("ana.silva@example.com", "Ana Silva"),
    ("li.wei@example.com", "Li Wei"),
]

# category -> stories: (title, description, customer follow-up, agent answer, resolution summary)
STORIES = {
    "Delivery": [
        ("Parcel has not arrived", "My order was due on Monday and the tracking has not moved since Friday.",
         "Still nothing today, could you check with the courier?", "I have asked the courier to trace the parcel.",
         "The courier found the parcel at the depot and delivered it."),
        ("Delivered to the wrong address", "The tracking says delivered but it is not at my door or with the neighbours.",
         "The photo on the tracking page is not my house.", "We have opened a claim with the courier.",
         "Sent a replacement by express delivery."),
    ],
    "Returns & exchanges": [
        ("Exchange a hoodie for a larger size", "The Zip Fleece Hoodie is too small; can I swap it for an L?",
         "I still have the tags on it.", "Of course: I have emailed you a return label.",
         "Exchanged for size L; the new hoodie shipped today."),
    ],
    "Damaged item": [
        ("Mug arrived broken", "One of the two mugs in my order was in pieces. Photo attached.",
         "The box itself looked fine.", "Sorry about that, we will send a new one.", "Sent a replacement mug."),
    ],
    "Invoices": [
        ("Invoice needs my company name", "Could you reissue the invoice with my company name and VAT number?",
         "The VAT number is GB123456789.", "Which address should appear on the invoice?",
         "Reissued the invoice with the company details."),
    ],
    "Payments & refunds": [
        ("Charged twice for one order", "My card statement shows two payments for the same order.",
         "Both are still showing today.", "One of them is a pre-authorisation; let me check.",
         "Confirmed the second charge was a pre-authorisation; it has been released."),
        ("Refund not received", "I returned an item two weeks ago and have not had my refund yet.",
         "Any news on this?", "The return reached us yesterday; the refund is being processed.",
         "Refund issued to the original card."),
    ],
    "Account & login": [
        ("Cannot log in after changing my email", "I changed my email address and now the login page says my password is wrong.",
         "I tried resetting it too.", "Could you tell me the old address so I can find your account?",
         "Merged the two accounts and reset the password."),
    ],
    "Product setup": [
        ("Desk lamp flickers", "The lamp flickers at the lowest brightness setting.",
         "It happens with every bulb I tried.", "Could you send a short video or a photo of the label underneath?",
         "Sent a replacement dimmer unit; flickering is gone."),
    ],
}

INTERNAL_NOTES = [
    "Checked the order: paid and dispatched on time.",
    "Courier reference in the order notes. Customer is a regular, be generous.",
    "Asked the warehouse to check stock before promising a replacement.",
    "Similar report last week, see the other ticket from this customer.",
]
CHECKLISTS = [
    ["Check the order and payment", "Contact the courier", "Update the customer"],
    ["Confirm the return arrived", "Issue the refund", "Send the confirmation"],
    ["Reproduce the problem", "Ask for photos", "Offer a replacement"],
]
RATING_COMMENTS = {5: "Quick and friendly, thank you!", 4: "Sorted, thanks.", 3: "", 2: "Took a while.", 1: "Not happy with how long this took."}

# What the desk looks like: how many tickets end in each status (36 in all).
STATUS_PLAN = (
    [Status.OPEN] * 7 + [Status.IN_PROGRESS] * 7 + [Status.WAITING] * 5 + [Status.RESOLVED] * 8 + [Status.CLOSED] * 9
)


@dataclass
class Cast:
    lead: object
    agents_by_department: dict
    customers: list
    categories: dict = field(default_factory=dict)


def load_support(stdout=None) -> dict:
    """Build the demo desk; returns how many of each thing were created this run."""
    created = {"departments": 0, "categories": 0, "canned responses": 0, "customers": 0, "tickets": 0}
    with transaction.atomic():
        cast = _load_people_and_structure(created)
    first_notification = Timeline._mark(Notification)
    # Demo tickets should fill the in-app inboxes, not anybody's mailbox: the email copies the
    # services queue go to the dummy backend, which keeps them nowhere.
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}):
        for index, status in enumerate(STATUS_PLAN):
            with transaction.atomic():
                if _load_ticket(cast, index, status):
                    created["tickets"] += 1
        with transaction.atomic():
            if _load_merged_duplicate(cast):
                created["tickets"] += 1
    # Older notifications have been seen; the last two days' stay unread for the demo.
    Notification.objects.filter(
        pk__gt=first_notification, read_at__isnull=True, created_at__lt=timezone.now() - timedelta(days=2)
    ).update(read_at=timezone.now())
    if stdout is not None:
        stdout.write("Support desk: " + ", ".join(f"{count} {name}" for name, count in created.items()) + " created.")
    return created


# --- people, departments, categories --------------------------------------------------------------


def _user(email, name, role, created):
    User = get_user_model()
    user, is_new = User.objects.get_or_create(email=email, defaults={"display_name": name})
    if is_new:
        user.set_password(DEMO_PASSWORD)
        user.save()
        user_set_roles(user=user, role_names=[role])
        if role == roles.CUSTOMERS:
            created["customers"] += 1
    return user


def _load_people_and_structure(created) -> Cast:
    User = get_user_model()
    lead = User.objects.get(email=LEAD_EMAIL)
    _user(*SECOND_AGENT, roles.AGENTS, created)
    customers = [_user(email, name, roles.CUSTOMERS, created) for email, name in CUSTOMERS]
    cast = Cast(lead=lead, agents_by_department={}, customers=customers)
    for name, (auto_assign, member_emails, category_names) in DEPARTMENTS.items():
        department, is_new = Department.objects.get_or_create(name=name, defaults={"lead": lead, "auto_assign": auto_assign})
        members = list(User.objects.filter(email__in=member_emails).order_by("pk"))
        if is_new:
            created["departments"] += 1
            department.members.add(*members)
        cast.agents_by_department[name] = members
        for category_name in category_names:
            category, is_new = Category.objects.get_or_create(name=category_name, defaults={"department": department})
            created["categories"] += is_new
            cast.categories[category_name] = category
    for department_name, title, body in CANNED_RESPONSES:
        department = Department.objects.get(name=department_name) if department_name else None
        _, is_new = CannedResponse.objects.get_or_create(department=department, title=title, defaults={"body": body})
        created["canned responses"] += is_new
    return cast


# --- tickets ------------------------------------------------------------------------------------


class Timeline:
    """Plays service calls for one ticket and moves what each wrote back to its moment in the past."""

    STAMPS = ["first_responded_at", "resolved_at", "closed_at", "rated_at", "sla_paused_at"]

    def __init__(self, created, ticket=None):
        self.ticket = ticket
        self.created = created
        self.latest_possible = timezone.now() - timedelta(minutes=1)
        self.last = created
        self.paused_seconds = 0
        self.paused_since = None

    def at(self, minutes, action, *, tickets=()):
        # A safety net: the steps are sized to end before now, but never let one land in the future.
        moment = min(self.created + timedelta(minutes=minutes), self.latest_possible)
        touched = [t for t in (self.ticket, *tickets) if t is not None]
        marks = {model: self._mark(model) for model in (TicketMessage, TicketEvent, TicketAttachment, Notification)}
        before = {t.pk: Ticket.objects.values(*self.STAMPS).get(pk=t.pk) for t in touched}
        result = action()
        if self.ticket is None:  # the step that opened the ticket
            self.ticket = result
            touched = [result]
            before = {result.pk: dict.fromkeys(self.STAMPS)}
        for model, mark in marks.items():
            model.objects.filter(pk__gt=mark).update(created_at=moment)
        for t in touched:
            after = Ticket.objects.values(*self.STAMPS).get(pk=t.pk)
            changed = {name: moment for name in self.STAMPS if after[name] and after[name] != before[t.pk][name]}
            Ticket.objects.filter(pk=t.pk).update(updated_at=moment, **changed)
        self._follow_pause(moment)
        self.last = max(self.last, moment)
        return result

    @staticmethod
    def _mark(model):
        return model.objects.aggregate(mark=Max("pk"))["mark"] or 0

    def _follow_pause(self, moment):
        status = Ticket.objects.values_list("status", flat=True).get(pk=self.ticket.pk)
        if status == Status.WAITING and self.paused_since is None:
            self.paused_since = moment
        elif status != Status.WAITING and self.paused_since is not None:
            self.paused_seconds += int((moment - self.paused_since).total_seconds())
            self.paused_since = None

    def finish(self):
        """Restart the SLA clock from the backdated creation, with the pauses as they happened."""
        ticket = Ticket.objects.get(pk=self.ticket.pk)
        ticket.created_at = self.created
        ticket.sla_paused_seconds = self.paused_seconds
        ticket.sla_paused_at = self.paused_since
        services._apply_sla(ticket)
        state = ticket.sla_state()
        # Already past a threshold: count it as warned, or the first SLA check would mail about all of it.
        ticket.sla_notified_state = state if state in (SLAState.AT_RISK, SLAState.BREACHED) else ""
        ticket.save(update_fields=["created_at", *services.SLA_FIELDS])
        ChecklistItem.objects.filter(ticket=ticket, is_done=True).update(done_at=self.last)
        return ticket


def _png(label):
    image = Image.new("RGB", (160, 100), "#e9f1f4")
    draw = ImageDraw.Draw(image)
    draw.rectangle((8, 8, 151, 91), outline="#2e5266", width=3)
    draw.text((18, 40), label[:20], fill="#2e5266")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return SimpleUploadedFile("photo.png", buffer.getvalue(), content_type="image/png")


def _text_file(title):
    body = f"Notes for: {title}\nOrder placed on the website.\nTried twice, same result.\n"
    return SimpleUploadedFile("notes.txt", body.encode(), content_type="text/plain")


def _story(index):
    stories = [(category, story) for category, items in STORIES.items() for story in items]
    return stories[index % len(stories)]


def _age(rng, status, index):
    """How long ago the ticket was opened: new ones open, old ones closed, a few overdue."""
    if status == Status.OPEN:
        # two on track (about an hour old), two at risk (past 75 % of the 8 h response target), three breached
        return [timedelta(minutes=50), timedelta(hours=2), timedelta(hours=6, minutes=30), timedelta(hours=7),
                timedelta(days=2, hours=3), timedelta(days=4), timedelta(days=6, hours=5)][index % 7]
    if status == Status.IN_PROGRESS:
        return timedelta(days=rng.uniform(1.2, 5))
    if status == Status.WAITING:
        return timedelta(days=rng.uniform(1, 8))
    if status == Status.RESOLVED:
        return timedelta(days=rng.uniform(1.5, 6))
    return timedelta(days=rng.uniform(12.5, 29))


def _load_ticket(cast, index, status) -> bool:
    rng = random.Random(1000 + index)
    category_name, (title, description, follow_up, answer, summary) = _story(index)
    requester = cast.customers[0] if index % 3 == 0 else cast.customers[1 + index % (len(cast.customers) - 1)]
    title = f"{title} (order #{100400 + index * 7})"
    if Ticket.objects.filter(requester=requester, title=title).exists():
        return False
    category = cast.categories[category_name]
    department = category.department
    agents = cast.agents_by_department[department.name]
    worker = agents[index % len(agents)] if agents else cast.lead
    priority = [Priority.MEDIUM, Priority.MEDIUM, Priority.HIGH, Priority.LOW, Priority.MEDIUM][index % 5]
    if status == Status.OPEN:
        priority = Priority.MEDIUM  # the SLA states below are worked out for the medium targets

    uploads = []
    if index % 4 == 1:
        uploads.append(_png(title))
    if index % 6 == 2:
        uploads.append(_text_file(title))

    now = timezone.now()
    created = now - _age(rng, status, index)
    play = Timeline(created)
    ticket = play.at(0, lambda: services.ticket_create(
        requester=requester, title=title, description=description, category=category, priority=priority, uploads=uploads
    ))
    minutes = 0

    def step(low, high):
        nonlocal minutes
        minutes += rng.randint(low, high)
        return minutes

    if status == Status.OPEN:
        elapsed = int((now - created).total_seconds() // 60)
        if index % 2 and elapsed > 30:
            play.at(min(elapsed - 5, 20), lambda: services.ticket_reply(ticket=ticket, author=requester, body=follow_up))
        if elapsed > 60 and index % 3 == 0:
            play.at(min(elapsed - 5, 45), lambda: services.ticket_reply(
                ticket=ticket, author=cast.lead, body=rng.choice(INTERNAL_NOTES), is_internal=True))
        return bool(play.finish())

    if not ticket.assignee_id:
        play.at(step(5, 60), lambda: services.ticket_assign(ticket=ticket, actor=cast.lead, assignee=worker))
    assignee = Ticket.objects.get(pk=ticket.pk).assignee or worker
    late_first_answer = index % 5 == 3
    play.at(step(600, 900) if late_first_answer else step(20, 240),
            lambda: services.ticket_reply(ticket=ticket, author=assignee, body=answer))
    play.at(step(1, 10), lambda: services.ticket_transition(ticket=ticket, actor=assignee, to_status=Status.IN_PROGRESS))
    if index % 9 == 1:
        play.at(step(1, 5), lambda: services.ticket_set_priority(ticket=ticket, actor=assignee, priority=Priority.URGENT))
    play.at(step(5, 120), lambda: services.ticket_reply(
        ticket=ticket, author=assignee, body=rng.choice(INTERNAL_NOTES), is_internal=True))
    if status == Status.IN_PROGRESS or index % 4 == 0:
        for position, text in enumerate(CHECKLISTS[index % len(CHECKLISTS)]):
            item = play.at(step(1, 5), lambda text=text: services.checklist_item_add(ticket=ticket, actor=assignee, text=text))
            if position < 1 + index % 2 or status in (Status.RESOLVED, Status.CLOSED):
                play.at(step(10, 90), lambda item=item: services.checklist_item_set_done(item=item, actor=assignee, is_done=True))
    budget = int((now - created).total_seconds() // 60) - 30

    if status == Status.IN_PROGRESS:
        if budget > minutes + 60:
            play.at(step(30, min(600, budget - minutes)),
                    lambda: services.ticket_reply(ticket=ticket, author=requester, body=follow_up))
        return bool(play.finish())

    play.at(step(5, 60), lambda: services.ticket_transition(ticket=ticket, actor=assignee, to_status=Status.WAITING))
    if status == Status.WAITING:
        return bool(play.finish())

    wait = min(rng.randint(60, 1500), max(60, budget - minutes - 400))
    play.at(step(wait, wait), lambda: services.ticket_reply(
        ticket=ticket, author=requester, body=follow_up, uploads=[_png("photo")] if index % 5 == 0 else ()))
    slow = index % 4 == 3  # some finish after the resolution target
    play.at(step(3000, 3600) if slow and budget - minutes > 4000 else step(30, max(31, min(300, budget - minutes - 60))),
            lambda: services.ticket_transition(ticket=ticket, actor=assignee, to_status=Status.RESOLVED,
                                               resolution_summary=summary))
    if index % 5 != 4:
        rating = rng.choice([5, 5, 4, 4, 3, 2, 1]) if not slow else rng.choice([3, 2, 1])
        play.at(step(30, 600), lambda: services.ticket_rate(
            ticket=ticket, user=requester, rating=rating, comment=RATING_COMMENTS[rating]))
    if status == Status.CLOSED:
        play.at(step(7 * 24 * 60, 7 * 24 * 60 + 60),
                lambda: services.ticket_transition(ticket=ticket, actor=None, to_status=Status.CLOSED, note="Closed automatically"))
    return bool(play.finish())


def _load_merged_duplicate(cast) -> bool:
    """The demo customer asks the same question twice; the second ticket is merged into the first."""
    requester = cast.customers[0]
    original = Ticket.objects.filter(requester=requester, status=Status.IN_PROGRESS).order_by("created_at").first()
    title = "Where is my parcel? (sent again)"
    if original is None or Ticket.objects.filter(requester=requester, title=title).exists():
        return False
    play = Timeline(original.created_at + timedelta(hours=3))
    duplicate = play.at(0, lambda: services.ticket_create(
        requester=requester, title=title, description="I wrote before but have not heard back. " + original.description,
        category=original.category,
    ))
    worker = original.assignee or cast.lead
    play.at(30, lambda: services.ticket_merge(source=duplicate, target=original, actor=worker), tickets=[original])
    play.finish()
    # The merge touched the original too: keep its newest moment as its last update.
    latest = original.messages.aggregate(last=Max("created_at"))["last"]
    Ticket.objects.filter(pk=original.pk).update(updated_at=latest)
    return True
