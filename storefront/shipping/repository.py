from decimal import Decimal

from oscar.apps.shipping import repository

from storefront.partner.tax import shop_tax_rule

from .methods import FlatRateShipping, FreeShipping, free_shipping_threshold


def qualifies_for_free_shipping(basket) -> bool:
    """Whether the basket reaches the threshold, counted in shelf prices (what the customer sees).

    Tax-inclusive shops count the total with tax; shops that add tax at checkout count it
    before tax, so adding the tax at checkout never changes the delivery chosen before.
    """
    total = basket.total_incl_tax if shop_tax_rule().prices_include_tax and basket.is_tax_known else basket.total_excl_tax
    return (total or Decimal("0")) >= free_shipping_threshold()


class Repository(repository.Repository):
    """Flat-rate delivery, or free delivery once the basket reaches SHOP_FREE_SHIPPING_THRESHOLD."""

    def get_available_shipping_methods(self, basket, shipping_addr=None, **kwargs):
        if qualifies_for_free_shipping(basket):
            return [FreeShipping()]
        return [FlatRateShipping()]
