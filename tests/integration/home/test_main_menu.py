"""The main navigation on every page costs the same few queries however many menu pages there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from home.models import StandardPage

pytestmark = pytest.mark.django_db


def add_menu_pages(count):
    home = Site.objects.get(is_default_site=True).root_page
    for n in range(count):
        home.add_child(instance=StandardPage(title=f"Menu page {n}", slug=f"menu-page-{n}", show_in_menus=True))


def test_menu_pages_are_linked_from_the_header(client):
    add_menu_pages(2)
    html = client.get("/").content.decode()
    assert 'href="/menu-page-0/"' in html and 'href="/menu-page-1/"' in html


def test_query_count_does_not_grow_with_menu_pages(client, django_assert_num_queries):
    add_menu_pages(1)
    client.get("/")
    with CaptureQueriesContext(connection) as one:
        client.get("/")
    expected = len(one.captured_queries)
    home = Site.objects.get(is_default_site=True).root_page
    for n in range(1, 9):
        home.add_child(instance=StandardPage(title=f"More {n}", slug=f"more-{n}", show_in_menus=True))
    assert "More 8" in client.get("/").content.decode()  # the menu is built again once, then cached
    with django_assert_num_queries(expected):
        client.get("/")
