"""Demo catalogue for `manage.py load_demo_data`: a partner, a product class, nested categories,
products with stock records and generated images.

Idempotent: partner and product class are found by code/slug, categories by their
slug under their parent, products by UPC; a second run creates nothing. Prices and
stock levels come from a generator seeded by the UPC, so every run (and every
machine) makes the same shop.
"""

import io
import random
import zlib
from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify
from oscar.core.loading import get_model
from PIL import Image, ImageDraw, ImageFont

Category = get_model("catalogue", "Category")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductClass = get_model("catalogue", "ProductClass")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")

PARTNER_NAME = "Portal Goods Ltd"
PARTNER_CODE = "portal-goods"
PRODUCT_CLASS_NAME = "Goods"
LOW_STOCK_THRESHOLD = 5
IMAGE_SIZE = (480, 480)

# Category path (names, root first) -> (description, products as (title, blurb)).
CATALOGUE = {
    ("Clothing",): ("Clothes and accessories, made to last.", []),
    ("Clothing", "T-shirts"): (
        "Everyday tees in organic cotton.",
        [
            ("Classic Crew T-shirt", "A heavyweight crew-neck tee that keeps its shape wash after wash."),
            ("Organic Cotton V-neck", "Soft, breathable V-neck in certified organic cotton."),
            ("Striped Breton Tee", "The sailor's classic: navy stripes on an ecru ground."),
            ("Graphic Mountain Tee", "Screen-printed mountain skyline on a relaxed fit."),
            ("Long-sleeve Waffle Tee", "Waffle-knit long sleeves for cool mornings."),
        ],
    ),
    ("Clothing", "Hoodies"): (
        "Warm layers for every season.",
        [
            ("Zip Fleece Hoodie", "Brushed fleece with a full-length zip and deep pockets."),
            ("Heavyweight Pullover Hoodie", "A dense loopback pullover with a lined hood."),
            ("Lightweight Running Hoodie", "Quick-drying and reflective, for runs after dark."),
            ("Sherpa-lined Hoodie", "Cosy sherpa lining for the coldest days."),
        ],
    ),
    ("Clothing", "Accessories"): (
        "The finishing touches.",
        [
            ("Merino Wool Beanie", "Fine merino rib knit, warm without the itch."),
            ("Canvas Tote Bag", "Heavy cotton canvas with an inside pocket."),
            ("Leather Card Holder", "Vegetable-tanned leather, four card slots."),
        ],
    ),
    ("Home",): ("Things for the house.", []),
    ("Home", "Kitchen"): (
        "Tools and tableware for the kitchen.",
        [
            ("Enamel Camping Mug", "Chip-resistant enamel mug, at home by the hob or the campfire."),
            ("Cast Iron Skillet", "Pre-seasoned 26 cm skillet that will outlive us all."),
            ("Bamboo Chopping Board", "Hard-wearing, knife-friendly bamboo board."),
            ("Stoneware Serving Bowl", "Hand-glazed stoneware bowl for salads and sharing."),
            ("French Press Coffee Maker", "Eight-cup borosilicate press with a steel filter."),
            ("Glass Storage Jars (set of 3)", "Airtight jars with beech lids."),
        ],
    ),
    ("Home", "Lighting"): (
        "Lamps, shades and bulbs.",
        [
            ("Brass Desk Lamp", "Adjustable brass lamp with a weighted base."),
            ("Linen Pendant Shade", "Natural linen drum shade, 40 cm across."),
            ("Rechargeable LED Lantern", "USB-C lantern with three brightness levels."),
            ("Edison Filament Bulb (2-pack)", "Warm amber LED filament bulbs, E27."),
            ("Solar Garden Lights", "A string of twenty solar lights for the garden."),
        ],
    ),
    ("Books",): (
        "Reading for curious minds.",
        [
            ("The Pragmatic Gardener", "Grow more with less: a year in a small garden."),
            ("A Short History of Maps", "How people have drawn the world, from clay tablets to satellites."),
            ("Cooking for One", "Eighty quick recipes that do not leave you with leftovers for a week."),
            ("Field Guide to British Birds", "Every species you are likely to see, with colour plates."),
            ("The Night Sky Atlas", "Star charts for every month of the year."),
        ],
    ),
    ("Stationery",): (
        "Paper, pens and planners.",
        [
            ("Dot Grid Notebook A5", "160 pages of 100 gsm dot grid paper, lay-flat binding."),
            ("Brass Fountain Pen", "A solid brass pen with a fine steel nib."),
            ("Recycled Kraft Envelopes (50)", "C6 envelopes in recycled kraft paper."),
            ("Weekly Desk Planner", "Undated weekly pages, tear-off sheets."),
            ("Watercolour Pencil Set", "Twenty-four pencils that turn to paint with a wet brush."),
        ],
    ),
}

