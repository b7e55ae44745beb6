"""The catalogue: a category tree written straight into treebeard's materialised paths, products, stock."""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.utils.text import slugify
from oscar.core.loading import get_model

from . import vocabulary
from .bulk import Weighted, chunked, insert, rng_for
from .scales import BASE_TIME, HISTORY

Category = get_model("catalogue", "Category")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")

PARTNER_CODE = "portal-goods"
PARTNER_NAME = "Portal Goods Ltd"
LOW_STOCK_THRESHOLD = 5


@dataclass(frozen=True, slots=True)
class CategorySpec:
    path_steps: tuple  # 1-based position among siblings, root first
    name: str
    description: str
    numchild: int
    singular: str  # the product noun of products filed here


@dataclass(frozen=True, slots=True)
class ProductPlan:
    title: str
    description: str
    upc: str
    sku: str
    price: Decimal
    num_in_stock: int
    leaves: tuple  # indexes into the leaf categories
    rating: float | None
    is_public: bool
    priority: int
    created: object
    updated: object


@dataclass(frozen=True, slots=True)
class ProductRow:
    pk: int
    stockrecord_pk: int
    title: str
    upc: str
    sku: str
    price: Decimal


def category_specs(scale) -> list[CategorySpec]:
    """The tree in path order. Large: 12 roots, 8 children each, 8 grandchildren each (876 categories)."""
    roots, children, grandchildren = scale.category_shape
    specs = []
    for r, (root, subcategories) in enumerate(list(vocabulary.CATALOGUE_TREE.items())[:roots], start=1):
        specs.append(CategorySpec((r,), root, f"<p>{root}: our pick of the best.</p>", children, subcategories[0][1]))
        for c, (plural, singular) in enumerate(subcategories[:children], start=1):
            description = f"<p>{plural} in the {root.lower()} range.</p>"
            specs.append(CategorySpec((r, c), plural, description, grandchildren, singular))
            for g, pattern in enumerate(vocabulary.GRANDCHILD_PATTERNS[:grandchildren], start=1):
                name = pattern.format(plural=plural.lower(), singular=singular)
                name = name[0].upper() + name[1:]
                specs.append(CategorySpec((r, c, g), name, f"<p>{name}.</p>", 0, singular))
    return specs


