"""The listings' product cards come from the cache (storefront.templatetags.product_cards) and are never stale.

A card is cached under a digest of everything it shows, so a change shows on the very next
request even when it bypasses model signals (``QuerySet.update``, as Oscar's stock
allocation does).
"""

import re
from decimal import Decimal

import pytest
from django.db.models import F
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from portal.pagecache import CSRF_PLACEHOLDER
from tests.factories import add_image, make_category, make_product

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

BROWSE_URL = reverse("catalogue:index")
CARD_TEMPLATE = "oscar/catalogue/partials/product.html"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def cards_rendered(response) -> int:
    """How many cards were rendered for this response rather than read from the cache."""
    return sum(1 for template in response.templates if template.name == CARD_TEMPLATE)


def page(client, url=BROWSE_URL):
    response = client.get(url)
    assert response.status_code == 200
    return response, response.content.decode()


class CardCacheTests:
    def test_a_second_visit_reads_the_cards_from_the_cache(self, client):
        make_product("Brass Desk Lamp", image=True)
        make_product("Enamel Mug", image=True)

        first, first_html = page(client)
        second, second_html = page(client)

        assert cards_rendered(first) == 2
        assert cards_rendered(second) == 0
        assert TOKEN.sub("", second_html) == TOKEN.sub("", first_html)

    def test_the_same_card_is_shared_by_the_catalogue_and_a_category(self, client):
        lamps = make_category("Lamps")
        make_product("Brass Desk Lamp", categories=[lamps])
        page(client)

        response, html = page(client, lamps.get_absolute_url())

        assert cards_rendered(response) == 0
        assert "Brass Desk Lamp" in html

    def test_a_price_change_shows_on_the_next_request(self, client):
        lamp = make_product("Brass Desk Lamp", price="24.00")
        page(client)

        StockRecord.objects.filter(product=lamp).update(price=Decimal("19.50"))  # no signal, no date_updated
        response, html = page(client)

        assert cards_rendered(response) == 1
        assert "£19.50" in html
        assert "£24.00" not in html

    def test_running_out_of_stock_shows_on_the_next_request(self, client):
        lamp = make_product("Brass Desk Lamp", num_in_stock=3)
        _, html = page(client)
        assert f"/shop/basket/add/{lamp.pk}/" in html

        # What Oscar's allocation does when the last ones are ordered.
        StockRecord.objects.filter(product=lamp).update(num_allocated=F("num_in_stock"))
        _, html = page(client)

        assert f"/shop/basket/add/{lamp.pk}/" not in html
        assert "Brass Desk Lamp is unavailable" in html

    def test_restocking_shows_on_the_next_request(self, client):
        lamp = make_product("Brass Desk Lamp", num_in_stock=0)
        _, html = page(client)
        assert "Brass Desk Lamp is unavailable" in html

        StockRecord.objects.filter(product=lamp).update(num_in_stock=5)
        _, html = page(client)

        assert f"/shop/basket/add/{lamp.pk}/" in html

    def test_a_parent_follows_its_childrens_prices(self, client):
        parent = make_product("Tee in three sizes", price=None, structure=Product.PARENT)
        child = make_product("Small", price="12.50", structure=Product.CHILD, parent=parent)
        page(client)

        StockRecord.objects.filter(product=child).update(price=Decimal("11.00"))
        _, html = page(client)

        assert "£11.00" in html
        assert "£12.50" not in html

    def test_a_new_title_and_image_show_on_the_next_request(self, client):
        lamp = make_product("Brass Desk Lamp")
        _, before = page(client)

        lamp.title = "Copper Desk Lamp"
        lamp.save()
        add_image(lamp)
        _, after = page(client)

        assert "Copper Desk Lamp" in after
        assert "Brass Desk Lamp" not in after
        image_src = re.compile(r'<img src="([^"]*)"')
        assert image_src.findall(after) != image_src.findall(before)

    def test_a_new_rating_shows_on_the_next_request(self, client):
        lamp = make_product("Brass Desk Lamp")
        page(client)

        Product.objects.filter(pk=lamp.pk).update(rating=4.0)
        _, html = page(client)

        assert "Rated 4.0 out of 5" in html

    def test_the_tax_rule_is_part_of_the_card(self, client, settings):
        settings.SHOP_PRICES_INCLUDE_TAX = True
        settings.SHOP_TAX_RATE = Decimal("0.20")
        make_product("Brass Desk Lamp", price="24.00")
        _, html = page(client)
        assert "incl. VAT" in html

        settings.SHOP_PRICES_INCLUDE_TAX = False
        _, html = page(client)

        assert "plus VAT" in html
        assert "incl. VAT" not in html


class CardCsrfTests:
    def test_each_visitor_gets_their_own_working_token_in_cached_cards(self):
        lamp = make_product("Brass Desk Lamp")
        first_visitor = Client(enforce_csrf_checks=True)
        first, first_html = page(first_visitor)
        visitor = Client(enforce_csrf_checks=True)

        response, html = page(visitor)

        assert cards_rendered(first) == 1
        assert cards_rendered(response) == 0
        assert CSRF_PLACEHOLDER.decode() not in html
        tokens = TOKEN.findall(html)
        assert tokens
        assert not set(tokens) & set(TOKEN.findall(first_html))
        assert "csrftoken" in response.cookies
        assert response.cookies["csrftoken"].value != first.cookies["csrftoken"].value
        added = visitor.post(reverse("basket:add", kwargs={"pk": lamp.pk}), {"quantity": 1, "csrfmiddlewaretoken": tokens[0]})
        assert added.status_code == 302

    def test_a_signed_in_customer_gets_a_working_token_from_a_card_cached_for_a_visitor(self, customer):
        lamp = make_product("Brass Desk Lamp")
        page(Client())
        shopper = Client(enforce_csrf_checks=True)
        shopper.force_login(customer)

        response, html = page(shopper)

        assert cards_rendered(response) == 0
        token = TOKEN.findall(html)[0]
        added = shopper.post(reverse("basket:add", kwargs={"pk": lamp.pk}), {"quantity": 1, "csrfmiddlewaretoken": token})
        assert added.status_code == 302
