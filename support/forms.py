"""Forms of the customer's side of the support desk.

The forms only parse and give early, friendly messages; the services in ``support.services``
decide (they check the same things again, and the file contents).
"""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from portal.uploads import ALLOWED_TYPES_TEXT, MultipleFileField

from . import permissions, selectors
from .models import Priority
from .services import MAX_BODY_LENGTH


def attachments_field():
    return MultipleFileField(
        label="Attachments",
        help_text=(
            f"Optional. Up to {settings.SUPPORT_MAX_ATTACHMENTS_PER_MESSAGE} files, "
            f"each at most {filesizeformat(settings.ATTACHMENT_MAX_BYTES)}: {ALLOWED_TYPES_TEXT}."
        ),
    )


class OrderChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, order):
        return f"Order {order.number}, placed {order.date_placed:%-d %b %Y}"


class TicketCreateForm(forms.Form):
    # The one-time token that turns a second, identical POST (a double click, a reload) into a
    # redirect to the ticket the first one created.
    submission_token = forms.UUIDField(widget=forms.HiddenInput)
    title = forms.CharField(
        max_length=200,
        help_text="A short summary, e.g. “Parcel not delivered”.",
        error_messages={"required": "Please enter a title."},
    )
    description = forms.CharField(
        max_length=MAX_BODY_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What happened, and what you expected. The more detail, the faster we can help.",
        error_messages={"required": "Please describe your problem."},
    )
    category = forms.ModelChoiceField(
        queryset=None, empty_label="Choose a topic…", error_messages={"required": "Please choose a topic."}
    )
    priority = forms.TypedChoiceField(coerce=int, initial=Priority.MEDIUM)
    order = OrderChoiceField(
        queryset=None,
        required=False,
        to_field_name="number",
        empty_label="Not about an order",
        help_text="Optional: the order this is about.",
        error_messages={"invalid_choice": "That order is not one of yours."},
    )
    attachments = attachments_field()

    field_order = ["title", "category", "priority", "order", "description", "attachments"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = selectors.open_categories()
        self.fields["category"].label = "Topic"
        self.fields["order"].queryset = selectors.orders_of(user=user)
        may_choose_urgent = settings.SUPPORT_CUSTOMERS_MAY_CHOOSE_URGENT or permissions.can_use_support_admin(user)
        self.fields["priority"].choices = [
            (value, label) for value, label in Priority.choices if may_choose_urgent or value != Priority.URGENT
        ]
        if not may_choose_urgent:
            self.fields["priority"].error_messages["invalid_choice"] = (
                "Urgent is kept for the support team; please choose High."
            )


class TicketReplyForm(forms.Form):
    message = forms.CharField(
        label="Your reply",
        max_length=MAX_BODY_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Please write a message."},
    )
    attachments = attachments_field()


class TicketRatingForm(forms.Form):
    rating = forms.TypedChoiceField(
        label="How did we do?",
        coerce=int,
        choices=[(5, "5 – Excellent"), (4, "4 – Good"), (3, "3 – OK"), (2, "2 – Poor"), (1, "1 – Very poor")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a rating from 1 to 5.", "invalid_choice": "Choose a rating from 1 to 5."},
    )
    comment = forms.CharField(
        label="Comment",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Optional: anything we could do better?",
    )


def add_service_errors(form, error, *, fallback_field=None):
    """Put a service's ValidationError on the form: dict errors on their fields, the rest on ``fallback_field``."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(fallback_field, error.messages)