PALETTE = ["#1d3557", "#2a6f97", "#6a4c93", "#b5121b", "#2d6a4f", "#8d5a2b", "#33415c", "#9d0208"]


def load_catalogue(*, stdout=None) -> None:
    """Create the demo catalogue, or complete it; never duplicates anything."""
    counts = {"categories": 0, "products": 0, "images": 0}
    with transaction.atomic():
        partner = _partner()
        product_class = _product_class()
        categories = {}
        for names, (description, items) in CATALOGUE.items():
            category = _category(names, description, categories, counts)
            for title, blurb in items:
                _product(title, blurb, category, product_class, partner, counts)
    if stdout is not None:
        stdout.write(
            f"Catalogue: {counts['categories']} categories, {counts['products']} products "
            f"and {counts['images']} images created.\n"
        )


def demo_upc(title: str) -> str:
    """A stable 13-digit code from the title, so a product is found again on the next run."""
    return f"50{zlib.crc32(title.encode()):011d}"


def _partner():
    partner, _ = Partner.objects.get_or_create(code=PARTNER_CODE, defaults={"name": PARTNER_NAME})
    return partner


def _product_class():
    product_class, _ = ProductClass.objects.get_or_create(
        slug=slugify(PRODUCT_CLASS_NAME),
        defaults={"name": PRODUCT_CLASS_NAME, "track_stock": True, "requires_shipping": True},
    )
    return product_class


def _category(names, description, known, counts):
    slug = slugify(names[-1])
    parent = known.get(names[:-1])
    siblings = parent.get_children() if parent is not None else Category.get_root_nodes()
    category = siblings.filter(slug=slug).first()
    if category is None:
        fields = {"name": names[-1], "slug": slug, "description": f"<p>{description}</p>"}
        category = parent.add_child(**fields) if parent is not None else Category.add_root(**fields)
        counts["categories"] += 1
    known[names] = category
    return category


def _product(title, blurb, category, product_class, partner, counts):
    upc = demo_upc(title)
    product = Product.objects.filter(upc=upc).first()
    if product is None:
        product = Product.objects.create(
            upc=upc,
            title=title,
            description=f"<p>{blurb}</p>",
            product_class=product_class,
            structure=Product.STANDALONE,
            is_public=True,
        )
        counts["products"] += 1
    ProductCategory.objects.get_or_create(product=product, category=category)

    rng = random.Random(upc)
    StockRecord.objects.get_or_create(
        partner=partner,
        partner_sku=upc,
        defaults={
            "product": product,
            "price_currency": settings.OSCAR_DEFAULT_CURRENCY,
            "price": Decimal(rng.randrange(300, 12000)) / 100,
            # About one product in five is low on stock or sold out.
            "num_in_stock": rng.randint(0, 4) if rng.random() < 0.2 else rng.randint(5, 50),
            "low_stock_threshold": LOW_STOCK_THRESHOLD,
        },
    )

    if not product.images.exists():
        for display_order in range(rng.randint(1, 2)):
            image = ProductImage(product=product, caption=title, display_order=display_order)
            filename = f"{slugify(title)}-{display_order + 1}.jpg"
            image.original.save(filename, ContentFile(_picture(title, variant=display_order)), save=False)
            image.save()
            counts["images"] += 1


