"""``{% shop_tax as tax %}``: the shop's tax rule (storefront.partner.tax) for price and totals templates.

Settings only, no query: safe on every product card of a listing.
"""

from django import template

from storefront.partner.tax import shop_tax_rule

register = template.Library()


@register.simple_tag
def shop_tax():
    return shop_tax_rule()
