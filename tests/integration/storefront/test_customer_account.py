"""The customer's account pages of the shop: order history and detail, addresses, wish lists."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model

from storefront.services import order_set_status
from tests.factories import make_order, make_product, make_user_address

pytestmark = pytest.mark.django_db

WishList = get_model("wishlists", "WishList")


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


class OrderHistoryTests:
    def test_lists_the_customers_orders_with_status_and_item_count(self, client, customer, other_customer):
        mine = make_order(customer, status="Processing", quantity=2)
        make_order(other_customer)
        client.force_login(customer)

        response = client.get(reverse("customer:order-list"))

        assert [order.number for order in response.context["orders"]] == [mine.number]
        content = response.content.decode()
        assert "Processing" in content
        assert response.context["orders"][0].item_count == 2

    def test_costs_the_same_queries_for_one_order_and_twenty(self, client, customer):
        product = make_product("Lamp", num_in_stock=100)
        make_order(customer, product=product)
        client.force_login(customer)
        url = reverse("customer:order-list")
        client.get(url)  # warm caches (site, session)
        one = count_queries(client, url)

        for _ in range(19):
            make_order(customer, product=product)
        twenty = count_queries(client, url)

        assert one == twenty


class OrderDetailTests:
    def test_shows_status_history_and_tracking(self, client, customer, shop_manager):
        order = make_order(customer, status="Processing")
        order_set_status(order=order, status="Shipped", actor=shop_manager, carrier="Royal Mail", tracking="RM42GB")
        client.force_login(customer)

        response = client.get(reverse("customer:order", kwargs={"order_number": order.number}))

        content = response.content.decode()
        assert "RM42GB" in content and "Royal Mail" in content
        assert [change.new_status for change in response.context["status_history"]] == ["Shipped"]

    def test_another_customers_order_is_not_found(self, client, customer, other_customer):
        order = make_order(other_customer)
        client.force_login(customer)

        assert client.get(reverse("customer:order", kwargs={"order_number": order.number})).status_code == 404


class AddressAndWishListIsolationTests:
    def test_another_customers_address_is_not_found(self, client, customer, other_customer):
        address = make_user_address(other_customer)
        client.force_login(customer)

        assert client.get(reverse("customer:address-detail", kwargs={"pk": address.pk})).status_code == 404
        assert client.post(reverse("customer:address-delete", kwargs={"pk": address.pk})).status_code == 404

    def test_another_customers_wish_list_cannot_be_edited(self, client, customer, other_customer):
        wishlist = WishList.objects.create(owner=other_customer, name="Birthday", visibility=WishList.PRIVATE)
        client.force_login(customer)

        assert client.get(reverse("customer:wishlists-detail", kwargs={"key": wishlist.key})).status_code == 404
        assert client.get(reverse("customer:wishlists-update", kwargs={"key": wishlist.key})).status_code == 404

    def test_own_wish_list_is_shown(self, client, customer):
        wishlist = WishList.objects.create(owner=customer, name="Birthday")
        wishlist.add(make_product("Lamp"))
        client.force_login(customer)

        response = client.get(reverse("customer:wishlists-detail", kwargs={"key": wishlist.key}))

        assert response.status_code == 200
        assert "Lamp" in response.content.decode()
