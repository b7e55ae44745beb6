"""Wagtail admin pieces of the shop: the product and category choosers of the CMS product blocks."""

from wagtail import hooks

from .choosers import category_chooser_viewset, product_chooser_viewset


@hooks.register("register_admin_viewset")
def register_product_chooser():
    return product_chooser_viewset


@hooks.register("register_admin_viewset")
def register_category_chooser():
    return category_chooser_viewset
