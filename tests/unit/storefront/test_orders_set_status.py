"""storefront.services.orders_set_status: several orders through the pipeline, each in its own transaction."""

import pytest
from django.core.exceptions import PermissionDenied
from oscar.apps.order.exceptions import InvalidOrderStatus

from storefront.services import orders_set_status
from tests.factories import make_order

pytestmark = pytest.mark.django_db


class OrdersSetStatusTests:
    def test_ships_each_order_with_its_own_tracking_number(self, customer, shop_manager):
        first, second = make_order(customer, status="Processing"), make_order(customer, status="Processing")

        result = orders_set_status(
            orders=[second, first], status="Shipped", actor=shop_manager, carrier=" Royal Mail ",
            tracking_by_number={first.number: "RM1"},
        )

        assert [order.number for order in result.changed] == sorted([first.number, second.number])
        assert result.refused == []
        assert (first.shipments.get().carrier, first.shipments.get().tracking_number) == ("Royal Mail", "RM1")
        assert second.shipments.get().tracking_number == ""

    def test_a_refused_order_does_not_undo_or_stop_the_others(self, customer, shop_manager):
        unpaid = make_order(customer, status="Pending payment")
        ready = make_order(customer, status="Processing")

        result = orders_set_status(orders=[unpaid, ready], status="Shipped", actor=shop_manager, carrier="DPD")

        assert [order.number for order in result.changed] == [ready.number]
        assert [(order.number, reason) for order, reason in result.refused] == [
            (unpaid.number, "An order cannot move from “Pending payment” to “Shipped”.")
        ]
        unpaid.refresh_from_db()
        assert unpaid.status == "Pending payment"

    def test_shipping_without_a_carrier_changes_nothing(self, customer, shop_manager):
        order = make_order(customer, status="Processing")

        with pytest.raises(InvalidOrderStatus, match="carrier"):
            orders_set_status(orders=[order], status="Shipped", actor=shop_manager, carrier="  ")

        order.refresh_from_db()
        assert order.status == "Processing"

    def test_only_shop_managers(self, customer):
        order = make_order(customer, status="Processing")

        with pytest.raises(PermissionDenied):
            orders_set_status(orders=[order], status="Cancelled", actor=customer)

        order.refresh_from_db()
        assert order.status == "Processing"
