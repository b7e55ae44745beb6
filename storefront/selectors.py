"""Reads for the shop's listings, on the ORM: product lists (browse, category, search) and the category sidebar.

Oscar's own listings go through haystack; with the embedded SimpleEngine they show
nothing (django-oscar issue 4366), and with a real index every page searches twice.
These selectors build one queryset each, shaped for the product card
(``oscar/catalogue/partials/product.html``), so a listing page runs the same number
of queries whatever the number of products on it.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import quote

from django.db.models import Case, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.http import RFC3986_SUBDELIMS
from oscar.core.loading import get_model

Category = get_model("catalogue", "Category")
Option = get_model("catalogue", "Option")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
StockRecord = get_model("partner", "StockRecord")

SORT_RELEVANCY = "relevancy"
SORT_RATING = "rating"
SORT_NEWEST = "newest"
SORT_PRICE_LOW_TO_HIGH = "price-asc"
SORT_PRICE_HIGH_TO_LOW = "price-desc"
SORT_TITLE_A_TO_Z = "title-asc"
SORT_TITLE_Z_TO_A = "title-desc"

# The values are Oscar's own sort_by values, so links made for Oscar's pages keep working.
SORT_CHOICES = [
    (SORT_RELEVANCY, "Relevancy"),
    (SORT_RATING, "Customer rating"),
    (SORT_NEWEST, "Newest"),
    (SORT_PRICE_LOW_TO_HIGH, "Price low to high"),
    (SORT_PRICE_HIGH_TO_LOW, "Price high to low"),
    (SORT_TITLE_A_TO_Z, "Title A to Z"),
    (SORT_TITLE_Z_TO_A, "Title Z to A"),
]

# A query of many words is cut short: each word adds a few subqueries.
MAX_SEARCH_TERMS = 6

# How much a match of one word weighs in the relevancy order.
_WEIGHT_UPC = 8
_WEIGHT_TITLE = 4
_WEIGHT_CATEGORY = 2
_WEIGHT_DESCRIPTION = 1

# What reverse() leaves unquoted in a URL path (django.urls.resolvers).
_URL_SAFE = RFC3986_SUBDELIMS + "/~:@"


def product_list(*, category=None, query: str = "", sort: str = "") -> QuerySet:
    """Browsable products, optionally in a category (with its descendants) and matching every word of ``query``."""
    products = Product.objects.browsable()
    if category is not None:
        products = products.filter(
            Exists(ProductCategory.objects.filter(product=OuterRef("pk"), category__path__startswith=category.path))
        )
    terms = _search_terms(query)
    if terms:
        products = _matching(products, terms)
    return _for_product_cards(_sorted(products, sort, searched=bool(terms)))


def _search_terms(query: str) -> list[str]:
    return (query or "").split()[:MAX_SEARCH_TERMS]


def _matching(products: QuerySet, terms: list[str]) -> QuerySet:
    # Exists() rather than a join on categories: a product in two matching
    # categories must still be listed once, without DISTINCT.
    relevance = Value(0)
    for term in terms:
        in_category = Exists(ProductCategory.objects.filter(product=OuterRef("pk"), category__name__icontains=term))
        products = products.filter(
            Q(title__icontains=term) | Q(description__icontains=term) | Q(upc__istartswith=term) | in_category
        )
        relevance = (
            relevance
            + Case(When(upc__iexact=term, then=Value(_WEIGHT_UPC)), default=Value(0))
            + Case(When(title__icontains=term, then=Value(_WEIGHT_TITLE)), default=Value(0))
            + Case(When(in_category, then=Value(_WEIGHT_CATEGORY)), default=Value(0))
            + Case(When(description__icontains=term, then=Value(_WEIGHT_DESCRIPTION)), default=Value(0))
        )
    return products.annotate(relevance=relevance)


def _sorted(products: QuerySet, sort: str, *, searched: bool) -> QuerySet:
    if sort in (SORT_PRICE_LOW_TO_HIGH, SORT_PRICE_HIGH_TO_LOW):
        products = products.annotate(min_price=_min_price())
        price = F("min_price").asc(nulls_last=True) if sort == SORT_PRICE_LOW_TO_HIGH else F("min_price").desc(nulls_last=True)
        return products.order_by(price, "pk")
    if sort == SORT_NEWEST:
        return products.order_by("-date_created", "-pk")
    if sort == SORT_RATING:
        return products.order_by(F("rating").desc(nulls_last=True), "-pk")
    if sort == SORT_TITLE_A_TO_Z:
        return products.order_by(Lower("title"), "pk")
    if sort == SORT_TITLE_Z_TO_A:
        return products.order_by(Lower("title").desc(), "-pk")
    if searched:
        return products.order_by("-relevance", "-priority", "-date_created", "-pk")
    return products.order_by("-priority", "-date_created", "-pk")


def _min_price():
    """The lowest price of a product's own stock records or, for a parent, of its public children's.

    Two subqueries chosen by structure (Oscar gives a parent no stock records of its own), each
    an index lookup: one subquery with ``product = pk OR product.parent = pk`` joined every stock
    record to its product for every listed product (30 s for a price sort of 10,000 products).
    """
    own = StockRecord.objects.filter(product=OuterRef("pk"), price__isnull=False)
    children = StockRecord.objects.filter(
        product__parent=OuterRef("pk"), product__is_public=True, price__isnull=False
    )
    return Case(
        When(structure=Product.PARENT, then=Subquery(children.order_by("price").values("price")[:1])),
        default=Subquery(own.order_by("price").values("price")[:1]),
    )


def _for_product_cards(products: QuerySet) -> QuerySet:
    """Everything the product card reads, fetched per page and not per product.

    - ``product_class``: ``render_product`` picks a template by class, the stock
      policy reads ``track_stock``;
    - ``has_product_class_options``/``has_product_options``: ``Product.has_options``
      reads these annotations instead of querying (the card hides its basket form
      for products with options);
    - ``images``: ``primary_image`` uses the prefetched list (ProductImage is
      ordered by ``display_order`` already, so no ``order_by`` busts the cache);
    - ``stockrecords``: the purchase strategy takes ``stockrecords.all()[0]``;
    - public children with their stock records: the strategy prices a parent from
      them, and ``get_public_children`` reads ``_prefetched_public_children``.

    The card cache (``storefront.templatetags.product_cards``) builds its keys from
    the same fields, so a cached page of cards costs no more queries than this.
    """
    return (
        products.select_related("product_class")
        .annotate(
            has_product_class_options=Exists(Option.objects.filter(productclass=OuterRef("product_class"))),
            has_product_options=Exists(Option.objects.filter(product=OuterRef("pk"))),
        )
        .prefetch_related(
            "images",
            "stockrecords",
            Prefetch(
                "children",
                queryset=Product.objects.public().prefetch_related("stockrecords"),
                to_attr="_prefetched_public_children",
            ),
        )
    )


# --- categories ------------------------------------------------------------


@dataclass
class CategoryLink:
    pk: int
    name: str
    url: str
    is_current: bool = False
    children: list = field(default_factory=list)
    # Set by category_sidebar for rendering nested lists from a flat loop.
    level: int = 0
    closes: range = range(0)


def category_trail(*, category) -> list[CategoryLink]:
    """The category's ancestors and itself, root first, with their URLs (one query, none for a root)."""
    chain = [*category.get_ancestors(), category]
    category_url = _CategoryUrls()
    links, slugs = [], []
    for node in chain:
        slugs.append(node.slug)
        links.append(
            CategoryLink(pk=node.pk, name=node.name, url=category_url(node.pk, slugs), is_current=node.pk == category.pk)
        )
    return links


