"""storefront.demo.load_catalogue: the demo shop, built once however often it runs."""

import io

import pytest
from oscar.core.loading import get_model

from storefront.demo import load_catalogue

pytestmark = pytest.mark.django_db

Category = get_model("catalogue", "Category")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductClass = get_model("catalogue", "ProductClass")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")

MODELS = [Partner, ProductClass, Category, Product, ProductCategory, StockRecord, ProductImage]


def _counts():
    return {model.__name__: model.objects.count() for model in MODELS}


class LoadCatalogueTests:
    def test_builds_a_browsable_catalogue(self):
        load_catalogue()

        assert Product.objects.browsable().count() >= 30
        assert Category.objects.count() >= 5
        assert Category.objects.filter(depth__gt=1).exists()
        goods = ProductClass.objects.get(slug="goods")
        assert goods.track_stock and goods.requires_shipping
        for product in Product.objects.prefetch_related("images", "stockrecords", "categories"):
            assert product.upc and product.description and product.product_class == goods
            assert 1 <= len(product.images.all()) <= 2
            assert len(product.categories.all()) == 1
            (record,) = product.stockrecords.all()
            assert record.price > 0 and 0 <= record.num_in_stock <= 50

    def test_some_products_are_low_on_stock(self):
        load_catalogue()

        assert StockRecord.objects.filter(num_in_stock__lt=5).exists()

    def test_images_are_real_pictures(self):
        load_catalogue()

        image = ProductImage.objects.first()
        with image.original.open("rb") as file:
            assert file.read(3) == b"\xff\xd8\xff"  # JPEG
        assert image.original.width == image.original.height > 100

    def test_running_twice_creates_nothing_new(self):
        load_catalogue()
        before = _counts()

        out = io.StringIO()
        load_catalogue(stdout=out)

        assert _counts() == before
        assert "0 categories, 0 products and 0 images created" in out.getvalue()
