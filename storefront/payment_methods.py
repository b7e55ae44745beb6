"""How customers pay: a small registry of payment methods the checkout offers.

Each method says how an order starts (its first status) and what "taking payment" means
at checkout. The two built in complete an order without any outside service:

- bank transfer: nothing is taken; the order waits in "Pending payment" until a shop
  manager marks it paid (moves it to "Processing");
- cash on delivery: the order goes straight to "Processing"; the money is collected
  by the carrier.

A card provider later is one more class: its ``take_payment`` calls the provider and
raises ``oscar.apps.payment.exceptions.RedirectRequired`` (hosted payment page),
``UnableToTakePayment`` (declined) or ``PaymentError``, which Oscar's checkout already
handles; then ``register(CardPayment())``.
"""

from dataclasses import dataclass
from decimal import Decimal

from oscar.core.loading import get_model

STATUS_PENDING_PAYMENT = "Pending payment"
STATUS_PROCESSING = "Processing"
STATUS_SHIPPED = "Shipped"
STATUS_DELIVERED = "Delivered"
STATUS_CANCELLED = "Cancelled"


@dataclass(frozen=True)
class PaymentMethod:
    code: str
    name: str
    description: str
    initial_status: str

    def take_payment(self, *, view, order_number: str, total) -> None:
        """Record how the order will be paid; called before the order is placed (Oscar's handle_payment)."""
        SourceType = get_model("payment", "SourceType")
        Source = get_model("payment", "Source")
        source_type, _ = SourceType.objects.get_or_create(code=self.code, defaults={"name": self.name})
        # Unsaved: Oscar saves the sources with the order (save_payment_sources).
        source = Source(
            source_type=source_type,
            currency=total.currency,
            reference=order_number,
            amount_allocated=Decimal(total.incl_tax),
        )
        view.add_payment_source(source)

    def is_paid_when(self, status: str) -> bool:
        """Whether moving an order into ``status`` means the money has arrived."""
        return False


class BankTransfer(PaymentMethod):
    def is_paid_when(self, status):
        return status == STATUS_PROCESSING


class CashOnDelivery(PaymentMethod):
    def is_paid_when(self, status):
        return status == STATUS_DELIVERED


_registry: dict[str, PaymentMethod] = {}


def register(method: PaymentMethod) -> PaymentMethod:
    _registry[method.code] = method
    return method


def available() -> list[PaymentMethod]:
    return list(_registry.values())


def get(code: str) -> PaymentMethod | None:
    return _registry.get(code)


def for_order(order) -> PaymentMethod | None:
    """The method an order was placed with (from its payment source)."""
    for source in order.sources.all():
        method = get(source.source_type.code)
        if method is not None:
            return method
    return None


register(
    BankTransfer(
        code="bank-transfer",
        name="Bank transfer",
        description="Pay by bank transfer: we send our bank details with your order confirmation "
        "and dispatch your order once the payment arrives.",
        initial_status=STATUS_PENDING_PAYMENT,
    )
)
register(
    CashOnDelivery(
        code="cash-on-delivery",
        name="Cash on delivery",
        description="Pay the courier in cash when your parcel arrives.",
        initial_status=STATUS_PROCESSING,
    )
)
