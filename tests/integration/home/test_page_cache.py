"""Visitors who are not signed in get CMS pages from the cache; nobody else does, and publishing empties it."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model
from wagtail.models import PageViewRestriction, Site

from home.models import HelpArticleStats, SiteSettings
from portal.pagecache import CSRF_PLACEHOLDER, HIT_HEADER
from tests.factories import make_products

from . import builders

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def test_second_visit_comes_from_the_cache_without_queries(client):
    first = client.get("/")
    assert first.status_code == 200
    assert first[HIT_HEADER] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/")
    assert second[HIT_HEADER] == "hit"
    assert second.content == first.content
    assert [q["sql"][:150] for q in queries] == []


def test_publishing_a_change_shows_at_once(client):
    page = builders.standard_page()
    assert client.get(page.url)[HIT_HEADER] == "miss"
    assert client.get(page.url)[HIT_HEADER] == "hit"
    page.title = "About the team"
    page.save_revision().publish()
    response = client.get(page.url)
    assert response[HIT_HEADER] == "miss"
    assert "About the team" in response.content.decode()


def test_query_strings_are_cached_apart(client):
    client.get("/")
    assert client.get("/?utm_source=x")[HIT_HEADER] == "miss"


def test_signed_in_people_and_personal_cookies_skip_the_cache(client, customer):
    client.get("/")
    client.cookies["oscar_open_basket"] = "1:abc"
    assert HIT_HEADER not in client.get("/")
    del client.cookies["oscar_open_basket"]
    client.force_login(customer)
    response = client.get("/")
    assert HIT_HEADER not in response
    assert reverse("account_logout") in response.content.decode()


def test_pages_that_count_visits_are_never_cached(client):
    _, _, (article, *_) = builders.help_centre(*builders.DEFAULT_ARTICLES)
    client.get(article.url)
    response = client.get(article.url)
    assert HIT_HEADER not in response
    assert HelpArticleStats.objects.get(page_id=article.pk).views == 2


def test_errors_are_not_cached(client):
    assert client.get("/no-such-page/").status_code == 404
    assert HIT_HEADER not in client.get("/no-such-page/")


def test_a_page_restricted_after_caching_is_not_served_from_the_cache(client):
    page = builders.standard_page()
    client.get(page.url)
    assert client.get(page.url)[HIT_HEADER] == "hit"
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret")
    response = client.get(page.url)
    assert HIT_HEADER not in response
    assert "password" in response.content.decode().lower()


def test_forms_on_a_cached_page_get_each_visitor_a_working_csrf_token(client):
    make_products(2)  # the home page lists new products, each card with an "Add to basket" form
    client.get("/")
    visitor = Client(enforce_csrf_checks=True)
    response = visitor.get("/")
    assert response[HIT_HEADER] == "hit"
    page = response.content.decode()
    assert CSRF_PLACEHOLDER.decode() not in page
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert tokens and "csrftoken" in response.cookies
    product = Product.objects.first()
    added = visitor.post(
        reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1, "csrfmiddlewaretoken": tokens[0]}
    )
    assert added.status_code == 302
    assert HIT_HEADER not in visitor.get("/")  # now a basket cookie: the page is personal


def test_saving_the_site_settings_shows_at_once(client):
    settings_row = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    client.get("/")
    assert client.get("/")[HIT_HEADER] == "hit"
    settings_row.footer_text = "Open on Sundays"
    settings_row.save()
    response = client.get("/")
    assert response[HIT_HEADER] == "miss"
    assert "Open on Sundays" in response.content.decode()
