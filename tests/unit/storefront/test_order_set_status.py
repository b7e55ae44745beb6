"""storefront.services.order_set_status: the order pipeline, its stock moves, payments and notifications."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from oscar.apps.order.exceptions import InvalidOrderStatus
from oscar.core.loading import get_model

from portal.models import Notification
from storefront.services import order_set_status
from tests.factories import make_order, make_product

pytestmark = pytest.mark.django_db

StockRecord = get_model("partner", "StockRecord")


def stock(product):
    record = StockRecord.objects.get(product=product)
    return record.num_in_stock, record.num_allocated


class OrderSetStatusTests:
    def test_walks_the_pipeline_and_records_each_change(self, customer, shop_manager):
        order = make_order(customer, status="Pending payment")

        for status in ["Processing", "Shipped", "Delivered"]:
            extra = {"carrier": "Royal Mail", "tracking": "RM123GB"} if status == "Shipped" else {}
            order = order_set_status(order=order, status=status, actor=shop_manager, **extra)

        assert order.status == "Delivered"
        assert [(c.old_status, c.new_status) for c in order.status_changes.order_by("pk")] == [
            ("Pending payment", "Processing"),
            ("Processing", "Shipped"),
            ("Shipped", "Delivered"),
        ]
        assert set(order.lines.values_list("status", flat=True)) == {"Delivered"}

    @pytest.mark.parametrize(
        "start, target",
        [("Pending payment", "Shipped"), ("Shipped", "Cancelled"), ("Delivered", "Processing"), ("Cancelled", "Processing")],
    )
    def test_refuses_a_move_off_the_pipeline(self, customer, shop_manager, start, target):
        order = make_order(customer, status=start)

        with pytest.raises(InvalidOrderStatus):
            order_set_status(order=order, status=target, actor=shop_manager, carrier="DPD")

        order.refresh_from_db()
        assert order.status == start

    def test_only_shop_managers_change_a_status(self, customer):
        order = make_order(customer, status="Pending payment")

        with pytest.raises(PermissionDenied):
            order_set_status(order=order, status="Processing", actor=customer)

    def test_shipping_needs_a_carrier_and_records_the_tracking_number(self, customer, shop_manager):
        order = make_order(customer, status="Processing")
        with pytest.raises(InvalidOrderStatus):
            order_set_status(order=order, status="Shipped", actor=shop_manager)

        order_set_status(order=order, status="Shipped", actor=shop_manager, carrier="DPD", tracking="15501234")

        shipment = order.shipments.get()
        assert (shipment.carrier, shipment.tracking_number) == ("DPD", "15501234")
        assert shipment.shipping_event.event_type.name == "Shipped"
        assert shipment.shipping_event.line_quantities.count() == 1

    def test_stock_is_allocated_on_order_and_consumed_on_shipping(self, customer, shop_manager):
        product = make_product("Lamp", num_in_stock=10)
        order = make_order(customer, status="Processing", product=product, quantity=3)
        assert stock(product) == (10, 3)

        order_set_status(order=order, status="Shipped", actor=shop_manager, carrier="DPD")

        assert stock(product) == (7, 0)

    def test_cancelling_frees_the_allocated_stock(self, customer, shop_manager):
        product = make_product("Lamp", num_in_stock=10)
        order = make_order(customer, status="Pending payment", product=product, quantity=3)

        order_set_status(order=order, status="Cancelled", actor=shop_manager)

        assert stock(product) == (10, 0)

    def test_marking_a_bank_transfer_paid_records_the_payment(self, customer, shop_manager):
        order = make_order(customer, status="Pending payment", payment_method="bank-transfer")

        order_set_status(order=order, status="Processing", actor=shop_manager)

        source = order.sources.get()
        assert source.amount_debited == source.amount_allocated
        assert order.payment_events.get().event_type.name == "Paid"

    def test_cash_on_delivery_is_paid_on_delivery(self, customer, shop_manager):
        order = make_order(customer, status="Processing", payment_method="cash-on-delivery")
        order_set_status(order=order, status="Shipped", actor=shop_manager, carrier="DPD")
        assert order.payment_events.count() == 0

        order_set_status(order=order, status="Delivered", actor=shop_manager)

        assert order.payment_events.get().amount == order.sources.get().amount_debited

    def test_notifies_the_customer_in_app_and_by_email_after_commit(
        self, customer, shop_manager, django_capture_on_commit_callbacks
    ):
        order = make_order(customer, status="Processing")

        with django_capture_on_commit_callbacks(execute=True):
            order_set_status(order=order, status="Shipped", actor=shop_manager, carrier="DPD", tracking="155")

        notification = Notification.objects.get(recipient=customer)
        assert notification.title == f"Order {order.number}: Shipped"
        assert "Tracking number: 155" in notification.body
        assert notification.url == f"/shop/accounts/orders/{order.number}/"
        assert [message.to for message in mail.outbox] == [[customer.email]]


def test_shipping_more_than_the_recorded_stock_is_refused(customer, shop_manager):
    product = make_product("Lamp", num_in_stock=1)
    order = make_order(customer, status="Processing", product=product, quantity=1)
    StockRecord.objects.filter(product=product).update(num_in_stock=0)

    with pytest.raises(InvalidOrderStatus, match="Cannot ship"):
        order_set_status(order=order, status="Shipped", actor=shop_manager, carrier="DPD")

    order.refresh_from_db()
    assert order.status == "Processing"
