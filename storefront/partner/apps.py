import oscar.apps.partner.apps as apps
from django.core import checks
from django.core.exceptions import ImproperlyConfigured


class PartnerConfig(apps.PartnerConfig):
    # Forked for the pricing strategy (storefront.partner.strategy): prices with the shop's tax rule.
    name = "storefront.partner"

    def ready(self):
        super().ready()
        checks.register(check_tax_settings)


def check_tax_settings(app_configs=None, **kwargs):
    """A wrong SHOP_TAX_RATE stops `manage.py check` and the server start, not the first customer."""
    from .tax import shop_tax_rule

    try:
        shop_tax_rule()
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="storefront.E001")]
    return []
