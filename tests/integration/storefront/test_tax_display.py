"""Prices and totals follow the shop's tax rule the same way on every page: card, product page, basket, checkout, order.

A 24.00 lamp with the 4.95 flat delivery:

- prices include 20 % VAT (the default): the customer pays 28.95, of which 4.82 is VAT
  (4.00 on the lamp, 0.82 on the delivery);
- tax on top at 20 %: 28.95 before tax, 5.79 tax added at checkout, 34.74 to pay;
- no tax: 28.95, no tax line.
"""

import html
import re
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from oscar.core.loading import get_model

from tests.factories import make_product
from tests.integration.storefront.checkout_steps import (
    add_to_basket,
    choose_new_address,
    choose_shipping_and_payment,
    place_order,
)

pytestmark = pytest.mark.django_db

Order = get_model("order", "Order")


@pytest.fixture(autouse=True)
def shipping_rates(settings):
    settings.SHOP_FLAT_SHIPPING_RATE = "4.95"
    settings.SHOP_FREE_SHIPPING_THRESHOLD = "50.00"


@pytest.fixture
def vat_included(settings):
    settings.SHOP_PRICES_INCLUDE_TAX = True
    settings.SHOP_TAX_RATE = Decimal("0.20")
    settings.SHOP_TAX_NAME = "VAT"


@pytest.fixture
def tax_on_top(settings):
    settings.SHOP_PRICES_INCLUDE_TAX = False
    settings.SHOP_TAX_RATE = Decimal("0.20")
    settings.SHOP_TAX_NAME = "VAT"


@pytest.fixture
def no_tax(settings):
    settings.SHOP_TAX_RATE = Decimal("0")


@pytest.fixture
def shopper(client, customer):
    client.force_login(customer)
    return client


@pytest.fixture
def lamp(db):
    return make_product("Brass Desk Lamp", price="24.00")


