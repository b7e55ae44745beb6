"""StreamField blocks that put the shop on CMS pages: chosen products, or a category's newest.

Each block renders with a fixed number of queries whatever the number of products: the
products are read through ``storefront.selectors.product_cards`` (the same shape as the
catalogue listing), so the product card template queries nothing per product.
"""

from wagtail import blocks

from .choosers import category_chooser_viewset, product_chooser_viewset

ProductChooserBlock = product_chooser_viewset.get_block_class(
    name="ProductChooserBlock", module_path="storefront.blocks"
)
CategoryChooserBlock = category_chooser_viewset.get_block_class(
    name="CategoryChooserBlock", module_path="storefront.blocks"
)

MAX_PRODUCTS = 24


class FeaturedProductsBlock(blocks.StructBlock):
    """Products chosen by the editor, shown in the order chosen."""

    heading = blocks.CharBlock(required=False, max_length=120, default="Featured products")
    products = blocks.ListBlock(ProductChooserBlock(), min_num=1, max_num=MAX_PRODUCTS)

    class Meta:
        icon = "tag"
        label = "Featured products"
        template = "storefront/blocks/featured_products.html"

    def get_context(self, value, parent_context=None):
        from .selectors import product_cards

        context = super().get_context(value, parent_context=parent_context)
        chosen = [product.pk for product in value.get("products") or [] if product is not None]
        context["products"] = product_cards(pks=chosen)
        return context


class CategoryProductsBlock(blocks.StructBlock):
    """The newest browsable products of a category (with its subcategories)."""

    heading = blocks.CharBlock(required=False, max_length=120, help_text="Defaults to the category's name.")
    category = CategoryChooserBlock()
    count = blocks.IntegerBlock(default=4, min_value=1, max_value=MAX_PRODUCTS, label="Number of products")

    class Meta:
        icon = "folder-open-inverse"
        label = "Products from a category"
        template = "storefront/blocks/category_products.html"

    def get_context(self, value, parent_context=None):
        from .selectors import category_newest_products

        context = super().get_context(value, parent_context=parent_context)
        category = value.get("category")
        context["category"] = category
        context["products"] = (
            category_newest_products(category=category, limit=value.get("count") or 4) if category else []
        )
        return context