def _picture(title: str, *, variant: int) -> bytes:
    """A JPEG: the product's initials large on a coloured ground, its title small below."""
    colour = PALETTE[(zlib.crc32(title.encode()) + variant * 3) % len(PALETTE)]
    picture = Image.new("RGB", IMAGE_SIZE, colour)
    draw = ImageDraw.Draw(picture)
    width, height = IMAGE_SIZE
    initials = "".join(word[0] for word in title.split() if word[:1].isalnum())[:3].upper()
    draw.text((width / 2, height * 0.42), initials, fill="white", anchor="mm", font=ImageFont.load_default(size=150))
    draw.text((width / 2, height * 0.8), title, fill="white", anchor="mm", font=ImageFont.load_default(size=26))
    if variant:
        draw.rectangle((16, 16, width - 16, height - 16), outline="white", width=6)
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


# --- demo orders, reviews and a wish list ------------------------------------

DEMO_CUSTOMER_EMAIL = "customer@example.com"
DEMO_SHOP_MANAGER_EMAIL = "shop@example.com"

# (order number, payment method, product titles, the statuses it goes through after being placed)
DEMO_ORDERS = [
    ("DEMO-1001", "bank-transfer", ["Dot Grid Notebook A5", "Brass Fountain Pen"], []),
    ("DEMO-1002", "bank-transfer", ["French Press Coffee Maker"], ["Processing"]),
    ("DEMO-1003", "cash-on-delivery", ["Merino Wool Beanie", "Canvas Tote Bag"], ["Shipped"]),
    ("DEMO-1004", "bank-transfer", ["Cast Iron Skillet"], ["Processing", "Shipped", "Delivered"]),
    ("DEMO-1005", "cash-on-delivery", ["Rechargeable LED Lantern"], ["Cancelled"]),
]
DEMO_REVIEWS = [
    # (product, score, title, body, approved)
    ("Cast Iron Skillet", 5, "Heavy and brilliant", "Heats evenly and went straight from hob to oven.", True),
    ("French Press Coffee Maker", 4, "Good coffee", "Makes a fine cup; the lid could fit tighter.", True),
    ("Merino Wool Beanie", 3, "Warm but small", "Lovely wool, but it runs a size small.", False),
]
DEMO_WISHLIST = ("Gift ideas", ["Brass Desk Lamp", "The Night Sky Atlas", "Leather Card Holder"])


