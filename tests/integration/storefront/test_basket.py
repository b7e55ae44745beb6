"""The basket: stock limits, and its count in the header of shop and CMS pages alike."""

import pytest
from django.urls import reverse
from wagtail.models import Site

from tests.factories import make_product

pytestmark = pytest.mark.django_db


def add(client, product, quantity):
    return client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": quantity}, follow=True)


class BasketStockTests:
    def test_a_quantity_beyond_stock_is_refused_with_a_clear_message(self, client):
        product = make_product("Brass Desk Lamp", num_in_stock=3)

        response = add(client, product, 5)

        messages = " ".join(str(m) for m in response.context["messages"])
        assert "a maximum of 3 can be bought" in messages
        assert response.context["basket"].num_items == 0

    def test_changing_the_quantity_beyond_stock_is_refused(self, client):
        product = make_product("Brass Desk Lamp", num_in_stock=3)
        add(client, product, 2)
        basket = client.get(reverse("basket:summary")).context["basket"]
        line = basket.all_lines()[0]

        response = client.post(
            reverse("basket:summary"),
            {
                "form-TOTAL_FORMS": 1, "form-INITIAL_FORMS": 1, "form-MIN_NUM_FORMS": 0, "form-MAX_NUM_FORMS": 1000,
                "form-0-id": line.pk, "form-0-quantity": 9,
            },
        )

        assert response.status_code == 200
        assert "a maximum of 3 can be bought" in response.content.decode()
        basket.refresh_from_db()
        assert basket.all_lines()[0].quantity == 2


class BasketCountInHeaderTests:
    def test_the_header_of_a_cms_page_shows_the_basket_count(self, client):
        add(client, make_product("Brass Desk Lamp"), 2)
        home = Site.objects.get(is_default_site=True).root_page

        content = client.get(home.url).content.decode()

        assert '<span class="badge badge-light">2</span>' in content