def text(response):
    """The page's text with tags dropped and white space collapsed, to read amounts next to their labels."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


def card_price(client, product):
    page = text(client.get(reverse("catalogue:index")))
    return re.search(r"£[\d.]+( (incl\.|plus) VAT)?", page[page.index(product.title):]).group(0)


def checkout_to_preview(shopper, product):
    add_to_basket(shopper, product)
    choose_new_address(shopper)
    return choose_shipping_and_payment(shopper, "bank-transfer")


def place(shopper, product, django_capture_on_commit_callbacks):
    checkout_to_preview(shopper, product)
    with django_capture_on_commit_callbacks(execute=True):
        response = place_order(shopper)
    assert response.status_code == 302 and response.url == reverse("checkout:thank-you"), response
    return Order.objects.get(), shopper.get(response.url)


def confirmation_email(order):
    return next(message for message in mail.outbox if order.number in message.subject)


class PricesIncludingVatTests:
    def test_the_card_and_product_page_show_the_price_with_vat_and_its_parts(self, vat_included, client, lamp):
        assert card_price(client, lamp) == "£24.00 incl. VAT"

        page = text(client.get(lamp.get_absolute_url()))
        assert "£24.00 incl. VAT" in page
        assert "Price (excl. tax) £20.00" in page
        assert "Price (incl. tax) £24.00" in page
        assert "Tax £4.00" in page

    def test_the_basket_says_how_much_of_the_total_is_vat(self, vat_included, shopper, lamp):
        add_to_basket(shopper, lamp)

        page = text(shopper.get(reverse("basket:summary")))

        assert "Order total £28.95" in page
        assert "Includes VAT (20%) £4.82" in page

    def test_the_preview_shows_the_same_totals(self, vat_included, shopper, lamp):
        page = text(checkout_to_preview(shopper, lamp))

        assert "Order total £28.95" in page
        assert "Includes VAT (20%) £4.82" in page

    def test_the_order_confirmation_account_page_and_email_agree(
        self, vat_included, shopper, lamp, django_capture_on_commit_callbacks
    ):
        order, thank_you = place(shopper, lamp, django_capture_on_commit_callbacks)

        assert (order.total_incl_tax, order.total_excl_tax, order.total_tax) == (
            Decimal("28.95"),
            Decimal("24.13"),
            Decimal("4.82"),
        )
        line = order.lines.get()
        assert (line.unit_price_excl_tax, line.unit_price_incl_tax) == (Decimal("20.00"), Decimal("24.00"))
        assert (order.shipping_excl_tax, order.shipping_incl_tax) == (Decimal("4.13"), Decimal("4.95"))
        assert "Order total £28.95 Includes VAT £4.82" in text(thank_you)
        account = text(shopper.get(reverse("customer:order", kwargs={"order_number": order.number})))
        assert "Order total £28.95 Includes VAT £4.82" in account
        body = confirmation_email(order).body
        assert "Order total: £28.95\nIncludes VAT: £4.82" in body


class TaxOnTopTests:
    def test_the_card_shows_the_price_before_tax(self, tax_on_top, client, lamp):
        assert card_price(client, lamp) == "£24.00 plus VAT"

    def test_the_basket_shows_amounts_before_tax_and_says_checkout_adds_it(self, tax_on_top, shopper, lamp):
        add_to_basket(shopper, lamp)

        page = text(shopper.get(reverse("basket:summary")))

        assert "Order total £28.95" in page
        assert "VAT (20%) is added at checkout." in page

    def test_the_preview_adds_the_tax_once_the_delivery_is_known(self, tax_on_top, shopper, lamp):
        page = text(checkout_to_preview(shopper, lamp))

        assert "Basket total £24.00" in page
        assert "Standard delivery £4.95" in page
        assert "Tax Basket £4.80 Shipping £0.99" in page
        assert "Order total £34.74" in page

    def test_the_order_charges_the_tax_and_every_page_shows_it(
        self, tax_on_top, shopper, lamp, django_capture_on_commit_callbacks
    ):
        order, thank_you = place(shopper, lamp, django_capture_on_commit_callbacks)

        assert (order.total_excl_tax, order.total_tax, order.total_incl_tax) == (
            Decimal("28.95"),
            Decimal("5.79"),
            Decimal("34.74"),
        )
        assert order.sources.get().amount_allocated == Decimal("34.74")  # the bank transfer asks for the total with tax
        assert "Order tax £5.79 Order total £34.74" in text(thank_you)
        account = text(shopper.get(reverse("customer:order", kwargs={"order_number": order.number})))
        assert "VAT £5.79 Order total £34.74" in account
        body = confirmation_email(order).body
        assert "VAT: £5.79\nOrder total: £34.74" in body

    def test_the_delivery_chosen_before_tax_is_kept_when_the_tax_is_added(self, tax_on_top, shopper, django_capture_on_commit_callbacks):
        kettle = make_product("Kettle", price="45.00")  # 54.00 with tax, above the free delivery threshold

        order, _ = place(shopper, kettle, django_capture_on_commit_callbacks)

        assert order.shipping_code == "flat-rate"
        assert order.total_incl_tax == Decimal("59.94")


class NoTaxTests:
    def test_prices_and_totals_have_no_tax_line(self, no_tax, shopper, lamp, django_capture_on_commit_callbacks):
        assert card_price(shopper, lamp) == "£24.00"

        order, thank_you = place(shopper, lamp, django_capture_on_commit_callbacks)

        assert (order.total_incl_tax, order.total_tax) == (Decimal("28.95"), Decimal("0.00"))
        assert "Includes VAT" not in text(thank_you)


@pytest.mark.parametrize(
    "include_tax, rate", [(True, "0.20"), (False, "0.20"), (True, "0")], ids=["vat-included", "tax-on-top", "no-tax"]
)
def test_the_catalogue_costs_the_same_queries_for_1_and_20_products_under_every_rule(client, settings, include_tax, rate):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    Product = get_model("catalogue", "Product")
    settings.SHOP_PRICES_INCLUDE_TAX = include_tax
    settings.SHOP_TAX_RATE = Decimal(rate)
    url = reverse("catalogue:index")

    def queries():
        client.get(url)  # warm the thumbnail cache
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        return len(captured), response

    parent = make_product("Tee", price=None, structure=Product.PARENT)
    make_product("Small tee", price="12.00", structure=Product.CHILD, parent=parent)
    one, _ = queries()
    for n in range(19):
        make_product(f"Lamp {n}", price="24.00", image=True)

    twenty, response = queries()

    assert len(response.context["products"]) == 20
    assert twenty == one
    assert ("incl. VAT" in response.content.decode()) == (include_tax and rate != "0")
