"""The site header's personal parts (admin links, basket count, unread badge): right on the very
next page after any change, never another person's, and read in one query."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_class, get_model

from portal import roles
from portal.permissions import can_use_shop_dashboard, can_use_wagtail_admin
from portal.selectors import header_state
from tests.factories import make_product, make_superuser, make_ticket, make_user

pytestmark = pytest.mark.django_db

Basket = get_model("basket", "Basket")
Selector = get_class("partner.strategy", "Selector")

PAGE = "/support/tickets/"


def admin_link(html):
    return f'href="{reverse("wagtailadmin_home")}">Admin</a>' in html


def dashboard_link(html):
    return f'href="{reverse("dashboard:index")}">Shop dashboard</a>' in html


def basket_badge(html):
    return int(re.search(r'basket-link".*?<span class="badge badge-light">(\d+)</span>', html, re.S).group(1))


def permission(dotted):
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def fill_basket(owner, product, quantity, *, status=Basket.OPEN):
    basket = Basket.objects.create(owner=owner)
    basket.strategy = Selector().strategy()
    basket.add_product(product, quantity)
    Basket.objects.filter(pk=basket.pk).update(status=status)


def add_to_basket(client, product, quantity):
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": quantity})


class AdminLinksTests:
    def test_a_customer_sees_neither_link(self, client, customer):
        client.force_login(customer)
        html = client.get(PAGE).content.decode()
        assert not admin_link(html) and not dashboard_link(html)

    def test_a_role_given_shows_on_the_next_page_and_taken_away_hides_it(self, client, customer):
        client.force_login(customer)
        agents = Group.objects.get(name=roles.AGENTS)

        customer.groups.add(agents)
        assert admin_link(client.get(PAGE).content.decode())

        customer.groups.remove(agents)
        assert not admin_link(client.get(PAGE).content.decode())

    def test_a_permission_given_to_a_role_reaches_its_members_at_once(self, client, customer):
        client.force_login(customer)
        customers = Group.objects.get(name=roles.CUSTOMERS)

        customers.permissions.add(permission("portal.access_shop_dashboard"))
        assert dashboard_link(client.get(PAGE).content.decode())

        customers.permissions.remove(permission("portal.access_shop_dashboard"))
        assert not dashboard_link(client.get(PAGE).content.decode())

    def test_a_permission_given_to_the_person_counts_too(self, client, customer):
        client.force_login(customer)
        customer.user_permissions.add(permission("wagtailadmin.access_admin"))
        assert admin_link(client.get(PAGE).content.decode())

        customer.user_permissions.clear()
        assert not admin_link(client.get(PAGE).content.decode())

    def test_a_shop_manager_sees_both(self, client, shop_manager):
        client.force_login(shop_manager)
        html = client.get(PAGE).content.decode()
        assert admin_link(html) and dashboard_link(html)

    def test_a_superuser_made_ordinary_loses_both(self, client, customer):
        customer.is_superuser = True
        customer.save()
        client.force_login(customer)
        html = client.get(PAGE).content.decode()
        assert admin_link(html) and dashboard_link(html)

        customer.is_superuser = False
        customer.save()
        html = client.get(PAGE).content.decode()
        assert not admin_link(html) and not dashboard_link(html)

    def test_a_visitor_sees_neither_link(self, client):
        html = client.get("/accounts/login/").content.decode()
        assert not admin_link(html) and not dashboard_link(html)


@pytest.mark.parametrize("role_names", [(), *[(role,) for role in roles.ALL_ROLES], (roles.CUSTOMERS, roles.SHOP_MANAGERS)])
def test_the_header_decides_like_the_permission_checks(role_names):
    user = make_user(*role_names)
    state = header_state(user=user)
    assert state["can_use_wagtail_admin"] == can_use_wagtail_admin(user)
    assert state["can_use_shop_dashboard"] == can_use_shop_dashboard(user)


@pytest.mark.parametrize("is_active", [True, False])
def test_the_header_decides_like_the_permission_checks_for_superusers(is_active):
    user = make_superuser(is_active=is_active)
    state = header_state(user=user)
    assert state["can_use_wagtail_admin"] is can_use_wagtail_admin(user) is is_active
    assert state["can_use_shop_dashboard"] is can_use_shop_dashboard(user) is is_active


class BasketCountTests:
    def test_counts_the_items_of_my_open_basket_only(self, client, customer, other_customer):
        lamp, mug = make_product("Brass Desk Lamp"), make_product("Tea Mug")
        client.force_login(customer)
        add_to_basket(client, lamp, 2)
        add_to_basket(client, mug, 3)
        fill_basket(other_customer, lamp, 7)
        fill_basket(customer, mug, 4, status=Basket.SUBMITTED)

        assert basket_badge(client.get(PAGE).content.decode()) == 5

    def test_shows_the_change_on_the_next_page(self, client, customer):
        client.force_login(customer)
        assert basket_badge(client.get(PAGE).content.decode()) == 0
        add_to_basket(client, make_product("Brass Desk Lamp"), 1)
        assert basket_badge(client.get(PAGE).content.decode()) == 1

    def test_a_page_view_creates_no_basket(self, client, customer):
        client.force_login(customer)
        client.get(PAGE)
        assert not Basket.objects.filter(owner=customer).exists()

    def test_a_visitors_basket_is_merged_into_the_account_they_sign_in_to(self, client, customer):
        add_to_basket(client, make_product("Brass Desk Lamp"), 2)
        assert basket_badge(client.get("/accounts/login/").content.decode()) == 2

        client.force_login(customer)  # keeps the visitor's basket cookie, as signing in does
        assert basket_badge(client.get(PAGE).content.decode()) == 2
        assert Basket.open.get(owner=customer).num_items == 2


class QueryBudgetTests:
    def test_the_chrome_costs_one_query_for_a_signed_in_person(self, client, customer, support_category):
        make_ticket(customer, category=support_category)
        client.force_login(customer)
        client.get(PAGE)  # the site and its settings go to the cache
        with CaptureQueriesContext(connection) as queries:
            client.get(PAGE)
        sqls = [query["sql"] for query in queries.captured_queries]
        # the user, the page's count and rows, and the header's one query (the session is in the cache)
        assert len(sqls) == 4
        assert sum('FROM "portal_user"' in sql for sql in sqls) == 1
        assert sum('FROM "support_ticket"' in sql for sql in sqls) == 2
        (header,) = [sql for sql in sqls if '"portal_notification"' in sql]
        assert '"basket_line"' in header and '"auth_group_permissions"' in header

    def test_a_visitor_pays_no_query_for_the_chrome(self, client, django_assert_num_queries):
        client.get("/accounts/login/")
        with django_assert_num_queries(0):
            client.get("/accounts/login/")


def test_the_shops_search_form_is_built_only_where_a_page_uses_it():
    from django.test import RequestFactory
    from django.utils.functional import empty

    from portal.context_processors import search_form

    form = search_form(RequestFactory().get("/shop/search/", {"q": "lamp"}))["search_form"]
    assert form._wrapped is empty
    assert form["q"].value() == "lamp" and form._wrapped is not empty
