"""No overselling: twenty customers check out the last five units at the same moment (PostgreSQL only)."""

import threading

import pytest
from django.conf import settings
from django.db import connections
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from portal import roles
from tests.factories import make_product, make_user
from tests.integration.storefront.checkout_steps import add_to_basket, choose_new_address, choose_shipping_and_payment

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

CUSTOMERS = 20
UNITS = 5


# Decided at collection, so on SQLite no transactional test database is set up (and flushed) for nothing.
@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="Needs row locks and concurrent writers: run with DATABASE_URL=postgres://… (SQLite has one writer).",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_concurrent_checkouts_for_five_units_make_five_orders():
    product = make_product("Last Lamp", num_in_stock=UNITS)
    shoppers = []
    for n in range(CUSTOMERS):
        shopper = Client()
        shopper.force_login(make_user(roles.CUSTOMERS, email=f"racer{n}@example.com"))
        add_to_basket(shopper, product)
        choose_new_address(shopper)
        choose_shipping_and_payment(shopper, "bank-transfer")
        shoppers.append(shopper)

    start = threading.Barrier(CUSTOMERS)
    outcomes: list = [None] * CUSTOMERS

    def place(index, shopper):
        try:
            start.wait()
            response = shopper.post(reverse("checkout:preview"), {"action": "place_order"})
            if response.status_code == 302 and response.url == reverse("checkout:thank-you"):
                outcomes[index] = ("order", "")
            elif response.status_code == 200:
                outcomes[index] = ("refused", response.context["error"])
            else:
                outcomes[index] = ("refused", " ".join(str(m) for m in response.wsgi_request._messages))
        except Exception as error:  # noqa: BLE001  reported by the assertion below
            outcomes[index] = ("crashed", repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=place, args=(i, s)) for i, s in enumerate(shoppers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    placed = [o for o in outcomes if o and o[0] == "order"]
    refused = [o for o in outcomes if o and o[0] == "refused"]
    assert len(placed) == UNITS, outcomes
    assert len(refused) == CUSTOMERS - UNITS, outcomes
    assert all("“Last Lamp” is no longer in stock" in message for _, message in refused), refused
    assert Order.objects.count() == UNITS
    record = StockRecord.objects.get(product=product)
    assert (record.num_in_stock, record.num_allocated) == (UNITS, UNITS)
