"""Stock checks at order placement and the low-stock alert."""

import pytest
from oscar.apps.partner.strategy import Default
from oscar.core.loading import get_model

from portal.models import Notification
from storefront.services import OutOfStock, stock_alert_low, stock_reserve_for_basket
from tests.factories import make_product

pytestmark = pytest.mark.django_db

Basket = get_model("basket", "Basket")
StockRecord = get_model("partner", "StockRecord")


def basket_with(user, product, quantity):
    basket = Basket.objects.create(owner=user)
    basket.strategy = Default()
    basket.add_product(product, quantity)
    return basket


class StockReserveTests:
    def test_passes_when_enough_is_free(self, customer):
        product = make_product("Lamp", num_in_stock=5)
        assert stock_reserve_for_basket(basket=basket_with(customer, product, 5)) == {
            StockRecord.objects.get(product=product).pk: 5
        }

    def test_refuses_sold_out_stock(self, customer):
        product = make_product("Lamp", num_in_stock=5)
        basket = basket_with(customer, product, 1)
        StockRecord.objects.filter(product=product).update(num_allocated=5)

        with pytest.raises(OutOfStock, match="“Lamp” is no longer in stock"):
            stock_reserve_for_basket(basket=basket)

    def test_says_how_many_are_left(self, customer):
        product = make_product("Lamp", num_in_stock=5)
        basket = basket_with(customer, product, 4)
        StockRecord.objects.filter(product=product).update(num_allocated=3)

        with pytest.raises(OutOfStock, match="only 2 of “Lamp” are left"):
            stock_reserve_for_basket(basket=basket)


class LowStockAlertTests:
    def test_tells_shop_managers_once_when_free_stock_falls_below_the_threshold(self, settings, shop_manager, customer):
        settings.SHOP_LOW_STOCK_THRESHOLD = 5
        product = make_product("Lamp", num_in_stock=6)
        record = StockRecord.objects.get(product=product)

        StockRecord.objects.filter(pk=record.pk).update(num_allocated=2)
        assert stock_alert_low(free_before={record.pk: 6}) == [record]
        StockRecord.objects.filter(pk=record.pk).update(num_allocated=3)
        assert stock_alert_low(free_before={record.pk: 4}) == []  # already below: no second alert

        alerts = Notification.objects.filter(recipient=shop_manager)
        assert [alert.title for alert in alerts] == ["Low stock: Lamp (4 left)"]
        assert not Notification.objects.filter(recipient=customer).exists()
