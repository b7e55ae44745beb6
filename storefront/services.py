"""Every write of the shop that is ours rather than Oscar's: placing-order guards, stock, the order pipeline."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from oscar.apps.order.exceptions import InvalidOrderStatus
from oscar.apps.partner.exceptions import InvalidStockAdjustment
from oscar.core.loading import get_model

from portal.notifications import email_after_commit, notify
from portal.permissions import can_use_shop_dashboard

from . import payment_methods
from .models import Shipment
from .payment_methods import STATUS_CANCELLED, STATUS_SHIPPED

Basket = get_model("basket", "Basket")
CommunicationEvent = get_model("order", "CommunicationEvent")
CommunicationEventType = get_model("communication", "CommunicationEventType")
Order = get_model("order", "Order")
OrderNote = get_model("order", "OrderNote")
PaymentEventType = get_model("order", "PaymentEventType")
ShippingEventType = get_model("order", "ShippingEventType")
StockRecord = get_model("partner", "StockRecord")

ORDER_PLACED_EVENT_CODE = "ORDER_PLACED"


class OutOfStock(Exception):
    """A basket line asks for more than is free in stock at the moment the order is placed."""


class AlreadyPlaced(Exception):
    """The basket was already turned into an order (a second submission of the same checkout)."""

    def __init__(self, order):
        super().__init__(f"Order {order.number} has already been placed.")
        self.order = order


# --- placing orders ----------------------------------------------------------


def basket_lock_for_order(*, basket) -> None:
    """Lock the basket row for the placing transaction; raise AlreadyPlaced if an order exists for it."""
    Basket.objects.select_for_update().filter(pk=basket.pk).first()
    order = Order.objects.filter(basket_id=basket.pk).first()
    if order is not None:
        raise AlreadyPlaced(order)


def basket_wait_for_order(*, basket_id: int, user):
    """The user's order placed from this basket, if any, once a placing of it in progress has finished.

    Takes the basket row lock that placing holds (``basket_lock_for_order``), so a second
    submission of a checkout sees the first one's order as soon as it commits.
    """
    with transaction.atomic():
        Basket.objects.select_for_update().filter(pk=basket_id).first()
        return Order.objects.filter(basket_id=basket_id, user=user).first()


def stock_reserve_for_basket(*, basket) -> dict[int, int]:
    """Lock the basket's stock records and check there is enough free stock for every line.

    Call inside the transaction that places the order: the row locks (taken in pk order,
    so concurrent checkouts cannot deadlock) are held until it commits, so Oscar's
    ``allocate()`` that follows cannot oversell. Returns each record's free stock before
    the order, for the low-stock alert.
    """
    wanted: dict[int, int] = defaultdict(int)
    titles: dict[int, str] = {}
    for line in basket.all_lines():
        if line.stockrecord_id and line.product.get_product_class().track_stock:
            wanted[line.stockrecord_id] += line.quantity
            titles[line.stockrecord_id] = line.product.get_title()
    records = StockRecord.objects.select_for_update().filter(pk__in=wanted).order_by("pk")
    free_before = {}
    for record in records:
        free = (record.num_in_stock or 0) - (record.num_allocated or 0)
        free_before[record.pk] = free
        if free < wanted[record.pk]:
            raise OutOfStock(out_of_stock_message(title=titles[record.pk], free=free))
    return free_before


def out_of_stock_message(*, title: str, free: int) -> str:
    if free <= 0:
        return f"Sorry, “{title}” is no longer in stock. Please remove it from your basket."
    return (
        f"Sorry, only {free} of “{title}” {'is' if free == 1 else 'are'} left in stock. "
        "Please change the quantity in your basket."
    )


def stock_alert_low(*, free_before: dict[int, int]) -> list:
    """Tell shop managers about each record whose free stock has just fallen below the threshold."""
    threshold = settings.SHOP_LOW_STOCK_THRESHOLD
    alerted = []
    for record in StockRecord.objects.filter(pk__in=free_before).select_related("product"):
        free = (record.num_in_stock or 0) - (record.num_allocated or 0)
        if free < threshold <= free_before[record.pk]:
            alerted.append(record)
            notify(
                recipients=shop_managers(),
                title=f"Low stock: {record.product.get_title()} ({free} left)",
                body=f"{record.product.get_title()} (SKU {record.partner_sku}) has {free} free in stock, "
                f"below the alert level of {threshold}.",
                url=reverse("dashboard:catalogue-product", kwargs={"pk": record.product_id}),
            )
    return alerted


def shop_managers():
    permission = Permission.objects.get(content_type__app_label="portal", codename="access_shop_dashboard")
    return (
        get_user_model()
        .objects.filter(Q(groups__permissions=permission) | Q(user_permissions=permission), is_active=True)
        .distinct()
        .order_by("pk")
    )


def order_send_confirmation(*, order) -> None:
    """Queue the order confirmation email (sent by the worker once the order has committed).

    The text comes from Oscar's ORDER_PLACED communication type: the one saved in the
    dashboard if a shop manager edited it, else Oscar's templates (which we override).
    """
    event_type = CommunicationEventType.objects.filter(code=ORDER_PLACED_EVENT_CODE).first()
    saved = event_type is not None
    if not saved:
        event_type = CommunicationEventType(code=ORDER_PLACED_EVENT_CODE, category=CommunicationEventType.ORDER_RELATED)
    context = {
        "user": order.user,
        "order": order,
        "lines": order.lines.all(),
        "payment_method": payment_methods.for_order(order),
        "status_path": reverse("customer:order", kwargs={"order_number": order.number}),
        "status_url": f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}"
        f"{reverse('customer:order', kwargs={'order_number': order.number})}",
    }
    messages = event_type.get_messages(context)
    recipient = order.email or (order.user.email if order.user else "")
    if not recipient:
        return
    email_after_commit(subject=messages["subject"], body=messages["body"], html_body=messages["html"], to=[recipient])
    if saved:
        CommunicationEvent.objects.create(order=order, event_type=event_type)


# --- the order pipeline --------------------------------------------------------


def _require_shop_manager(actor):
    if not (getattr(actor, "is_superuser", False) or can_use_shop_dashboard(actor)):
        raise PermissionDenied("Only shop managers can change an order's status.")


def order_set_status(*, order, status: str, actor, carrier: str = "", tracking: str = "", note: str = ""):
    """Move an order along OSCAR_ORDER_STATUS_PIPELINE: the one way its status changes.

    Shipping records the carrier and tracking number and consumes the allocated stock;
    cancelling frees it; the payment method says which move means the money arrived.
    The customer is notified (in-app and email) of every change.
    """
    _require_shop_manager(actor)
    carrier, tracking = carrier.strip(), tracking.strip()
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        old_status = order.status
        if status == old_status:
            raise InvalidOrderStatus(f"Order {order.number} is already {status}.")
        if status not in order.available_statuses():
            raise InvalidOrderStatus(f"An order cannot move from “{old_status}” to “{status}”.")
        if status == STATUS_SHIPPED and not carrier:
            raise InvalidOrderStatus("Enter the carrier to mark the order shipped.")
        order.set_status(status)
        lines = list(order.lines.select_related("stockrecord", "product__product_class", "product__parent__product_class"))
        if status == STATUS_SHIPPED:
            _ship(order=order, lines=lines, carrier=carrier, tracking=tracking)
        elif status == STATUS_CANCELLED:
            for line in lines:
                if line.stockrecord is not None:
                    line.stockrecord.cancel_allocation(line.quantity)
        _record_payment(order=order, status=status)
        details = f" ({carrier} {tracking})".rstrip() if status == STATUS_SHIPPED else ""
        OrderNote.objects.create(
            order=order,
            user=actor,
            note_type=OrderNote.SYSTEM,
            message=f"Status changed from {old_status} to {status}{details}." + (f"\n{note}" if note else ""),
        )
        if order.user is not None:
            body = f"Your order {order.number} is now {status.lower()}."
            if status == STATUS_SHIPPED:
                body += f" Carrier: {carrier}." + (f" Tracking number: {tracking}." if tracking else "")
            notify(
                recipients=[order.user],
                title=f"Order {order.number}: {status}",
                body=body,
                url=reverse("customer:order", kwargs={"order_number": order.number}),
                exclude=actor,
            )
    return order


@dataclass
class BulkStatusResult:
    """What a bulk status change did: the orders moved, and the ones refused with the reason."""

    status: str
    changed: list = field(default_factory=list)
    refused: list[tuple] = field(default_factory=list)


def orders_set_status(
    *, orders, status: str, actor, carrier: str = "", tracking_by_number: dict[str, str] | None = None
) -> BulkStatusResult:
    """Move several orders to ``status``, each through ``order_set_status`` in its own transaction.

    An order the pipeline refuses (already shipped, cancelled, stock missing) is reported
    and does not stop the others. Shipping needs the carrier, common to all the orders;
    ``tracking_by_number`` gives some or all of them a tracking number. Without a
    carrier nothing is changed at all.
    """
    _require_shop_manager(actor)
    carrier = carrier.strip()
    tracking_by_number = tracking_by_number or {}
    if status == STATUS_SHIPPED and not carrier:
        raise InvalidOrderStatus("Enter the carrier to mark orders shipped.")
    result = BulkStatusResult(status=status)
    for order in sorted(orders, key=lambda order: order.number):
        try:
            changed = order_set_status(
                order=order,
                status=status,
                actor=actor,
                carrier=carrier if status == STATUS_SHIPPED else "",
                tracking=tracking_by_number.get(order.number, "") if status == STATUS_SHIPPED else "",
            )
        except InvalidOrderStatus as error:
            result.refused.append((order, str(error)))
        else:
            result.changed.append(changed)
    return result


def _ship(*, order, lines, carrier, tracking):
    event_type, _ = ShippingEventType.objects.get_or_create(code="shipped", defaults={"name": "Shipped"})
    event = order.shipping_events.create(event_type=event_type, notes=f"{carrier} {tracking}".strip())
    for line in lines:
        event.line_quantities.create(line=line, quantity=line.quantity)
        if line.stockrecord is not None:
            try:
                line.stockrecord.consume_allocation(line.quantity)
            except InvalidStockAdjustment as error:
                raise InvalidOrderStatus(
                    f"Cannot ship “{line.title}”: the stock record has fewer than {line.quantity} in stock. "
                    "Correct the stock in the dashboard first."
                ) from error
    Shipment.objects.create(order=order, shipping_event=event, carrier=carrier, tracking_number=tracking)


def _record_payment(*, order, status):
    method = payment_methods.for_order(order)
    if method is None or not method.is_paid_when(status):
        return
    event_type, _ = PaymentEventType.objects.get_or_create(code="paid", defaults={"name": "Paid"})
    total = 0
    for source in order.sources.all():
        if source.balance > 0:
            total += source.balance
            source.debit()
    if total:
        order.payment_events.create(event_type=event_type, amount=total)