def product_plans(scale, seed) -> list[ProductPlan]:
    rng = rng_for(seed, "products")
    specs = category_specs(scale)
    leaves = [spec for spec in specs if spec.numchild == 0]
    roots = {spec.path_steps[0]: spec.name for spec in specs if len(spec.path_steps) == 1}
    stock_mix = Weighted(["out", "low", "normal"], [3, 7, 90])
    titles, plans = set(), []
    for index in range(scale.products):
        leaf_index = rng.randrange(len(leaves))
        leaf = leaves[leaf_index]
        title = ""
        while not title or title in titles:
            title = f"{rng.choice(vocabulary.SERIES)} {rng.choice(vocabulary.ADJECTIVES)} {leaf.singular}"
        titles.add(title)
        low, high = vocabulary.PRICE_BANDS[roots[leaf.path_steps[0]]]
        price = Decimal(rng.randrange(low * 100, high * 100) // 5 * 5 - 1) / 100  # ends in .x4 or .x9
        stock = stock_mix.pick(rng)
        second = rng.randrange(len(leaves)) if rng.random() < 0.1 else None
        created = BASE_TIME - HISTORY - timedelta(days=90) + timedelta(days=(HISTORY.days + 60) * rng.random() ** 0.7)
        plans.append(ProductPlan(
            title=title,
            description=(
                f"<p>The {title} is a {rng.choice(vocabulary.ADJECTIVES).lower()} {leaf.singular.lower()} "
                f"from our {leaf.name.lower()} range. {rng.choice(vocabulary.FEATURES)}</p>"
            ),
            upc=f"20{index + 1:011d}",  # EAN prefix 20-29 is for in-store numbering
            sku=f"PG-{index + 1:06d}",
            price=max(price, Decimal("0.99")),
            num_in_stock={"out": 0, "low": rng.randint(1, 4), "normal": rng.randint(5, 250)}[stock],
            leaves=(leaf_index,) if second in (None, leaf_index) else (leaf_index, second),
            rating=round(rng.uniform(2.5, 5.0), 1) if rng.random() < 0.6 else None,
            is_public=rng.random() >= 0.02,
            priority=rng.choice([1, 2, 3]) if rng.random() < 0.03 else 0,
            created=created.replace(microsecond=0),
            updated=min(created + timedelta(days=rng.uniform(0, 120)), BASE_TIME).replace(microsecond=0),
        ))
    return plans


def product_titles(scale, seed) -> list[str]:
    return [plan.title for plan in product_plans(scale, seed)]


def load_catalogue(world) -> None:
    partner, _ = Partner.objects.get_or_create(code=PARTNER_CODE, defaults={"name": PARTNER_NAME})
    product_class, _ = ProductClass.objects.get_or_create(
        slug="goods", defaults={"name": "Goods", "track_stock": True, "requires_shipping": True}
    )
    leaf_pks = _load_categories(world.scale)
    plans = product_plans(world.scale, world.seed)
    currency = settings.OSCAR_DEFAULT_CURRENCY
    rows = []
    for chunk in chunked(plans):
        product_pks = insert(Product, PRODUCT_FIELDS, (
            (Product.STANDALONE, plan.is_public, plan.upc, plan.title, slugify(plan.title), plan.description,
             plan.priority, product_class.pk, plan.rating, plan.created, plan.updated, True)
            for plan in chunk
        ), returning=True)
        insert(ProductCategory, ["product_id", "category_id"], (
            (pk, leaf_pks[leaf]) for pk, plan in zip(product_pks, chunk) for leaf in plan.leaves
        ))
        record_pks = insert(StockRecord, STOCK_FIELDS, (
            (pk, partner.pk, plan.sku, currency, plan.price, plan.num_in_stock, 0, LOW_STOCK_THRESHOLD,
             plan.created, plan.updated)
            for pk, plan in zip(product_pks, chunk)
        ), returning=True)
        rows.extend(
            ProductRow(pk, record_pk, plan.title, plan.upc, plan.sku, plan.price)
            for pk, record_pk, plan in zip(product_pks, record_pks, chunk)
        )
    world.products = rows
    world.partner = partner


PRODUCT_FIELDS = ["structure", "is_public", "upc", "title", "slug", "description", "priority", "product_class_id",
                  "rating", "date_created", "date_updated", "is_discountable"]
STOCK_FIELDS = ["product_id", "partner_id", "partner_sku", "price_currency", "price", "num_in_stock", "num_allocated",
                "low_stock_threshold", "date_created", "date_updated"]


def _load_categories(scale) -> list[int]:
    """Insert the tree with the paths, depths and child counts treebeard would have written; returns leaf pks.

    New roots go after any existing ones (a catalogue from load_demo_data, say).
    """
    last_root = Category.get_last_root_node()
    root_offset = Category._str2int(last_root.path[: Category.steplen]) if last_root else 0
    specs = category_specs(scale)
    rows = []
    for spec in specs:
        steps = (spec.path_steps[0] + root_offset, *spec.path_steps[1:])
        path = "".join(Category._int2str(step).rjust(Category.steplen, Category.alphabet[0]) for step in steps)
        rows.append((path, len(steps), spec.numchild, spec.name, slugify(spec.name), spec.description, True, True))
    pks = insert(Category, ["path", "depth", "numchild", "name", "slug", "description", "is_public",
                            "ancestors_are_public"], rows, returning=True)
    return [pk for pk, spec in zip(pks, specs) if spec.numchild == 0]
