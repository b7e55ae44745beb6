"""storefront.partner: the tax rule from settings, the pricing strategies it picks, and delivery under each rule."""

from decimal import Decimal

import pytest
from django.core.exceptions import ImproperlyConfigured
from oscar.core.loading import get_class, get_model

from storefront.partner.strategy import NoTaxStrategy, Selector, TaxInclusive, TaxOnTop
from storefront.partner.tax import apply_tax_at_checkout, shop_tax_rule
from storefront.shipping.methods import FlatRateShipping
from storefront.shipping.repository import Repository
from tests.factories import make_product

Basket = get_model("basket", "Basket")
Product = get_model("catalogue", "Product")


@pytest.fixture
def vat_included(settings):
    settings.SHOP_PRICES_INCLUDE_TAX = True
    settings.SHOP_TAX_RATE = Decimal("0.20")
    settings.SHOP_TAX_NAME = "VAT"


@pytest.fixture
def tax_on_top(settings):
    settings.SHOP_PRICES_INCLUDE_TAX = False
    settings.SHOP_TAX_RATE = Decimal("0.20")
    settings.SHOP_TAX_NAME = "Sales tax"


@pytest.fixture
def no_tax(settings):
    settings.SHOP_TAX_RATE = Decimal("0")


@pytest.fixture
def shipping_rates(settings):
    settings.SHOP_FLAT_SHIPPING_RATE = "4.95"
    settings.SHOP_FREE_SHIPPING_THRESHOLD = "50.00"


def basket_with(product, quantity=1):
    basket = Basket.objects.create()
    basket.strategy = Selector().strategy()
    basket.add_product(product, quantity)
    return basket


class TaxRuleTests:
    def test_defaults_are_prices_including_twenty_percent_vat(self):
        rule = shop_tax_rule()

        assert (rule.rate, rule.prices_include_tax, rule.name) == (Decimal("0.20"), True, "VAT")
        assert rule.label == "VAT (20%)"
        assert not rule.show_tax_separately

    def test_a_rate_given_as_a_string_from_the_environment_is_read_as_a_decimal(self, settings):
        settings.SHOP_TAX_RATE = "0.0725"

        assert shop_tax_rule().percent == "7.25"

    @pytest.mark.parametrize("rate", ["20", "1", "-0.1", "twenty", "NaN"])
    def test_refuses_a_rate_that_is_not_a_fraction(self, settings, rate):
        settings.SHOP_TAX_RATE = rate

        with pytest.raises(ImproperlyConfigured, match="SHOP_TAX_RATE"):
            shop_tax_rule()

    def test_works_the_tax_out_of_an_inclusive_amount_to_the_cent(self, vat_included):
        rule = shop_tax_rule()

        assert rule.charge_parts(Decimal("24.00")) == (Decimal("20.00"), Decimal("24.00"))
        assert rule.charge_parts(Decimal("4.95")) == (Decimal("4.13"), Decimal("4.95"))

    def test_leaves_the_tax_of_an_amount_before_tax_to_the_checkout(self, tax_on_top):
        rule = shop_tax_rule()

        assert rule.charge_parts(Decimal("4.95")) == (Decimal("4.95"), None)
        assert rule.tax_on(Decimal("4.95")) == Decimal("0.99")
        assert rule.show_tax_separately and rule.is_added_at_checkout


