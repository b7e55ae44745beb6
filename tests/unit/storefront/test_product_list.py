"""storefront.selectors.product_list: which products, in which order, and what is prefetched."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

from storefront.selectors import product_list
from tests.factories import make_category, make_product

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")


def _titles(products):
    return [product.title for product in products]


class ProductListTests:
    def test_lists_browsable_products_only(self):
        parent = make_product("Parent tee", price=None, structure=Product.PARENT)
        make_product("Child tee", price="5.00", structure=Product.CHILD, parent=parent)
        make_product("Hidden", is_public=False)
        make_product("Lamp")

        assert sorted(_titles(product_list())) == ["Lamp", "Parent tee"]

    def test_category_includes_descendants_only(self):
        clothing = make_category("Clothing")
        tshirts = make_category("T-shirts", clothing)
        books = make_category("Books")
        make_product("Tee", categories=[tshirts])
        make_product("Jacket", categories=[clothing])
        make_product("Atlas", categories=[books])

        assert sorted(_titles(product_list(category=clothing))) == ["Jacket", "Tee"]
        assert _titles(product_list(category=tshirts)) == ["Tee"]

    def test_search_ranks_title_matches_above_description_matches(self):
        make_product("Desk", description="Goes well with a lamp.")
        make_product("Lamp")

        assert _titles(product_list(query="lamp")) == ["Lamp", "Desk"]

    def test_search_ranks_an_exact_upc_first(self):
        make_product("Lamp with code in title 501")
        make_product("Plain", upc="501")

        assert _titles(product_list(query="501")) == ["Plain", "Lamp with code in title 501"]

    def test_search_is_case_insensitive_and_needs_every_word(self):
        make_product("Brass Desk Lamp")
        make_product("Brass Pen")

        assert _titles(product_list(query="  BRASS   lamp ")) == ["Brass Desk Lamp"]

    def test_price_sort_puts_products_without_a_price_last(self):
        make_product("None", price=None)
        make_product("Ten", price="10.00")
        make_product("Two", price="2.00")

        assert _titles(product_list(sort="price-asc")) == ["Two", "Ten", "None"]
        assert _titles(product_list(sort="price-desc")) == ["Ten", "Two", "None"]

    def test_price_sort_uses_the_cheapest_stock_record(self):
        lamp = make_product("Lamp", price="50.00")
        make_product("Pen", price="20.00")
        StockRecord.objects.create(
            product=lamp, partner=lamp.stockrecords.get().partner, partner_sku="second", price=Decimal("1.00")
        )

        assert _titles(product_list(sort="price-asc")) == ["Lamp", "Pen"]

    def test_price_sort_prices_a_parent_by_its_public_children(self):
        parent = make_product("Parent", price=None, structure=Product.PARENT)
        make_product("Child", price="1.00", structure=Product.CHILD, parent=parent)
        make_product("Pen", price="20.00")

        assert _titles(product_list(sort="price-asc")) == ["Parent", "Pen"]

    def test_newest_first(self):
        make_product("Old")
        make_product("New")

        assert _titles(product_list(sort="newest")) == ["New", "Old"]

    def test_prefetches_what_the_product_card_reads(self):
        parent = make_product("Parent", price=None, structure=Product.PARENT)
        make_product("Child", price="1.00", structure=Product.CHILD, parent=parent)
        make_product("Lamp")
        products = list(product_list())

        with CaptureQueriesContext(connection) as captured:
            for product in products:
                product.get_product_class().slug
                product.primary_image()
                product.has_options
                list(product.stockrecords.all())
                for child in product.get_public_children():
                    list(child.stockrecords.all())
                    child.get_product_class().track_stock

        assert len(captured) == 0
