"""Catalogue browsing and product search on the ORM, replacing Oscar's haystack views.

Same class names as ``oscar.apps.search.views``, so Oscar's catalogue and search
apps load these through ``get_class``. The querysets come from
``storefront.selectors``; these views parse the request, call them and render.
"""

from urllib.parse import unquote

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponsePermanentRedirect, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.views.generic import ListView
from oscar.apps.search.signals import user_search
from oscar.core.loading import get_class, get_model

from portal.pagination import CappedPaginator
from storefront.selectors import category_sidebar, category_trail, product_list

SearchForm = get_class("search.forms", "SearchForm")
Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")

INVALID_PAGE_MESSAGE = "That page number does not exist, so here is the first page."


class InvalidPage(Exception):
    pass


class ListingPaginator(CappedPaginator):
    """Exact counts up to a thousand products; past that "more than", and every page still reachable.

    Django's paginator counts every match to say "page 1 of 491": on the whole catalogue that
    count reads every product, the one part of the page that grows with the catalogue (about
    5 ms at 10,000 products). This one counts at most ``count_limit`` rows (1,000), or, on a
    deeper page, up to the end of the next page, so that its own page and the next one are
    found. A category or a search narrows the list to an exact count, as on search engines.
    """

    def page(self, number):
        try:
            requested = int(number)
        except (TypeError, ValueError):
            requested = 1
        self.count_limit = max(self.count_limit, (requested + 1) * self.per_page)
        return super().page(number)


class ProductListView(ListView):
    """A page of product cards with a sort order; subclasses choose which products."""

    model = Product
    paginator_class = ListingPaginator
    context_object_name = "products"
    summary = "All products"

    def get(self, request, *args, **kwargs):
        self.form = SearchForm(request.GET)
        self.query, self.sort = self.form.listing_options()
        try:
            return super().get(request, *args, **kwargs)
        except InvalidPage:
            messages.error(request, INVALID_PAGE_MESSAGE)
            return HttpResponseRedirect(self.first_page_url())

    def get_paginate_by(self, queryset):
        return settings.OSCAR_PRODUCTS_PER_PAGE

    def paginate_queryset(self, queryset, page_size):
        try:
            return super().paginate_queryset(queryset, page_size)
        except Http404 as error:
            # ListView answers 404 for page=0, page=abc or a page past the end.
            raise InvalidPage from error

    def first_page_url(self) -> str:
        params = self.request.GET.copy()
        params.pop(self.page_kwarg, None)
        return f"{self.request.path}?{params.urlencode()}" if params else self.request.path

    def get_queryset(self):
        return product_list(query=self.query, sort=self.sort)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            form=self.form,
            query=self.query,
            summary=self.summary,
            category_tree=self.get_category_tree(),
        )
        return context

    def get_category_tree(self):
        return category_sidebar()


class CatalogueView(ProductListView):
    """Every browsable product."""

    template_name = "oscar/catalogue/browse.html"


class ProductCategoryView(ProductListView):
    """Browsable products in a category and its descendants."""

    template_name = "oscar/catalogue/category.html"
    enforce_paths = True

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(Category, pk=kwargs["pk"])
        if not self.is_viewable(self.category, request):
            raise Http404("No such category")
        self.trail = category_trail(category=self.category)
        if self.enforce_paths:
            # Categories are found by primary key so that a renamed slug keeps working.
            expected_path = self.trail[-1].url
            if unquote(expected_path) != unquote(request.path):
                query_string = request.META.get("QUERY_STRING", "")
                return HttpResponsePermanentRedirect(f"{expected_path}?{query_string}" if query_string else expected_path)
        return super().get(request, *args, **kwargs)

    def is_viewable(self, category, request) -> bool:
        # Staff may look at a hidden category to check its layout, as in Oscar.
        return (category.is_public and category.ancestors_are_public) or request.user.is_staff

    def get_queryset(self):
        return product_list(category=self.category, query=self.query, sort=self.sort)

    def get_category_tree(self):
        return category_sidebar(current=self.category)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(category=self.category, category_trail=self.trail, summary=self.category.name)
        return context


class FacetedSearchView(ProductListView):
    """Products matching the words of ``q`` in title, description, UPC or category name.

    Named as Oscar's haystack view; there are no facets.
    """

    template_name = "oscar/search/results.html"
    summary = "Search"

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.query and response.status_code == 200:
            # Oscar's analytics app records the searches of signed-in users.
            user_search.send(sender=self, session=request.session, user=request.user, query=self.query)
        return response

    def get_queryset(self):
        if not self.query:
            return Product.objects.none()
        return super().get_queryset()