def load_orders(*, stdout=None) -> None:
    """Orders in every status for the demo customer, with reviews and a wish list; never duplicates."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    customer = User.objects.filter(email=DEMO_CUSTOMER_EMAIL).first()
    manager = User.objects.filter(email=DEMO_SHOP_MANAGER_EMAIL).first()
    if customer is None or manager is None:
        if stdout is not None:
            stdout.write("Orders: the demo customer or shop manager is missing; skipped.\n")
        return
    products = {product.title: product for product in Product.objects.filter(upc__in=_demo_upcs())}
    counts = {"orders": 0, "reviews": 0, "wishlists": 0}
    address = _demo_address(customer)
    for number, method_code, titles, statuses in DEMO_ORDERS:
        if Order.objects.filter(number=number).exists() or not all(title in products for title in titles):
            continue
        with transaction.atomic():
            order = _demo_order(customer, address, number, method_code, [products[t] for t in titles])
            for status in statuses:
                from .services import order_set_status

                extra = {"carrier": "Royal Mail", "tracking": f"RM{number[-4:]}0042GB"} if status == "Shipped" else {}
                order = order_set_status(order=order, status=status, actor=manager, **extra)
        counts["orders"] += 1
    for title, score, review_title, body, approved in DEMO_REVIEWS:
        product = products.get(title)
        if product is None or ProductReview.objects.filter(product=product, user=customer).exists():
            continue
        ProductReview.objects.create(
            product=product,
            user=customer,
            score=score,
            title=review_title,
            body=body,
            status=ProductReview.APPROVED if approved else ProductReview.FOR_MODERATION,
        )
        counts["reviews"] += 1
    name, titles = DEMO_WISHLIST
    if not WishList.objects.filter(owner=customer, name=name).exists():
        wishlist = WishList.objects.create(owner=customer, name=name)
        for title in titles:
            if title in products:
                wishlist.add(products[title])
        counts["wishlists"] += 1
    if stdout is not None:
        stdout.write(
            f"Orders: {counts['orders']} orders, {counts['reviews']} reviews and {counts['wishlists']} wish lists created.\n"
        )


def _demo_upcs():
    return [demo_upc(title) for _, (_, items) in CATALOGUE.items() for title, _ in items]


def _demo_address(customer):
    country = Country.objects.filter(is_shipping_country=True).order_by("display_order", "pk").first()
    if country is None:
        country, _ = Country.objects.get_or_create(
            iso_3166_1_a2="GB",
            defaults={"name": "United Kingdom", "printable_name": "United Kingdom", "is_shipping_country": True},
        )
    fields = {"first_name": "Casey", "last_name": "Customer", "line1": "12 Market Street", "line4": "Bristol", "postcode": "BS1 1AA"}
    address = UserAddress.objects.filter(user=customer, line1=fields["line1"]).first()
    if address is None:
        address = UserAddress.objects.create(
            user=customer, country=country, is_default_for_shipping=True, is_default_for_billing=True, **fields
        )
    return address


def _demo_order(customer, user_address, number, method_code, products):
    from django.db.models import F
    from oscar.apps.order.utils import OrderCreator
    from oscar.core.prices import Price

    from . import payment_methods
    from .partner.strategy import Selector
    from .partner.tax import apply_tax_at_checkout
    from .shipping.repository import Repository

    for product in products:
        # The demo orders must be placeable whatever stock the generator gave the product.
        StockRecord.objects.filter(product=product, num_in_stock__lt=F("num_allocated") + 5).update(
            num_in_stock=F("num_allocated") + 5
        )
    basket = Basket.objects.create(owner=customer)
    basket.strategy = Selector().strategy()  # priced with the shop's tax rule, like the checkout
    for product in products:
        basket.add_product(product, 1)
    shipping_address = ShippingAddress(country=user_address.country)
    user_address.populate_alternative_model(shipping_address)
    shipping_address.save()
    method = Repository().get_default_shipping_method(basket=basket, shipping_addr=shipping_address)
    charge = method.calculate(basket)
    apply_tax_at_checkout(basket=basket, shipping_charge=charge)
    total = Price(
        currency=basket.currency,
        excl_tax=basket.total_excl_tax + charge.excl_tax,
        incl_tax=basket.total_incl_tax + charge.incl_tax,
    )
    payment = payment_methods.get(method_code)
    order = OrderCreator().place_order(
        basket=basket,
        total=total,
        shipping_method=method,
        shipping_charge=charge,
        user=customer,
        shipping_address=shipping_address,
        order_number=number,
        status=payment.initial_status,
    )
    basket.submit()
    source_type, _ = SourceType.objects.get_or_create(code=payment.code, defaults={"name": payment.name})
    Source.objects.create(order=order, source_type=source_type, currency=order.currency, amount_allocated=total.incl_tax, reference=number)
    return order


Basket = get_model("basket", "Basket")
Country = get_model("address", "Country")
Order = get_model("order", "Order")
ProductReview = get_model("reviews", "ProductReview")
ShippingAddress = get_model("order", "ShippingAddress")
Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")
UserAddress = get_model("address", "UserAddress")
WishList = get_model("wishlists", "WishList")
