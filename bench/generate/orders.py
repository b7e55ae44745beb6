"""Orders with lines, shipping addresses, payment sources, status history and shipments.

Statuses follow OSCAR_ORDER_STATUS_PIPELINE: bank transfer orders start in "Pending payment",
cash on delivery ones in "Processing" (storefront.payment_methods).
"""

import random
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import F
from oscar.core.loading import get_model

from storefront.models import Shipment
from storefront.payment_methods import (
    STATUS_CANCELLED,
    STATUS_DELIVERED,
    STATUS_PENDING_PAYMENT,
    STATUS_PROCESSING,
    STATUS_SHIPPED,
)

from .bulk import MINUTES_PER_DAY, Weighted, chunked, insert, past_moment, rng_for, spread_indexes
from .scales import BASE_TIME

Country = get_model("address", "Country")
Line = get_model("order", "Line")
Order = get_model("order", "Order")
OrderStatusChange = get_model("order", "OrderStatusChange")
ShippingAddress = get_model("order", "ShippingAddress")
Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")
StockRecord = get_model("partner", "StockRecord")

BANK_TRANSFER, CASH_ON_DELIVERY = "bank-transfer", "cash-on-delivery"
PAYMENT_NAMES = {BANK_TRANSFER: "Bank transfer", CASH_ON_DELIVERY: "Cash on delivery"}
CARRIERS = [("Royal Mail", "RM{:09d}GB"), ("DPD", "15{:012d}"), ("Evri", "H0{:014d}"), ("DHL", "JD{:016d}")]
LINE_COUNTS = Weighted([1, 2, 3, 4], [58, 27, 11, 4])
QUANTITIES = Weighted([1, 2, 3], [86, 11, 3])


@dataclass(slots=True)
class OrderSeed:
    created: object
    customer: int
    subseed: int


@dataclass(slots=True)
class OrderPlan:
    number: str
    customer: int
    placed: object
    status: str
    payment: str
    paid: bool
    lines: list  # (product index, quantity)
    changes: list  # (old status, new status, moment)
    shipment: tuple | None  # (carrier, tracking number, moment)


def order_number(index: int) -> str:
    # Oscar numbers a real order "basket id + 100000": the prefix keeps the two apart, so the
    # harness's checkouts never collide with generated orders.
    return f"B{100001 + index}"


def order_seeds(scale, seed) -> list[OrderSeed]:
    """Who ordered when, oldest first; the well-known customer gets ``bench_customer_items`` of them."""
    rng = rng_for(seed, "order-seeds")
    others = scale.customers - 1
    seeds = [
        OrderSeed(past_moment(rng, 5), 1 + int(others * rng.random() ** 1.3), rng.getrandbits(63))
        for _ in range(scale.orders)
    ]
    seeds.sort(key=lambda row: (row.created, row.subseed))
    for index in spread_indexes(len(seeds), scale.bench_customer_items):
        seeds[index].customer = 0
    return seeds


def plan_order(index: int, row: OrderSeed, product_count: int) -> OrderPlan:
    rng = random.Random(row.subseed)
    age = (BASE_TIME - row.created).total_seconds() / 60
    payment = BANK_TRANSFER if rng.random() < 0.55 else CASH_ON_DELIVERY
    stages, moment = [], 0.0
    initial = STATUS_PENDING_PAYMENT if payment == BANK_TRANSFER else STATUS_PROCESSING
    cancelled = False
    if payment == BANK_TRANSFER:
        if rng.random() < 0.08:  # never paid: cancelled after a week
            stages.append((STATUS_PENDING_PAYMENT, STATUS_CANCELLED, 7 * MINUTES_PER_DAY + rng.uniform(0, 600)))
            cancelled = True
        else:
            moment = rng.uniform(30, 3 * MINUTES_PER_DAY)
            stages.append((STATUS_PENDING_PAYMENT, STATUS_PROCESSING, moment))
    if not cancelled:
        if rng.random() < 0.03:  # the customer changed their mind
            stages.append((STATUS_PROCESSING, STATUS_CANCELLED, moment + rng.uniform(30, 600)))
        else:
            shipped = moment + rng.uniform(240, 2 * MINUTES_PER_DAY)
            stages.append((STATUS_PROCESSING, STATUS_SHIPPED, shipped))
            delivered = shipped + rng.uniform(MINUTES_PER_DAY, 4 * MINUTES_PER_DAY)
            stages.append((STATUS_SHIPPED, STATUS_DELIVERED, delivered))
    done = [(old, new, row.created + timedelta(seconds=int(at * 60))) for old, new, at in stages if at <= age]
    status = done[-1][1] if done else initial
    shipment = None
    for _old, new, at in done:
        if new == STATUS_SHIPPED:
            carrier, pattern = rng.choice(CARRIERS)
            shipment = (carrier, pattern.format(rng.randrange(10**8)), at)
    products = set()
    for _ in range(LINE_COUNTS.pick(rng)):
        products.add(int(product_count * rng.random() ** 1.8))
    return OrderPlan(
        number=order_number(index), customer=row.customer, placed=row.created, status=status, payment=payment,
        paid=any(new == (STATUS_PROCESSING if payment == BANK_TRANSFER else STATUS_DELIVERED) for _o, new, _a in done),
        lines=[(product, QUANTITIES.pick(rng)) for product in sorted(products)], changes=done, shipment=shipment,
    )


