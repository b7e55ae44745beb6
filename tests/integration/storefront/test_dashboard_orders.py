"""Shop managers move orders through the pipeline in Oscar's dashboard; every change goes through the service."""

import pytest
from django.urls import reverse

from portal.models import Notification
from tests.factories import make_order

pytestmark = pytest.mark.django_db


def change_status(client, order, status, **fields):
    return client.post(
        reverse("dashboard:order-detail", kwargs={"number": order.number}),
        {"order_action": "change_order_status", "new_status": status, **fields},
    )


class DashboardOrderStatusTests:
    def test_the_status_form_asks_for_carrier_and_tracking(self, client, shop_manager, customer):
        order = make_order(customer, status="Processing")
        client.force_login(shop_manager)

        response = client.get(reverse("dashboard:order-detail", kwargs={"number": order.number}))

        assert response.status_code == 200
        form = response.context["order_status_form"]
        assert {"new_status", "carrier", "tracking"} <= set(form.fields)

    def test_shipping_an_order_records_tracking_and_notifies_the_customer(self, client, shop_manager, customer):
        order = make_order(customer, status="Processing")
        client.force_login(shop_manager)

        response = change_status(client, order, "Shipped", carrier="Royal Mail", tracking="RM1")

        assert response.status_code == 302
        order.refresh_from_db()
        assert order.status == "Shipped"
        assert order.shipments.get().tracking_number == "RM1"
        assert Notification.objects.filter(recipient=customer, title__contains="Shipped").exists()

    def test_shipping_without_a_carrier_is_refused_with_a_message(self, client, shop_manager, customer):
        order = make_order(customer, status="Processing")
        client.force_login(shop_manager)

        response = change_status(client, order, "Shipped")

        order.refresh_from_db()
        assert order.status == "Processing"
        messages = [str(m) for m in response.wsgi_request._messages]
        assert any("carrier" in message for message in messages)

    def test_marking_paid_from_the_order_list(self, client, shop_manager, customer):
        order = make_order(customer, status="Pending payment")
        client.force_login(shop_manager)

        client.post(
            reverse("dashboard:order-list"),
            {"action": "change_order_statuses", "selected_order": [order.pk], "new_status": "Processing"},
        )

        order.refresh_from_db()
        assert order.status == "Processing"
        assert order.payment_events.get().event_type.name == "Paid"

    def test_customers_cannot_reach_the_order_dashboard(self, client, customer):
        order = make_order(customer, status="Processing")
        client.force_login(customer)

        response = change_status(client, order, "Cancelled")

        order.refresh_from_db()
        assert order.status == "Processing"
        assert response.status_code in (302, 403)
