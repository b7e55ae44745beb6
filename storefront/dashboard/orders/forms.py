import re

from django import forms
from oscar.apps.dashboard.orders.forms import *  # noqa: F401,F403
from oscar.apps.dashboard.orders.forms import OrderStatusForm as OscarOrderStatusForm
from oscar.core.loading import get_model

from storefront.payment_methods import STATUS_SHIPPED

Order = get_model("order", "Order")

# Shipment.carrier and Shipment.tracking_number
CARRIER_MAX_LENGTH = TRACKING_MAX_LENGTH = 100


class OrderStatusForm(OscarOrderStatusForm):
    """Oscar's status form plus the parcel's carrier and tracking number (needed to mark it shipped)."""

    carrier = forms.CharField(label="Carrier (when shipping)", max_length=CARRIER_MAX_LENGTH, required=False)
    tracking = forms.CharField(label="Tracking number (when shipping)", max_length=TRACKING_MAX_LENGTH, required=False)


class BulkOrderStatusForm(forms.Form):
    """The order list's "Change status" for the selected orders.

    Marking orders shipped needs the carrier, one for all of them (a dispatch run usually
    goes with one carrier). Tracking numbers are optional and keyed by order number, one
    order per line, so they cannot end up on the wrong parcel whatever the order in which
    the orders were ticked, and a list pasted from the carrier's export works as it is.
    """

    new_status = forms.ChoiceField(label="New status")
    carrier = forms.CharField(
        label="Carrier",
        max_length=CARRIER_MAX_LENGTH,
        required=False,
        help_text="Needed to mark orders Shipped: the carrier taking all the selected parcels, e.g. Royal Mail.",
    )
    tracking_numbers = forms.CharField(
        label="Tracking numbers (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="When marking orders Shipped: one line per order, its order number then its tracking number, "
        "e.g. “100042 RM123456785GB”. Orders without a line are shipped without a tracking number.",
    )

    def __init__(self, *args, orders=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_status"].choices = [("", "-- choose new status --")] + [
            (status, status) for status in Order.all_statuses()
        ]
        self.order_numbers = {order.number for order in orders}

    def clean_tracking_numbers(self):
        tracking_by_number: dict[str, str] = {}
        if self.cleaned_data.get("new_status") != STATUS_SHIPPED:
            return tracking_by_number  # only shipping records them
        problems = []
        for line_number, line in enumerate(self.cleaned_data["tracking_numbers"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = re.split(r"[\s,;:]+", line.strip(), maxsplit=1)
            if len(parts) < 2 or not parts[1].strip():
                problems.append(f"Line {line_number}: give the order number, then its tracking number.")
                continue
            number, tracking = parts[0].strip(), parts[1].strip()
            if number not in self.order_numbers:
                problems.append(f"Line {line_number}: order {number} is not one of the selected orders.")
            elif number in tracking_by_number:
                problems.append(f"Line {line_number}: order {number} has a tracking number already.")
            elif len(tracking) > TRACKING_MAX_LENGTH:
                problems.append(f"Line {line_number}: a tracking number has at most {TRACKING_MAX_LENGTH} characters.")
            else:
                tracking_by_number[number] = tracking
        if problems:
            raise forms.ValidationError(problems)
        return tracking_by_number

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("new_status") == STATUS_SHIPPED and not cleaned_data.get("carrier", "").strip():
            self.add_error("carrier", "Enter the carrier to mark orders Shipped.")
        return cleaned_data

    def error_messages(self) -> list[str]:
        """Every error as one sentence, for the dashboard's messages (the form is on the list page)."""
        return [
            message if name == "__all__" else f"{self.fields[name].label}: {message}"
            for name, errors in self.errors.items()
            for message in errors
        ]
