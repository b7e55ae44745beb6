"""The listings count exactly up to a limit, say "more than" past it, and still reach every page."""

import re

import pytest
from django.urls import reverse

from storefront.search.views import ListingPaginator
from tests.factories import make_products

pytestmark = pytest.mark.django_db

BROWSE_URL = reverse("catalogue:index")


@pytest.fixture
def small_pages(settings, monkeypatch):
    settings.OSCAR_PRODUCTS_PER_PAGE = 2
    monkeypatch.setattr(ListingPaginator, "count_limit", 5)


def summary(response) -> str:
    html = response.content.decode()
    result = re.search(r'class="result-summary[^>]*>(.*?)</p>', html, re.S).group(1)
    page_of = re.search(r"Page \d+ of [^<]*", html)
    text = re.sub(r"<[^>]+>", "", result)
    return " ".join((text + (" | " + page_of.group(0) if page_of else "")).split())


def test_counts_exactly_up_to_the_limit(client, small_pages):
    make_products(5)

    response = client.get(BROWSE_URL)

    assert summary(response) == "5 results - showing 1 to 2. | Page 1 of 3"
    assert response.context["paginator"].count == 5


def test_says_more_than_past_the_limit(client, small_pages):
    make_products(8)

    response = client.get(BROWSE_URL)

    assert summary(response) == "More than 5 results - showing 1 to 2. | Page 1 of more than 3"
    assert 'rel="next"' in response.content.decode()


def test_every_page_past_the_limit_is_reachable(client, small_pages):
    make_products(12)

    past_the_limit = client.get(BROWSE_URL, {"page": 3})
    last = client.get(BROWSE_URL, {"page": 6})
    beyond = client.get(BROWSE_URL, {"page": 7})

    # A deeper page counts to the end of the next page.
    assert summary(past_the_limit) == "More than 8 results - showing 5 to 6. | Page 3 of more than 4"
    assert [p.title for p in past_the_limit.context["products"]] == ["Product 008", "Product 007"]
    assert 'rel="next"' in past_the_limit.content.decode()
    assert summary(last) == "12 results - showing 11 to 12. | Page 6 of 6"
    assert 'rel="next"' not in last.content.decode()
    assert beyond.status_code == 302


def test_the_count_reads_at_most_the_limit(client, small_pages, django_assert_max_num_queries):
    make_products(8)
    client.get(BROWSE_URL)

    with django_assert_max_num_queries(10) as captured:
        client.get(BROWSE_URL)

    counts = [query["sql"] for query in captured.captured_queries if "COUNT(" in query["sql"]]
    assert len(counts) == 1
    assert "LIMIT 6" in counts[0]
