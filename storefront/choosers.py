"""Wagtail choosers for Oscar's products and categories, used by the CMS product blocks.

Oscar's models are not Wagtail snippets, so each gets a ``ChooserViewSet`` (registered
in ``wagtail_hooks.py``); its ``get_block_class`` gives the StreamField block.
"""

from django import forms
from django.db.models import Q
from oscar.core.loading import get_model
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")


class ProductFilterForm(BaseFilterForm):
    q = forms.CharField(label="Search title or UPC", required=False)

    def filter(self, objects):
        objects = super().filter(objects)
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            objects = objects.filter(Q(title__icontains=query) | Q(upc__iexact=query))
        return objects


class CategoryFilterForm(BaseFilterForm):
    q = forms.CharField(label="Search name", required=False)

    def filter(self, objects):
        objects = super().filter(objects)
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            objects = objects.filter(name__icontains=query)
        return objects


class ProductChooseView(ChooseView):
    filter_form_class = ProductFilterForm
    ordering = ["title", "pk"]


class ProductChooseResultsView(ChooseResultsView):
    filter_form_class = ProductFilterForm
    ordering = ["title", "pk"]


class CategoryChooseView(ChooseView):
    filter_form_class = CategoryFilterForm
    ordering = ["path"]


class CategoryChooseResultsView(ChooseResultsView):
    filter_form_class = CategoryFilterForm
    ordering = ["path"]


class ProductChooserViewSet(ChooserViewSet):
    model = Product
    icon = "tag"
    choose_one_text = "Choose a product"
    choose_another_text = "Choose another product"
    edit_item_text = "Edit product"
    per_page = 20
    register_widget = False  # Oscar's dashboard forms keep their own widgets
    choose_view_class = ProductChooseView
    choose_results_view_class = ProductChooseResultsView

    def get_object_list(self):
        # Parents and standalone products: a child variant is bought from its parent's page.
        return Product.objects.exclude(structure=Product.CHILD)


class CategoryChooserViewSet(ChooserViewSet):
    model = Category
    icon = "folder-open-inverse"
    choose_one_text = "Choose a category"
    choose_another_text = "Choose another category"
    edit_item_text = "Edit category"
    per_page = 30
    register_widget = False
    choose_view_class = CategoryChooseView
    choose_results_view_class = CategoryChooseResultsView


product_chooser_viewset = ProductChooserViewSet("storefront_product_chooser", url_prefix="storefront/choose-product")
category_chooser_viewset = CategoryChooserViewSet(
    "storefront_category_chooser", url_prefix="storefront/choose-category"
)
