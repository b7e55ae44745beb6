"""Every page's site and footer settings come from the cache, and a change to either shows at once."""

import re

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from home.models import SiteSettings
from portal.sites import CachedSiteMiddleware

pytestmark = pytest.mark.django_db

PAGE = "/accounts/login/"  # an ordinary page with the site's header and footer


def footer_text(client):
    html = client.get(PAGE).content.decode()
    return re.search(r'<footer class="site-footer">.*?<p class="mb-0">(.*?)</p>', html, re.S).group(1)


def queried_tables(client, url):
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return {table for query in queries.captured_queries for table in re.findall(r'FROM "(\w+)"', query["sql"])}


@pytest.fixture
def default_site():
    return Site.objects.get(is_default_site=True)


def test_the_site_and_its_settings_are_read_once_not_on_every_page(client, default_site):
    SiteSettings.for_site(default_site)
    assert {"wagtailcore_site", "home_sitesettings"} <= queried_tables(client, PAGE)
    assert not {"wagtailcore_site", "home_sitesettings"} & queried_tables(client, PAGE)


def test_saved_settings_show_on_the_next_page(client, default_site):
    row = SiteSettings.for_site(default_site)
    row.footer_text = "Open on weekdays"
    row.save()
    assert footer_text(client) == "Open on weekdays"

    row.footer_text = "Open on Sundays too"
    row.save()
    assert footer_text(client) == "Open on Sundays too"


def test_a_new_or_deleted_site_changes_the_next_page(client, default_site):
    SiteSettings.objects.update_or_create(site=default_site, defaults={"footer_text": "The default site"})
    assert footer_text(client) == "The default site"

    # The test client's host gets a site of its own, which wins over the default one.
    own = Site.objects.create(hostname="testserver", port=80, root_page=default_site.root_page)
    SiteSettings.objects.create(site=own, footer_text="The testserver site")
    assert footer_text(client) == "The testserver site"

    own.delete()
    assert footer_text(client) == "The default site"


def site_seen_by_a_view(host="testserver"):
    """The site a view finds for a request to ``host``, and the queries it took."""
    seen = {}

    def view(request):
        seen["site"] = Site.find_for_request(request)
        return HttpResponse()

    with CaptureQueriesContext(connection) as queries:
        CachedSiteMiddleware(view)(RequestFactory().get("/", HTTP_HOST=host))
    return seen["site"], len(queries.captured_queries)


def test_a_host_without_a_site_is_remembered_as_such(default_site):
    Site.objects.filter(pk=default_site.pk).update(is_default_site=False)
    assert site_seen_by_a_view("elsewhere.example") == (None, 1)
    assert site_seen_by_a_view("elsewhere.example") == (None, 0)


def test_the_cached_site_carries_no_root_page(default_site):
    assert site_seen_by_a_view() == (default_site, 1)
    site, queries = site_seen_by_a_view()
    assert site == default_site and queries == 0
    assert "root_page" not in site._state.fields_cache


def test_a_request_that_needs_no_site_looks_none_up(django_assert_num_queries):
    with django_assert_num_queries(0):
        CachedSiteMiddleware(lambda request: HttpResponse())(RequestFactory().get("/"))
