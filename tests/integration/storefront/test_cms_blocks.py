"""The CMS product blocks (storefront.blocks) and the product chooser of the page editor."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.apps.basket.middleware import BasketMiddleware

from storefront.blocks import CategoryProductsBlock, FeaturedProductsBlock
from tests.factories import make_category, make_product

pytestmark = pytest.mark.django_db


def render(block, raw_value):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    request.session = {}
    BasketMiddleware(lambda request: HttpResponse())(request)  # as on a page: request.strategy, request.basket
    request.basket.id  # the empty basket is read here, not counted below
    value = block.to_python(raw_value)
    block.render(value, context={"request": request})  # warm sorl-thumbnail's key-value store, as a page view would
    with CaptureQueriesContext(connection) as queries:
        html = block.render(value, context={"request": request})
    return html, len(queries)


class FeaturedProductsBlockTests:
    def test_renders_the_chosen_products_in_the_chosen_order(self):
        lamp, mug = make_product("Brass Desk Lamp", image=True), make_product("Enamel Mug", image=True)

        html, _ = render(FeaturedProductsBlock(), {"heading": "Our picks", "products": [mug.pk, lamp.pk]})

        assert "Our picks" in html
        assert html.index("Enamel Mug") < html.index("Brass Desk Lamp")
        assert f'/shop/basket/add/{mug.pk}/' in html

    def test_leaves_out_products_no_longer_on_sale(self):
        lamp = make_product("Brass Desk Lamp")
        hidden = make_product("Hidden", is_public=False)

        html, _ = render(FeaturedProductsBlock(), {"heading": "Picks", "products": [lamp.pk, hidden.pk]})

        assert "Brass Desk Lamp" in html and "Hidden" not in html

    def test_costs_the_same_queries_for_one_product_and_eight(self):
        products = [make_product(f"Product {n}", image=True) for n in range(8)]

        _, one = render(FeaturedProductsBlock(), {"heading": "", "products": [products[0].pk]})
        _, eight = render(FeaturedProductsBlock(), {"heading": "", "products": [p.pk for p in products]})

        assert one == eight


class CategoryProductsBlockTests:
    def test_renders_the_newest_products_of_the_category_and_its_subcategories(self):
        clothing = make_category("Clothing")
        tees = make_category("T-shirts", clothing)
        make_product("Old Tee", categories=[tees])
        make_product("New Hoodie", categories=[clothing])
        make_product("Lamp")

        html, _ = render(CategoryProductsBlock(), {"heading": "", "category": clothing.pk, "count": 4})

        assert "Clothing" in html  # the heading defaults to the category's name
        assert html.index("New Hoodie") < html.index("Old Tee")
        assert "Lamp" not in html
        assert clothing.get_absolute_url() in html

    def test_shows_at_most_count_products_with_constant_queries(self):
        books = make_category("Books")
        for n in range(6):
            make_product(f"Book {n}", categories=[books], image=True)

        html, two_queries = render(CategoryProductsBlock(), {"heading": "Read", "category": books.pk, "count": 2})
        _, six_queries = render(CategoryProductsBlock(), {"heading": "Read", "category": books.pk, "count": 6})

        assert html.count('class="product_pod"') == 2
        assert two_queries == six_queries


class ProductChooserTests:
    def test_editors_choose_products_by_title(self, client, editor):
        make_product("Brass Desk Lamp")
        make_product("Enamel Mug")
        client.force_login(editor)

        response = client.get(reverse("storefront_product_chooser:choose_results"), {"q": "lamp"})

        assert response.status_code == 200
        content = response.content.decode()
        assert "Brass Desk Lamp" in content and "Enamel Mug" not in content

    def test_the_category_chooser_lists_categories(self, client, editor):
        make_category("Stationery")
        client.force_login(editor)

        response = client.get(reverse("storefront_category_chooser:choose"))

        assert response.status_code == 200
        assert "Stationery" in response.json()["html"]

    def test_customers_cannot_use_the_chooser(self, client, customer):
        client.force_login(customer)

        assert client.get(reverse("storefront_product_chooser:choose")).status_code in (302, 403)
