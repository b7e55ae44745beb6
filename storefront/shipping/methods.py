"""The shop's shipping methods: a flat rate, and free delivery at or above a basket total."""

from decimal import Decimal

from django.conf import settings
from oscar.apps.shipping.methods import *  # noqa: F401,F403  Oscar's methods stay importable from here
from oscar.apps.shipping.methods import FixedPrice, Free

from storefront.partner.tax import shop_tax_rule


def flat_rate() -> Decimal:
    return Decimal(str(settings.SHOP_FLAT_SHIPPING_RATE))


def free_shipping_threshold() -> Decimal:
    return Decimal(str(settings.SHOP_FREE_SHIPPING_THRESHOLD))


class FlatRateShipping(FixedPrice):
    code = "flat-rate"
    name = "Standard delivery"

    def __init__(self):
        # The rate is entered like shelf prices: tax included, or tax added on top at checkout.
        charge_excl_tax, charge_incl_tax = shop_tax_rule().charge_parts(flat_rate())
        super().__init__(charge_excl_tax=charge_excl_tax, charge_incl_tax=charge_incl_tax)

    @property
    def description(self):
        return f"Delivered in 2 to 4 working days. Free on orders of {free_shipping_threshold()} or more."


class FreeShipping(Free):
    code = "free-over-threshold"
    name = "Free delivery"

    @property
    def description(self):
        return f"Free on orders of {free_shipping_threshold()} or more, delivered in 2 to 4 working days."
