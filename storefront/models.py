from django.db import models


class Shipment(models.Model):
    """A parcel sent for an order: the carrier and its tracking number, beside Oscar's ShippingEvent."""

    order = models.ForeignKey("order.Order", on_delete=models.CASCADE, related_name="shipments")
    shipping_event = models.OneToOneField(
        "order.ShippingEvent", on_delete=models.SET_NULL, null=True, blank=True, related_name="shipment"
    )
    carrier = models.CharField(max_length=100)
    tracking_number = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.carrier} {self.tracking_number}".strip()