@pytest.mark.django_db
class StrategyTests:
    def test_prices_include_tax_by_default(self, vat_included):
        strategy = Selector().strategy()
        price = strategy.fetch_for_product(make_product("Lamp", price="24.00")).price

        assert isinstance(strategy, TaxInclusive)
        assert price.is_tax_known
        assert (price.excl_tax, price.tax, price.incl_tax) == (Decimal("20.00"), Decimal("4.00"), Decimal("24.00"))

    def test_an_inclusive_price_stays_the_shelf_price_when_the_tax_is_rounded(self, vat_included):
        price = Selector().strategy().fetch_for_product(make_product("Pen", price="9.99")).price

        assert (price.excl_tax, price.tax, price.incl_tax) == (Decimal("8.33"), Decimal("1.66"), Decimal("9.99"))

    def test_a_parent_is_priced_from_its_first_child_with_tax_included(self, vat_included):
        parent = make_product("Tee", price=None, structure=Product.PARENT)
        make_product("Small tee", price="12.00", structure=Product.CHILD, parent=parent)

        price = Selector().strategy().fetch_for_parent(parent).price

        assert (price.excl_tax, price.incl_tax) == (Decimal("10.00"), Decimal("12.00"))

    def test_tax_on_top_is_unknown_until_checkout(self, tax_on_top):
        strategy = Selector().strategy()
        price = strategy.fetch_for_product(make_product("Lamp", price="24.00")).price

        assert isinstance(strategy, TaxOnTop)
        assert price.excl_tax == Decimal("24.00")
        assert not price.is_tax_known

    def test_checkout_adds_the_tax_on_top_to_lines_and_delivery(self, tax_on_top, shipping_rates):
        basket = basket_with(make_product("Lamp", price="12.50"), quantity=2)
        charge = FlatRateShipping().calculate(basket)
        assert not basket.is_tax_known and not charge.is_tax_known

        assert apply_tax_at_checkout(basket=basket, shipping_charge=charge)

        assert basket.is_tax_known
        assert (basket.total_excl_tax, basket.total_tax, basket.total_incl_tax) == (
            Decimal("25.00"),
            Decimal("5.00"),
            Decimal("30.00"),
        )
        assert (charge.excl_tax, charge.incl_tax) == (Decimal("4.95"), Decimal("5.94"))

    def test_checkout_adds_nothing_when_prices_include_tax(self, vat_included):
        basket = basket_with(make_product("Lamp", price="24.00"))

        assert not apply_tax_at_checkout(basket=basket)
        assert basket.total_incl_tax == Decimal("24.00")

    def test_a_zero_rate_charges_no_tax(self, no_tax):
        strategy = Selector().strategy()
        price = strategy.fetch_for_product(make_product("Lamp", price="24.00")).price

        assert isinstance(strategy, NoTaxStrategy)
        assert (price.excl_tax, price.tax, price.incl_tax) == (Decimal("24.00"), Decimal("0.00"), Decimal("24.00"))

    def test_oscar_loads_our_selector(self):
        assert get_class("partner.strategy", "Selector") is Selector


@pytest.mark.django_db
class DeliveryUnderTheTaxRuleTests:
    def test_the_flat_rate_includes_vat_like_shelf_prices(self, vat_included, shipping_rates):
        charge = FlatRateShipping().calculate(basket_with(make_product("Mug", price="12.00")))

        assert (charge.excl_tax, charge.tax, charge.incl_tax) == (Decimal("4.13"), Decimal("0.82"), Decimal("4.95"))

    def test_free_delivery_counts_prices_with_vat_when_they_include_it(self, vat_included, shipping_rates):
        basket = basket_with(make_product("Kettle", price="54.00"))  # 45.00 before VAT

        assert Repository().get_shipping_methods(basket)[0].code == "free-over-threshold"

    def test_free_delivery_counts_prices_before_tax_when_tax_goes_on_top(self, tax_on_top, shipping_rates):
        basket = basket_with(make_product("Kettle", price="45.00"))
        apply_tax_at_checkout(basket=basket)  # 54.00 with tax: the delivery chosen before must not change

        assert Repository().get_shipping_methods(basket)[0].code == "flat-rate"


def test_a_wrong_rate_fails_the_system_checks(settings):
    from storefront.partner.apps import check_tax_settings

    assert check_tax_settings() == []
    settings.SHOP_TAX_RATE = "20"

    assert [error.id for error in check_tax_settings()] == ["storefront.E001"]