def load_orders(world) -> None:
    country = Country.objects.filter(is_shipping_country=True).order_by("display_order", "pk").first()
    if country is None:
        country, _ = Country.objects.get_or_create(
            iso_3166_1_a2="GB",
            defaults={"name": "United Kingdom", "printable_name": "United Kingdom", "is_shipping_country": True},
        )
    source_types = {
        code: SourceType.objects.get_or_create(code=code, defaults={"name": name})[0].pk
        for code, name in PAYMENT_NAMES.items()
    }
    flat_rate = Decimal(str(settings.SHOP_FLAT_SHIPPING_RATE))
    threshold = Decimal(str(settings.SHOP_FREE_SHIPPING_THRESHOLD))
    currency = settings.OSCAR_DEFAULT_CURRENCY
    products, partner = world.products, world.partner
    plans = (plan_order(index, row, len(products)) for index, row in enumerate(world.order_seeds))
    held = Counter()
    for chunk in chunked(plans):
        addresses = []
        for plan in chunk:
            first, last, _email, street, town, postcode = world.customer_profiles[plan.customer]
            search = f"{first} {last} {street} {town} {postcode} {country.printable_name}"
            addresses.append((first, last, street, town, postcode, country.pk, search))
        address_pks = insert(ShippingAddress, ADDRESS_FIELDS, addresses, returning=True)
        orders, totals = [], []
        for plan, address_pk in zip(chunk, address_pks):
            subtotal = sum(products[p].price * quantity for p, quantity in plan.lines)
            shipping = Decimal("0.00") if subtotal >= threshold else flat_rate
            total = subtotal + shipping
            totals.append(total)
            free = shipping == 0
            orders.append((
                plan.number, settings.SITE_ID, world.customers[plan.customer], currency, total, total, shipping,
                shipping, address_pk, "Free delivery" if free else "Standard delivery",
                "free-over-threshold" if free else "flat-rate", plan.status, plan.placed,
            ))
        order_pks = insert(Order, ORDER_FIELDS, orders, returning=True)
        world.orders.extend(order_pks)
        lines, sources, changes, shipments = [], [], [], []
        for plan, order_pk, total in zip(chunk, order_pks, totals):
            for product_index, quantity in plan.lines:
                product = products[product_index]
                price = product.price * quantity
                if plan.status in (STATUS_PENDING_PAYMENT, STATUS_PROCESSING):
                    held[product.stockrecord_pk] += quantity
                lines.append((
                    order_pk, partner.pk, partner.name, product.sku, product.stockrecord_pk, product.pk, product.title,
                    product.upc, quantity, price, price, price, price, product.price, product.price, plan.status,
                    quantity, plan.status == STATUS_CANCELLED,
                ))
            sources.append((order_pk, source_types[plan.payment], currency, total, total if plan.paid else 0,
                            Decimal("0.00"), plan.number))
            changes.extend((order_pk, old, new, at) for old, new, at in plan.changes)
            if plan.shipment:
                shipments.append((order_pk, *plan.shipment))
        insert(Line, LINE_FIELDS, lines)
        insert(Source, ["order_id", "source_type_id", "currency", "amount_allocated", "amount_debited",
                        "amount_refunded", "reference"], sources)
        insert(OrderStatusChange, ["order_id", "old_status", "new_status", "date_created"], changes)
        insert(Shipment, ["order_id", "carrier", "tracking_number", "created_at"], shipments)
    _allocate(held)


ADDRESS_FIELDS = ["first_name", "last_name", "line1", "line4", "postcode", "country_id", "search_text"]
ORDER_FIELDS = ["number", "site_id", "user_id", "currency", "total_incl_tax", "total_excl_tax", "shipping_incl_tax",
                "shipping_excl_tax", "shipping_address_id", "shipping_method", "shipping_code", "status", "date_placed"]
LINE_FIELDS = ["order_id", "partner_id", "partner_name", "partner_sku", "stockrecord_id", "product_id", "title", "upc",
               "quantity", "line_price_incl_tax", "line_price_excl_tax", "line_price_before_discounts_incl_tax",
               "line_price_before_discounts_excl_tax", "unit_price_incl_tax", "unit_price_excl_tax", "status",
               "num_allocated", "allocation_cancelled"]


def _allocate(held: Counter) -> None:
    """Stock held by unshipped orders is allocated, as Oscar's checkout leaves it; free stock stays as planned."""
    by_quantity = defaultdict(list)
    for record_pk, quantity in held.items():
        by_quantity[quantity].append(record_pk)
    for quantity, record_pks in sorted(by_quantity.items()):
        StockRecord.objects.filter(pk__in=record_pks).update(
            num_allocated=quantity, num_in_stock=F("num_in_stock") + quantity
        )
