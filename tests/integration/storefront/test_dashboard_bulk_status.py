"""Shipping several orders at once from the dashboard's order list: one carrier, optional tracking numbers, each order on its own."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from portal.models import Notification
from tests.factories import make_order

pytestmark = pytest.mark.django_db

OrderNote = get_model("order", "OrderNote")


def bulk_change(client, orders, status, **fields):
    return client.post(
        reverse("dashboard:order-list"),
        {"action": "change_order_statuses", "selected_order": [order.pk for order in orders], "new_status": status, **fields},
        follow=True,
    )


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def manager(client, shop_manager):
    client.force_login(shop_manager)
    return client


@pytest.fixture
def processing_orders(customer):
    return [make_order(customer, status="Processing") for _ in range(3)]


class BulkShippingTests:
    def test_the_list_asks_for_a_carrier_and_explains_the_tracking_numbers(self, manager, processing_orders):
        response = manager.get(reverse("dashboard:order-list"))

        page = response.content.decode()
        assert 'name="carrier"' in page and 'name="tracking_numbers"' in page
        assert "one line per order, its order number then its tracking number" in page

    def test_ships_the_selected_orders_with_the_carrier_and_their_tracking_numbers(
        self, manager, processing_orders, customer
    ):
        first, second, third = processing_orders

        response = bulk_change(
            manager,
            processing_orders,
            "Shipped",
            carrier="Royal Mail",
            tracking_numbers=f"{second.number} RM222GB\n\n{first.number}, RM111GB\n",
        )

        for order in processing_orders:
            order.refresh_from_db()
            assert order.status == "Shipped"
            assert order.shipments.get().carrier == "Royal Mail"
        assert first.shipments.get().tracking_number == "RM111GB"
        assert second.shipments.get().tracking_number == "RM222GB"
        assert third.shipments.get().tracking_number == ""  # no line for it: shipped without one
        numbers = ", ".join(sorted(order.number for order in processing_orders))
        assert messages_of(response) == [f"3 orders now Shipped: {numbers}."]
        assert Notification.objects.filter(recipient=customer, title__contains="Shipped").count() == 3

    def test_without_a_carrier_nothing_changes_and_the_message_says_why(self, manager, processing_orders):
        response = bulk_change(manager, processing_orders, "Shipped", tracking_numbers="")

        for order in processing_orders:
            order.refresh_from_db()
            assert order.status == "Processing"
            assert not order.shipments.exists()
        assert not OrderNote.objects.exists()
        assert messages_of(response) == ["No order was changed. Carrier: Enter the carrier to mark orders Shipped."]

    def test_a_cancelled_order_is_refused_and_the_others_are_shipped(self, manager, processing_orders, customer):
        cancelled = make_order(customer, status="Cancelled")

        response = bulk_change(manager, [*processing_orders, cancelled], "Shipped", carrier="DPD")

        cancelled.refresh_from_db()
        assert cancelled.status == "Cancelled"
        assert not cancelled.shipments.exists()
        for order in processing_orders:
            order.refresh_from_db()
            assert order.status == "Shipped"
        numbers = ", ".join(sorted(order.number for order in processing_orders))
        assert messages_of(response) == [
            f"3 orders now Shipped: {numbers}.",
            f"1 order not changed. {cancelled.number}: An order cannot move from “Cancelled” to “Shipped”.",
        ]

    def test_a_tracking_number_for_an_order_that_is_not_selected_changes_nothing(self, manager, processing_orders, customer):
        other = make_order(customer, status="Processing")

        response = bulk_change(
            manager, processing_orders, "Shipped", carrier="DPD", tracking_numbers=f"{other.number} DPD999"
        )

        for order in [*processing_orders, other]:
            order.refresh_from_db()
            assert order.status == "Processing"
        assert messages_of(response) == [
            f"No order was changed. Tracking numbers (optional): Line 1: order {other.number} is not one of the selected orders."
        ]

    def test_a_line_without_a_tracking_number_changes_nothing(self, manager, processing_orders):
        first = processing_orders[0]

        response = bulk_change(manager, processing_orders, "Shipped", carrier="DPD", tracking_numbers=first.number)

        first.refresh_from_db()
        assert first.status == "Processing"
        assert "Line 1: give the order number, then its tracking number." in messages_of(response)[0]

    def test_other_statuses_need_no_carrier(self, manager, customer):
        orders = [make_order(customer, status="Pending payment") for _ in range(2)]

        response = bulk_change(manager, orders, "Processing")

        for order in orders:
            order.refresh_from_db()
            assert order.status == "Processing"
        assert messages_of(response)[0].startswith("2 orders now Processing:")
