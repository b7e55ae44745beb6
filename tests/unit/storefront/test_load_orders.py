"""storefront.demo.load_orders: the demo customer's orders, reviews and wish list, made once."""

import io

import pytest
from oscar.core.loading import get_model

from portal.demo import load_users
from storefront.demo import load_catalogue, load_orders

pytestmark = pytest.mark.django_db

Order = get_model("order", "Order")
ProductReview = get_model("reviews", "ProductReview")
WishList = get_model("wishlists", "WishList")


@pytest.fixture
def demo_shop():
    load_users()
    load_catalogue()


class LoadOrdersTests:
    def test_makes_orders_in_every_status_with_reviews_and_a_wish_list(self, demo_shop):
        out = io.StringIO()
        load_orders(stdout=out)

        orders = Order.objects.filter(user__email="customer@example.com")
        assert set(orders.values_list("status", flat=True)) == {
            "Pending payment", "Processing", "Shipped", "Delivered", "Cancelled"
        }
        shipped = orders.get(status="Shipped")
        assert shipped.shipments.get().carrier == "Royal Mail"
        assert ProductReview.objects.filter(status=ProductReview.APPROVED).count() == 2
        assert ProductReview.objects.filter(status=ProductReview.FOR_MODERATION).count() == 1
        assert WishList.objects.get(owner__email="customer@example.com").lines.count() == 3
        assert "5 orders" in out.getvalue()

    def test_a_second_run_creates_nothing(self, demo_shop):
        load_orders()
        before = (Order.objects.count(), ProductReview.objects.count(), WishList.objects.count())

        load_orders()

        assert (Order.objects.count(), ProductReview.objects.count(), WishList.objects.count()) == before
