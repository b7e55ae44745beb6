from django import forms
from oscar.apps.dashboard.orders.forms import *  # noqa: F401,F403
from oscar.apps.dashboard.orders.forms import OrderStatusForm as OscarOrderStatusForm


class OrderStatusForm(OscarOrderStatusForm):
    """Oscar's status form plus the parcel's carrier and tracking number (needed to mark it shipped)."""

    carrier = forms.CharField(label="Carrier (when shipping)", max_length=100, required=False)
    tracking = forms.CharField(label="Tracking number (when shipping)", max_length=100, required=False)
