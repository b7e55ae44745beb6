"""bench.measure over a small dataset: every page answers, and its queries and timings are recorded."""

import json

import pytest

from bench.measure import Accounts, MeasureError, measure
from tests.factories import DEFAULT_PASSWORD, make_category, make_product, shipping_country
from tests.integration.home.builders import DEFAULT_ARTICLES, help_centre

pytestmark = pytest.mark.django_db

PAGES = [
    "plain",
    "one_query",
    "admin_empty",
    "home",
    "help_article",
    "catalogue",
    "product",
    "basket",
    "checkout",
    "ticket_list",
    "ticket_page",
    "ticket_table",
    "ticket_search_rare",
    "api_tickets",
]


@pytest.fixture
def accounts(customer, agent, lead, superuser):
    return Accounts(
        customer=customer.email, agent=agent.email, lead=lead.email, admin=superuser.email, password=DEFAULT_PASSWORD
    )


@pytest.fixture
def dataset(ticket, department):
    shipping_country()
    books = make_category("Books")
    product = make_product("Field Guide", price="12.00", num_in_stock=50, categories=[books])
    _, _, articles = help_centre(*DEFAULT_ARTICLES[:1])
    return {"ticket": ticket, "product": product, "article": articles[0]}


@pytest.fixture
def calibration_views(settings):
    settings.BENCH_CALIBRATION_VIEWS = True


def run(accounts, only=PAGES):
    return measure(accounts=accounts, repeat=2, warmup=1, checkout_repeat=1, only=only, scale="test")


class MeasureTests:
    def test_records_status_queries_and_timings_for_each_page(self, calibration_views, accounts, dataset):
        results = run(accounts)

        assert json.loads(json.dumps(results)) == results
        assert results["kind"] == "bench_measure"
        assert results["scale"] == "test"
        assert results["counts"]["tickets"] == 1
        pages = {page["key"]: page for page in results["pages"]}
        assert list(pages) == PAGES
        for key, page in pages.items():
            assert page["ok"], (key, page["error"])
            assert page["status"] in (200, 302)
            assert isinstance(page["queries"], int)
            assert page["samples"] == (1 if key == "checkout" else 2)
            assert 0 < page["min_ms"] <= page["median_ms"] <= page["p95_ms"] <= page["max_ms"]
        assert pages["plain"]["queries"] == 0
        assert pages["one_query"]["queries"] == 1
        assert pages["checkout"]["queries"] > pages["basket"]["queries"]
        assert pages["ticket_table"]["calibration"] == "admin_empty"
        assert pages["home"]["calibration"] == "one_query"

    def test_listings_count_their_second_page_too(self, calibration_views, accounts, dataset):
        pages = {page["key"]: page for page in run(accounts, only=["ticket_list", "api_tickets"])["pages"]}

        assert pages["ticket_list"]["queries_page2"] == pages["ticket_list"]["queries"]
        assert pages["ticket_list"]["page2_url"] == "/support/tickets/?page=2"

    def test_finds_what_to_request_in_the_database(self, calibration_views, accounts, dataset):
        results = run(accounts, only=["help_article", "product", "ticket_page"])

        urls = {page["key"]: page["url"] for page in results["pages"]}
        assert urls["ticket_page"] == dataset["ticket"].get_absolute_url()
        assert urls["product"] == dataset["product"].get_absolute_url()
        assert urls["help_article"] == dataset["article"].url

    def test_a_page_without_data_is_an_error_not_a_crash(self, calibration_views, accounts, customer, agent, lead):
        pages = {page["key"]: page for page in run(accounts, only=["ticket_page", "plain"])["pages"]}

        assert not pages["ticket_page"]["ok"]
        assert "no customer ticket url" in pages["ticket_page"]["error"]
        assert pages["plain"]["ok"]

    def test_refuses_to_run_without_the_calibration_views(self, accounts, dataset):
        with pytest.raises(MeasureError, match="PORTAL_BENCH_VIEWS"):
            run(accounts)

    def test_names_missing_accounts(self, calibration_views, accounts, dataset):
        with pytest.raises(MeasureError, match="nobody@example.com"):
            run(Accounts(**{**accounts.__dict__, "agent": "nobody@example.com"}))
