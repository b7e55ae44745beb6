"""Product search at /shop/search/ (storefront.search.views.FacetedSearchView), on the ORM."""

import pytest
from django.urls import reverse

from tests.factories import make_category, make_product, titles

pytestmark = pytest.mark.django_db

SEARCH_URL = reverse("search:search")


class FacetedSearchViewTests:
    def test_finds_by_title_and_not_others(self, client):
        make_product("Brass Desk Lamp")
        make_product("Cast Iron Skillet")

        response = client.get(SEARCH_URL, {"q": "lamp"})

        assert response.status_code == 200
        assert titles(response) == ["Brass Desk Lamp"]
        assert 'Products matching "lamp"' in response.content.decode()

    def test_finds_by_description_upc_and_category_name(self, client):
        kitchen = make_category("Kitchen")
        make_product("Skillet", categories=[kitchen])
        make_product("Mug", description="<p>Enamel, chip resistant.</p>")
        make_product("Pen", upc="5012345678900")
        make_product("Unrelated")

        assert titles(client.get(SEARCH_URL, {"q": "kitchen"})) == ["Skillet"]
        assert titles(client.get(SEARCH_URL, {"q": "enamel"})) == ["Mug"]
        assert titles(client.get(SEARCH_URL, {"q": "5012345678900"})) == ["Pen"]

    def test_every_word_must_match(self, client):
        make_product("Brass Desk Lamp")
        make_product("Brass Fountain Pen")

        assert titles(client.get(SEARCH_URL, {"q": "brass lamp"})) == ["Brass Desk Lamp"]

    def test_leaves_out_non_public_products(self, client):
        make_product("Lamp on sale")
        make_product("Lamp in the stockroom", is_public=False)

        assert titles(client.get(SEARCH_URL, {"q": "lamp"})) == ["Lamp on sale"]

    def test_an_empty_query_finds_nothing_and_says_what_to_do(self, client):
        make_product("Brass Desk Lamp")

        response = client.get(SEARCH_URL)

        assert titles(response) == []
        assert "Type a word from a product" in response.content.decode()

    def test_no_match_says_so(self, client):
        make_product("Brass Desk Lamp")

        response = client.get(SEARCH_URL, {"q": "zebra"})

        assert titles(response) == []
        assert 'No products match "zebra"' in response.content.decode()

    def test_sorts_results_by_price(self, client):
        make_product("Dear lamp", price="80.00")
        make_product("Cheap lamp", price="8.00")

        response = client.get(SEARCH_URL, {"q": "lamp", "sort_by": "price-asc"})

        assert titles(response) == ["Cheap lamp", "Dear lamp"]
        # The sort form keeps the query.
        assert '<input type="hidden" name="q" value="lamp">' in response.content.decode()

    def test_an_invalid_page_keeps_the_query(self, client):
        make_product("Brass Desk Lamp")

        response = client.get(SEARCH_URL, {"q": "lamp", "page": 3})

        assert response.status_code == 302
        assert response.url == f"{SEARCH_URL}?q=lamp"

    def test_the_page_search_box_is_labelled(self, client):
        content = client.get(SEARCH_URL, {"q": "lamp"}).content.decode()

        assert '<label class="mr-2" for="id_q">Search</label>' in content

    def test_records_a_signed_in_users_search(self, client, customer):
        from oscar.core.loading import get_model

        UserSearch = get_model("analytics", "UserSearch")
        client.force_login(customer)

        client.get(SEARCH_URL, {"q": "lamp"})

        assert list(UserSearch.objects.values_list("user", "query")) == [(customer.pk, "lamp")]
