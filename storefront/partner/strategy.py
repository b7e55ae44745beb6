"""How the shop prices a product: Oscar's structured strategies, picked by the tax rule in settings.

``Selector.strategy`` is asked once per request (by Oscar's basket middleware) and returns:

- ``TaxInclusive``: shelf prices include tax at the shop's rate (the default, 20 % VAT);
- ``TaxOnTop``: shelf prices are before tax; Oscar's ``DeferredTax`` leaves the tax unknown
  until the checkout adds it (``storefront.partner.tax.apply_tax_at_checkout``);
- ``NoTaxStrategy``: the rate is 0.

All of them take the first stock record and need stock, like Oscar's ``Default``, and read
nothing but settings and what is already loaded: a listing that prefetches stock records
(``storefront.selectors``) costs no query per product.
"""

from decimal import ROUND_HALF_UP

from oscar.apps.partner.strategy import *  # noqa: F401,F403  Oscar's classes stay importable from here
from oscar.apps.partner.strategy import (
    DeferredTax,
    FixedRateTax,
    NoTax,
    StockRequired,
    Structured,
    UnavailablePrice,
    UseFirstStockRecord,
)
from oscar.core.loading import get_class

from .tax import CENT, shop_tax_rule

TaxInclusiveFixedPrice = get_class("partner.prices", "TaxInclusiveFixedPrice")


class Selector:
    def strategy(self, request=None, user=None, **kwargs):
        rule = shop_tax_rule()
        if not rule.charges_tax:
            return NoTaxStrategy(request)
        if rule.prices_include_tax:
            return TaxInclusive(request, rate=rule.rate)
        return TaxOnTop(request)


class TaxIncludedInPrice(FixedRateTax):
    """Pricing mixin: the stock record's price includes tax at ``rate``; the tax is worked out of it.

    Oscar's ``FixedRateTax`` adds the tax on top of the price. Here the price incl. tax is
    the shelf price to the cent, and the price excl. tax is rounded to the cent, so
    quantities and totals add up to the shelf prices the customer saw.
    """

    exponent = CENT

    def pricing_policy(self, product, stockrecord):
        if not stockrecord or stockrecord.price is None:
            return UnavailablePrice()
        return self._price_including_tax(product, stockrecord)

    def parent_pricing_policy(self, product, children_stock):
        stockrecords = [stockrecord for _, stockrecord in children_stock if stockrecord is not None]
        if not stockrecords or stockrecords[0].price is None:
            return UnavailablePrice()
        # Like Oscar: a parent shows the price of its first child with stock.
        return self._price_including_tax(product, stockrecords[0])

    def _price_including_tax(self, product, stockrecord):
        rate = self.get_rate(product, stockrecord)
        gross = stockrecord.price
        net = (gross / (1 + rate)).quantize(self.get_exponent(stockrecord), rounding=ROUND_HALF_UP)
        return TaxInclusiveFixedPrice(currency=stockrecord.price_currency, excl_tax=net, tax=gross - net)


class TaxInclusive(UseFirstStockRecord, StockRequired, TaxIncludedInPrice, Structured):
    def __init__(self, request=None, *, rate):
        super().__init__(request)
        self.rate = rate


class TaxOnTop(UseFirstStockRecord, StockRequired, DeferredTax, Structured):
    """Prices before tax; the checkout adds the tax once it knows the delivery."""


class NoTaxStrategy(UseFirstStockRecord, StockRequired, NoTax, Structured):
    """No tax: Oscar's ``Default``."""
