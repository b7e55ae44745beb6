"""The shop's tax rule, read from settings: one rate, and whether shelf prices already include it.

- ``SHOP_PRICES_INCLUDE_TAX = True`` (most EU shops, the default): the price a shop manager
  enters in the dashboard is what the customer pays; the tax is the part of it at
  ``SHOP_TAX_RATE`` (24.00 at 20 % is 20.00 plus 4.00 VAT). Prices everywhere include tax,
  and the basket, checkout and order say how much of the total is tax.
- ``SHOP_PRICES_INCLUDE_TAX = False`` (US shops): the price entered is before tax; the
  catalogue and basket show it with "plus tax", and the tax at ``SHOP_TAX_RATE`` is added
  on top at checkout, once the delivery is known (where a per-address rate would plug in).
- ``SHOP_TAX_RATE = 0``: no tax at all (Oscar's default).

The flat delivery charge (``SHOP_FLAT_SHIPPING_RATE``) follows the same rule as shelf prices.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

CENT = Decimal("0.01")


@dataclass(frozen=True)
class TaxRule:
    rate: Decimal
    prices_include_tax: bool
    name: str

    @property
    def charges_tax(self) -> bool:
        return self.rate > 0

    @property
    def is_added_at_checkout(self) -> bool:
        """Tax on top of shelf prices: unknown in the catalogue and basket, added at checkout."""
        return self.charges_tax and not self.prices_include_tax

    @property
    def show_tax_separately(self) -> bool:
        """What Oscar's templates call ``show_tax_separately``: amounts before tax, then a tax line."""
        return self.is_added_at_checkout

    @property
    def percent(self) -> str:
        """The rate as people write it: "20", "7.25"."""
        percent = (self.rate * 100).normalize()
        return f"{percent:f}"

    @property
    def label(self) -> str:
        """The tax with its rate, for a totals line: "VAT (20%)"."""
        return f"{self.name} ({self.percent}%)"

    def net_of(self, gross: Decimal) -> Decimal:
        """The part of a tax-inclusive amount before tax, to the cent (the tax is the rest)."""
        return (Decimal(gross) / (1 + self.rate)).quantize(CENT, rounding=ROUND_HALF_UP)

    def tax_on(self, net: Decimal) -> Decimal:
        """The tax to add on top of an amount before tax, to the cent."""
        return (Decimal(net) * self.rate).quantize(CENT, rounding=ROUND_HALF_UP)

    def charge_parts(self, amount: Decimal) -> tuple[Decimal, Decimal | None]:
        """(excl. tax, incl. tax) of an amount entered the way shelf prices are; incl. is None until checkout."""
        amount = Decimal(amount)
        if not self.charges_tax:
            return amount, amount
        if self.prices_include_tax:
            return self.net_of(amount), amount
        return amount, None


def shop_tax_rule() -> TaxRule:
    """The rule from SHOP_TAX_RATE, SHOP_PRICES_INCLUDE_TAX and SHOP_TAX_NAME (no database access)."""
    raw_rate = getattr(settings, "SHOP_TAX_RATE", Decimal("0"))
    try:
        rate = Decimal(str(raw_rate).strip() or "0")
    except InvalidOperation as error:
        raise ImproperlyConfigured(f"SHOP_TAX_RATE must be a decimal fraction such as 0.20, not {raw_rate!r}.") from error
    if not rate.is_finite() or not Decimal("0") <= rate < Decimal("1"):
        raise ImproperlyConfigured(f"SHOP_TAX_RATE must be a fraction from 0 to below 1 (0.20 for 20%), not {raw_rate!r}.")
    return TaxRule(
        rate=rate,
        prices_include_tax=bool(getattr(settings, "SHOP_PRICES_INCLUDE_TAX", True)),
        name=getattr(settings, "SHOP_TAX_NAME", "VAT") or "Tax",
    )


def apply_tax_at_checkout(*, basket, shipping_charge=None, rule: TaxRule | None = None) -> bool:
    """Add the tax to the basket lines and the delivery charge when it goes on top of shelf prices.

    Changes the basket's lines (their price policies, for this request) and the charge in
    place, as Oscar's checkout expects (its ``build_submission`` docstring): from then on
    ``basket.total_incl_tax`` and the order total include the tax. Idempotent. Returns
    whether it added anything.
    """
    rule = rule or shop_tax_rule()
    if not rule.is_added_at_checkout:
        return False
    for line in basket.all_lines():
        price = line.purchase_info.price
        if price.exists and price.excl_tax is not None:
            price.tax = rule.tax_on(price.excl_tax)
    if shipping_charge is not None and shipping_charge.excl_tax is not None:
        shipping_charge.tax = rule.tax_on(shipping_charge.excl_tax)
    return True