def category_sidebar(*, current=None, max_depth: int = 2) -> list[CategoryLink]:
    """The category tree for the listing sidebar, in one query, flattened in document order.

    Each link has ``children`` (open a nested list after it when not empty) and
    ``closes`` (how many nested lists end after it), so the tree renders from one
    flat loop (``{% category_nav_items %}``, storefront.templatetags.category_nav).

    Shows the public categories down to ``max_depth`` and, below that, only the
    branch of the current category (its ancestors' children and its own children),
    so a catalogue with hundreds of categories still makes a short page.
    Categories excluded from the menu are left out with their descendants.
    """
    wanted = Q(depth__lte=max_depth)
    if current is not None:
        steplen = Category.steplen
        for depth in range(1, current.depth + 1):
            wanted |= Q(path__startswith=current.path[: depth * steplen], depth=depth + 1)
    # Tuples, not model instances: a hundred categories are on every listing page.
    nodes = (
        Category.objects.browsable()
        .filter(wanted)
        .order_by("path")
        .values_list("pk", "path", "depth", "name", "slug", "exclude_from_menu")
    )

    category_url = _CategoryUrls()
    current_pk = current.pk if current is not None else None
    # path -> (link, slugs down to it, excluded from the menu)
    by_path: dict[str, tuple[CategoryLink, list[str], bool]] = {}
    roots: list[CategoryLink] = []
    for pk, path, depth, name, slug, exclude_from_menu in nodes:
        parent_path = path[: -Category.steplen]
        if depth == 1:
            slugs = [slug]
        elif parent_path in by_path:
            slugs = [*by_path[parent_path][1], slug]
        else:
            continue  # its parent is not public or not listed
        link = CategoryLink(pk=pk, name=name, url=category_url(pk, slugs), is_current=pk == current_pk)
        by_path[path] = (link, slugs, exclude_from_menu)
        if exclude_from_menu:
            continue
        if depth == 1:
            roots.append(link)
        elif not by_path[parent_path][2]:
            by_path[parent_path][0].children.append(link)
    return _flatten(roots)


