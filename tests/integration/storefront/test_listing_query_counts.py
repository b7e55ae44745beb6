"""Listing pages run a fixed number of queries, whatever the number of products.

Product cards read images, stock records and the product class from what
storefront.selectors.product_list prefetched. Each page is requested once before it
is measured: sorl-thumbnail generates a thumbnail and records it in its key-value
store (database and cache) the first time an image is shown, and reads it from the
cache after that.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import make_category, make_products

pytestmark = pytest.mark.django_db

# An anonymous visitor: count, page of products, images, stock records, public
# children (of parents), category sidebar. The Wagtail site (header menu) and the site
# settings (footer) come from the cache after the first request (portal.sites), and the
# product cards too (storefront.templatetags.product_cards).
BROWSE_PAGE_QUERIES = 6


def _queries(client, url, params=None):
    client.get(url, params)  # warm the thumbnail cache
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured), response


@pytest.mark.parametrize("count", [1, 50])
def test_browse_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries, count):
    make_products(count, image=True)
    url = reverse("catalogue:index")
    client.get(url)  # warm the thumbnail cache

    with django_assert_num_queries(BROWSE_PAGE_QUERIES):
        response = client.get(url)

    assert len(response.context["products"]) == min(count, 20)


def test_category_page_costs_the_same_for_1_and_50_products(client):
    category = make_category("Clothing")
    make_products(1, image=True, categories=[category])
    one, _ = _queries(client, category.get_absolute_url())
    make_products(49, image=True, categories=[category])

    fifty, response = _queries(client, category.get_absolute_url())

    assert response.context["paginator"].count == 50
    assert fifty == one


def test_search_page_costs_the_same_for_1_and_50_products(client):
    make_products(1, image=True)
    params = {"q": "product", "sort_by": "price-desc"}
    one, _ = _queries(client, reverse("search:search"), params)
    make_products(49, image=True)

    fifty, response = _queries(client, reverse("search:search"), params)

    assert response.context["paginator"].count == 50
    assert fifty == one


def test_signed_in_customer_costs_the_same_for_1_and_50_products(client, customer):
    client.force_login(customer)
    make_products(1, image=True)
    one, _ = _queries(client, reverse("catalogue:index"))
    make_products(49, image=True)

    fifty, _ = _queries(client, reverse("catalogue:index"))

    assert fifty == one
