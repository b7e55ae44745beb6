"""The catalogue pages: browse (all products) and a category, on the ORM."""

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.urls import reverse
from oscar.core.loading import get_model

from tests.factories import make_category, make_product, make_products, titles

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")

BROWSE_URL = reverse("catalogue:index")


class CatalogueViewTests:
    def test_lists_public_products_on_a_fresh_database(self, client):
        # Haystack's SimpleEngine shows nothing here (django-oscar issue 4366).
        make_product("Classic Crew T-shirt")
        make_product("Brass Desk Lamp")

        response = client.get(BROWSE_URL)

        assert response.status_code == 200
        assert sorted(titles(response)) == ["Brass Desk Lamp", "Classic Crew T-shirt"]
        assert "Classic Crew T-shirt" in response.content.decode()
        assert response.context["paginator"].count == 2

    def test_leaves_out_non_public_products(self, client):
        make_product("On sale")
        make_product("Hidden", is_public=False)

        assert titles(client.get(BROWSE_URL)) == ["On sale"]

    def test_lists_a_parent_product_priced_from_its_children(self, client):
        parent = make_product("Tee in three sizes", price=None, structure=Product.PARENT)
        make_product("Small", price="12.50", structure=Product.CHILD, parent=parent)

        response = client.get(BROWSE_URL)

        assert titles(response) == ["Tee in three sizes"]
        content = response.content.decode()
        assert "£12.50" in content
        assert "/shop/basket/add/" not in content  # a parent is bought by choosing a child on its page

    def test_paginates_by_the_oscar_setting(self, client):
        make_products(settings.OSCAR_PRODUCTS_PER_PAGE + 1)

        first = client.get(BROWSE_URL)
        second = client.get(BROWSE_URL, {"page": 2})

        assert len(first.context["products"]) == settings.OSCAR_PRODUCTS_PER_PAGE
        assert len(second.context["products"]) == 1

    @pytest.mark.parametrize("page", ["99", "0", "abc"])
    def test_an_invalid_page_redirects_to_the_first_with_a_message(self, client, page):
        make_products(2)

        response = client.get(BROWSE_URL, {"page": page, "sort_by": "title-asc"})

        assert response.status_code == 302
        assert response.url == f"{BROWSE_URL}?sort_by=title-asc"
        assert [str(m) for m in get_messages(response.wsgi_request)] == [
            "That page number does not exist, so here is the first page."
        ]

    def test_sorts_by_price(self, client):
        make_product("Middle", price="20.00")
        make_product("Cheap", price="5.00")
        make_product("Dear", price="90.00")
        make_product("No price", price=None)

        low_first = client.get(BROWSE_URL, {"sort_by": "price-asc"})
        high_first = client.get(BROWSE_URL, {"sort_by": "price-desc"})

        assert titles(low_first) == ["Cheap", "Middle", "Dear", "No price"]
        assert titles(high_first) == ["Dear", "Middle", "Cheap", "No price"]

    def test_sorts_by_title(self, client):
        for title in ["banana", "Apple", "cherry"]:
            make_product(title)

        assert titles(client.get(BROWSE_URL, {"sort_by": "title-asc"})) == ["Apple", "banana", "cherry"]
        assert titles(client.get(BROWSE_URL, {"sort_by": "title-desc"})) == ["cherry", "banana", "Apple"]

    def test_an_unknown_sort_falls_back_to_the_default_order(self, client):
        make_product("Only one")

        response = client.get(BROWSE_URL, {"sort_by": "'; DROP TABLE"})

        assert response.status_code == 200
        assert titles(response) == ["Only one"]

    def test_sidebar_shows_the_category_tree(self, client, clothing):
        content = client.get(BROWSE_URL).content.decode()

        assert 'aria-label="Breadcrumb"' in content
        for category in clothing.values():
            assert f'href="{category.get_absolute_url()}"' in content

    def test_every_form_control_has_a_label(self, client):
        make_products(3)

        content = client.get(BROWSE_URL).content.decode()

        assert '<label class="mr-2" for="id_sort_by">Sort by</label>' in content
        assert content.count('id="id_quantity"') == 0  # no repeated ids from the basket forms


class ProductCategoryViewTests:
    def test_lists_the_products_of_the_category_and_its_descendants(self, client, clothing):
        make_product("Plain tee", categories=[clothing["tshirts"]])
        make_product("Zip hoodie", categories=[clothing["hoodies"]])
        make_product("Scarf", categories=[clothing["clothing"]])
        make_product("Atlas", categories=[clothing["books"]])
        make_product("No category")

        whole = client.get(clothing["clothing"].get_absolute_url())
        tshirts = client.get(clothing["tshirts"].get_absolute_url())

        assert whole.status_code == 200
        assert sorted(titles(whole)) == ["Plain tee", "Scarf", "Zip hoodie"]
        assert titles(tshirts) == ["Plain tee"]
        assert tshirts.context["category"] == clothing["tshirts"]

    def test_lists_a_product_in_two_subcategories_once(self, client, clothing):
        make_product("Hooded tee", categories=[clothing["tshirts"], clothing["hoodies"]])

        assert titles(client.get(clothing["clothing"].get_absolute_url())) == ["Hooded tee"]

    def test_breadcrumbs_walk_down_from_the_root(self, client, clothing):
        content = client.get(clothing["tshirts"].get_absolute_url()).content.decode()

        assert f'<a href="{clothing["clothing"].get_absolute_url()}">Clothing</a>' in content
        assert '<li class="breadcrumb-item active" aria-current="page">T-shirts</li>' in content

    def test_redirects_a_wrong_slug_to_the_canonical_url(self, client, clothing):
        tshirts = clothing["tshirts"]
        wrong = reverse("catalogue:category", kwargs={"category_slug": "old-name", "pk": tshirts.pk})

        response = client.get(wrong, {"sort_by": "newest"})

        assert response.status_code == 301
        assert response.url == f"{tshirts.get_absolute_url()}?sort_by=newest"

    def test_a_non_public_category_is_not_found(self, client, clothing):
        hidden = make_category("Hidden", is_public=False)

        assert client.get(hidden.get_absolute_url()).status_code == 404

    def test_a_category_under_a_non_public_one_is_not_found(self, client, clothing):
        clothing["clothing"].is_public = False
        clothing["clothing"].save()
        clothing["clothing"].set_ancestors_are_public()

        assert client.get(clothing["tshirts"].get_absolute_url()).status_code == 404

    def test_staff_may_look_at_a_non_public_category(self, client, clothing, superuser):
        hidden = make_category("Hidden", is_public=False)
        client.force_login(superuser)

        assert client.get(hidden.get_absolute_url()).status_code == 200

    def test_an_unknown_category_is_not_found(self, client, db):
        url = reverse("catalogue:category", kwargs={"category_slug": "nothing", "pk": 999})

        assert client.get(url).status_code == 404

    def test_an_invalid_page_redirects_to_the_first_page_of_the_category(self, client, clothing):
        make_product("Plain tee", categories=[clothing["tshirts"]])

        response = client.get(clothing["tshirts"].get_absolute_url(), {"page": 5})

        assert response.status_code == 302
        assert response.url == clothing["tshirts"].get_absolute_url()

    def test_the_sidebar_marks_the_current_category(self, client, clothing):
        content = client.get(clothing["hoodies"].get_absolute_url()).content.decode()

        assert f'<a href="{clothing["hoodies"].get_absolute_url()}" aria-current="page">Hoodies</a>' in content