def _flatten(links: list[CategoryLink], level: int = 0) -> list[CategoryLink]:
    flat = []
    for link in links:
        link.level = level
        flat.append(link)
        flat.extend(_flatten(link.children, level + 1))
    if flat and level:
        last = flat[-1]
        last.closes = range(len(last.closes) + 1)
    return flat


class _CategoryUrls:
    """Category URLs built from the slugs at hand, as ``reverse`` builds them, with one ``reverse``.

    ``Category.get_absolute_url`` looks the ancestors up again (a query per level when its cache
    is cold), and a ``reverse`` per link was a third of the sidebar's time. Make one per request:
    the URL prefix can differ between requests.
    """

    _SLUG_MARK = "category-slug-mark"
    _PK_MARK = 918273645
    _SLUG = re.compile(r"[\w-]+")

    def __init__(self):
        url = reverse("catalogue:category", kwargs={"category_slug": self._SLUG_MARK, "pk": self._PK_MARK})
        self._before, _, rest = url.partition(self._SLUG_MARK)
        self._middle, found, self._after = rest.partition(str(self._PK_MARK))
        self._usable = bool(found)

    def __call__(self, pk: int, slugs: list[str]) -> str:
        if not self._usable or not all(self._SLUG.fullmatch(slug) for slug in slugs):
            # Let reverse() decide (it raises NoReverseMatch for a slug the URL pattern refuses).
            return reverse("catalogue:category", kwargs={"category_slug": "/".join(slugs), "pk": pk})
        return f"{self._before}{quote('/'.join(slugs), safe=_URL_SAFE)}{self._middle}{pk}{self._after}"


# --- CMS product blocks ----------------------------------------------------


def product_cards(*, pks: list[int]) -> list:
    """Browsable products with these pks, shaped for the product card, in the order given."""
    if not pks:
        return []
    found = {product.pk: product for product in _for_product_cards(Product.objects.browsable().filter(pk__in=pks))}
    return [found[pk] for pk in dict.fromkeys(pks) if pk in found]


def category_newest_products(*, category, limit: int) -> list:
    """The ``limit`` newest browsable products in ``category`` and its descendants."""
    return list(product_list(category=category, sort=SORT_NEWEST)[:limit])


# --- the customer's orders ---------------------------------------------------


def customer_orders(*, user) -> QuerySet:
    """The user's orders, newest first, with the item count the order history shows (no query per order)."""
    from django.db.models import Sum

    Order = get_model("order", "Order")
    return (
        Order.objects.filter(user=user)
        .annotate(item_count=Sum("lines__quantity"))
        .order_by("-date_placed", "-pk")
    )


def customer_order_detail_queryset(*, user) -> QuerySet:
    """The user's orders, with what the order page shows: lines, status history, shipments and payments."""
    Order = get_model("order", "Order")
    return Order.objects.filter(user=user).select_related("shipping_address__country", "billing_address").prefetch_related(
        "lines__product__images",
        "status_changes",
        "shipments",
        "sources__source_type",
    )
