"""The checkout: address, shipping method, payment method, placing the order once, the confirmation email."""

from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from oscar.core.loading import get_model

from tests.factories import make_product, make_user_address
from tests.integration.storefront.checkout_steps import (
    add_to_basket,
    checkout,
    choose_new_address,
    choose_shipping_and_payment,
    place_order,
)

pytestmark = pytest.mark.django_db

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")
UserAddress = get_model("address", "UserAddress")


@pytest.fixture
def shopper(client, customer):
    client.force_login(customer)
    return client


@pytest.fixture(autouse=True)
def shipping_rates(settings):
    settings.SHOP_FLAT_SHIPPING_RATE = "4.95"
    settings.SHOP_FREE_SHIPPING_THRESHOLD = "50.00"


class CheckoutTests:
    def test_bank_transfer_with_flat_rate_shipping_waits_for_payment(self, shopper, customer, django_capture_on_commit_callbacks):
        product = make_product("Enamel Mug", price="12.00")

        with django_capture_on_commit_callbacks(execute=True):
            response = checkout(shopper, product, method_code="bank-transfer")

        assert response.status_code == 302 and response.url == reverse("checkout:thank-you")
        order = Order.objects.get()
        assert order.user == customer
        assert order.status == "Pending payment"
        assert order.shipping_code == "flat-rate"
        assert order.shipping_incl_tax == Decimal("4.95")
        assert order.total_incl_tax == Decimal("16.95")
        assert order.sources.get().source_type.code == "bank-transfer"
        assert order.lines.get().stockrecord.num_allocated == 1
        thank_you = shopper.get(response.url)
        assert order.number in thank_you.content.decode()

    def test_cash_on_delivery_over_the_threshold_ships_free_and_starts_processing(self, shopper):
        product = make_product("Cast Iron Skillet", price="60.00")

        checkout(shopper, product, method_code="cash-on-delivery")

        order = Order.objects.get()
        assert order.status == "Processing"
        assert order.shipping_code == "free-over-threshold"
        assert order.shipping_incl_tax == Decimal("0.00")
        assert order.total_incl_tax == Decimal("60.00")

    def test_ships_to_an_address_from_the_address_book(self, shopper, customer):
        address = make_user_address(customer, line1="22 Acacia Avenue")

        checkout(shopper, make_product("Brass Desk Lamp"), address=address)

        assert Order.objects.get().shipping_address.line1 == "22 Acacia Avenue"

    def test_a_new_address_is_saved_to_the_address_book(self, shopper, customer):
        checkout(shopper, make_product("Brass Desk Lamp"))

        assert UserAddress.objects.filter(user=customer, line1="1 High Street").exists()

    def test_the_preview_needs_a_payment_method(self, shopper):
        add_to_basket(shopper, make_product("Brass Desk Lamp"))
        choose_new_address(shopper)
        shopper.get(reverse("checkout:shipping-method"))

        response = shopper.get(reverse("checkout:preview"))

        assert response.status_code == 302 and response.url == reverse("checkout:payment-details")

    def test_an_unknown_payment_method_is_refused(self, shopper):
        add_to_basket(shopper, make_product("Brass Desk Lamp"))
        choose_new_address(shopper)
        shopper.get(reverse("checkout:shipping-method"))

        response = shopper.post(reverse("checkout:payment-details"), {"method": "bitcoin"})

        assert response.status_code == 200
        assert response.context["payment_method_form"].errors

    def test_placing_the_order_twice_creates_one_order(self, shopper):
        add_to_basket(shopper, make_product("Brass Desk Lamp"))
        choose_new_address(shopper)
        choose_shipping_and_payment(shopper, "bank-transfer")

        first = place_order(shopper)
        second = place_order(shopper)

        assert first.status_code == 302 and first.url == reverse("checkout:thank-you")
        assert second.status_code == 302  # the basket is empty now: back to it, no second order
        assert Order.objects.count() == 1

    def test_a_basket_submitted_by_another_request_shows_that_order(self, shopper):
        """Two submissions that both loaded the open basket: the second finds the order of the first."""
        from storefront.services import AlreadyPlaced, basket_lock_for_order

        checkout(shopper, make_product("Brass Desk Lamp"))
        order = Order.objects.get()

        with pytest.raises(AlreadyPlaced):
            basket_lock_for_order(basket=order.basket)

    def test_the_last_units_sold_meanwhile_send_the_customer_back_to_the_basket(self, shopper):
        product = make_product("Last Lamp", num_in_stock=1)
        add_to_basket(shopper, product)
        choose_new_address(shopper)
        choose_shipping_and_payment(shopper, "bank-transfer")
        StockRecord.objects.filter(product=product).update(num_allocated=1)  # someone else bought it

        response = place_order(shopper)

        assert response.status_code == 302 and response.url == reverse("basket:summary")
        assert Order.objects.count() == 0

    def test_stock_taken_between_the_checks_and_the_order_gives_a_clear_message(self, shopper, monkeypatch):
        """The race the row locks close: the stock goes after Oscar's basket checks, before allocation."""
        from storefront.checkout.views import PaymentDetailsView

        product = make_product("Last Lamp", num_in_stock=1)
        add_to_basket(shopper, product)
        choose_new_address(shopper)
        choose_shipping_and_payment(shopper, "bank-transfer")
        original = PaymentDetailsView.handle_payment

        def sold_meanwhile(view, *args, **kwargs):
            StockRecord.objects.filter(product=product).update(num_allocated=1)
            return original(view, *args, **kwargs)

        monkeypatch.setattr(PaymentDetailsView, "handle_payment", sold_meanwhile)

        response = place_order(shopper)

        assert response.status_code == 200
        assert "“Last Lamp” is no longer in stock" in response.context["error"]
        assert Order.objects.count() == 0
        assert StockRecord.objects.get(product=product).num_allocated == 1

    def test_sends_the_confirmation_email_after_commit(self, shopper, customer, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            checkout(shopper, make_product("Brass Desk Lamp"))
        assert mail.outbox == []  # nothing leaves before the order has committed

        for callback in callbacks:
            callback()

        order = Order.objects.get()
        confirmation = [message for message in mail.outbox if order.number in message.subject]
        assert len(confirmation) == 1
        assert confirmation[0].to == [customer.email]
        assert "Bank transfer" in confirmation[0].body
