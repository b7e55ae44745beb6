"""One checkout submitted twice at once (double click, two tabs): one order, and the second submission shows it.

The second "Place order" of a checkout can reach the server in three states of the first:

- before the first has placed the order: it waits on the basket's row lock, then finds the order;
- after, but having read the basket while it was still open (a stale basket): same, or
  its stock check fails because the first took the last unit;
- after, with the basket already submitted: its basket is a new, empty one.

In every case it must redirect to the confirmation of the one order, with a message,
never show an error or "your basket is empty". The first three tests replay the last
two states one after the other; the threaded test runs real concurrent requests on PostgreSQL.
"""

import threading

import pytest
from django.conf import settings
from django.db import connections
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from portal import roles
from tests.factories import make_product, make_user
from tests.integration.storefront.checkout_steps import (
    add_to_basket,
    choose_new_address,
    choose_shipping_and_payment,
    place_order,
)

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

THANK_YOU_URL = "/shop/checkout/thank-you/"


def ready_to_place(client, product):
    add_to_basket(client, product)
    choose_new_address(client)
    preview = choose_shipping_and_payment(client, "bank-transfer")
    assert preview.status_code == 200
    return preview.context["basket"]


def messages_of(response):
    return [str(message) for message in response.wsgi_request._messages]


def replay_second_submission(client, *, session_before, basket=None):
    """Post "Place order" again as a request that read the session (and the basket) before the first finished."""
    session = client.session
    session.clear()
    session.update(session_before)
    session.save()
    if basket is not None:
        # As that request saw it: open, since it read it before the first committed.
        Basket.objects.filter(pk=basket.pk).update(status=Basket.OPEN, date_submitted=None)
    return place_order(client)


@pytest.mark.django_db
class DoubleSubmitReplayTests:
    @pytest.fixture
    def shopper(self, client, customer):
        client.force_login(customer)
        return client

    def assert_shows_the_one_order(self, client, response):
        assert reverse("checkout:thank-you") == THANK_YOU_URL
        assert response.status_code == 302 and response.url == THANK_YOU_URL, messages_of(response)
        order = Order.objects.get()
        assert any(f"Your order {order.number} has been placed" in message for message in messages_of(response))
        assert f"Order {order.number}: confirmation" in client.get(THANK_YOU_URL).content.decode()

    def test_with_the_basket_already_submitted(self, shopper):
        ready_to_place(shopper, make_product("Brass Desk Lamp"))
        session_before = dict(shopper.session.items())
        assert place_order(shopper).url == THANK_YOU_URL

        second = replay_second_submission(shopper, session_before=session_before)

        self.assert_shows_the_one_order(shopper, second)

    def test_with_a_stale_open_basket(self, shopper):
        basket = ready_to_place(shopper, make_product("Brass Desk Lamp", num_in_stock=10))
        session_before = dict(shopper.session.items())
        assert place_order(shopper).url == THANK_YOU_URL

        second = replay_second_submission(shopper, session_before=session_before, basket=basket)

        self.assert_shows_the_one_order(shopper, second)
        assert StockRecord.objects.get().num_allocated == 1

    def test_with_a_stale_basket_whose_last_unit_the_first_took(self, shopper):
        basket = ready_to_place(shopper, make_product("Last Lamp", num_in_stock=1))
        session_before = dict(shopper.session.items())
        assert place_order(shopper).url == THANK_YOU_URL

        second = replay_second_submission(shopper, session_before=session_before, basket=basket)

        self.assert_shows_the_one_order(shopper, second)
        assert not any("no longer in stock" in message for message in messages_of(second))


ROUNDS = 5


# Decided at collection, so on SQLite no transactional test database is set up (and flushed) for nothing.
@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="Needs row locks and concurrent writers: run with DATABASE_URL=postgres://… (SQLite has one writer).",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_simultaneous_submits_of_one_checkout_make_one_order():
    """Both requests carry the same session (one browser); the last unit in stock makes a stale stock check fail too."""
    for round_number in range(ROUNDS):
        customer = make_user(roles.CUSTOMERS, email=f"double{round_number}@example.com")
        product = make_product(f"Last Lamp {round_number}", num_in_stock=1)
        first = Client()
        first.force_login(customer)
        ready_to_place(first, product)
        second = Client()
        second.cookies = first.cookies  # same browser: same session, same basket

        start = threading.Barrier(2)
        outcomes: list = [None, None]

        def submit(index, client):
            try:
                start.wait()
                response = client.post(reverse("checkout:preview"), {"action": "place_order"})
                target = response.url if response.status_code == 302 else f"status {response.status_code}"
                outcomes[index] = (target, messages_of(response), response.context and response.context.get("error"))
            except Exception as error:  # noqa: BLE001  reported by the assertions below
                outcomes[index] = ("crashed", repr(error), None)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=submit, args=(i, c)) for i, c in enumerate([first, second])]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)

        orders = list(Order.objects.filter(user=customer))
        assert len(orders) == 1, outcomes
        assert [target for target, _, _ in outcomes] == [THANK_YOU_URL, THANK_YOU_URL], outcomes
        told = [messages for _, messages, _ in outcomes if any("has been placed" in m for m in messages)]
        assert len(told) == 1, outcomes  # the second submission says what happened
        assert f"Order {orders[0].number}: confirmation" in first.get(THANK_YOU_URL).content.decode()
        record = StockRecord.objects.get(product=product)
        assert (record.num_in_stock, record.num_allocated) == (1, 1)
