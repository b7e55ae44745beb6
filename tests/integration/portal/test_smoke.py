"""Every top-level URL answers each kind of user as the permission matrix says."""

import pytest

from portal import roles
from tests.factories import make_superuser, make_user

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"

# url: {who: expected status, or (302, where the redirect leads)}
MATRIX = {
    "/": {"anon": 200, "customer": 200, "staff": 200},
    "/about/": {"anon": 200, "customer": 200, "staff": 200},
    "/shop/": {"anon": (302, "/shop/catalogue/"), "customer": (302, "/shop/catalogue/"), "staff": (302, "/shop/catalogue/")},
    "/shop/catalogue/": {"anon": 200, "customer": 200, "staff": 200},
    "/shop/search/?q=mug": {"anon": 200, "customer": 200, "staff": 200},
    "/shop/basket/": {"anon": 200, "customer": 200, "staff": 200},
    "/shop/checkout/": {"anon": (302, LOGIN), "customer": (302, "/shop/basket/"), "staff": (302, "/shop/basket/")},
    "/shop/accounts/orders/": {"anon": (302, LOGIN), "customer": 200, "staff": 200},
    "/accounts/": {"anon": (302, LOGIN), "customer": 200, "staff": 200},
    "/accounts/profile/": {"anon": (302, LOGIN), "customer": 200, "staff": 200},
    "/accounts/login/": {"anon": 200, "customer": (302, "/accounts/welcome/"), "staff": (302, "/accounts/welcome/")},
    "/accounts/signup/": {"anon": 200, "customer": (302, "/accounts/"), "staff": (302, "/accounts/")},
    "/accounts/password/reset/": {"anon": 200, "customer": 200, "staff": 200},
    # Wagtail sends a user without admin access back to its login page with a message.
    "/admin/": {"anon": (302, "/admin/login/"), "customer": (302, "/admin/login/"), "staff": 200},
    "/shop/dashboard/": {"anon": (302, "/shop/dashboard/login/"), "customer": 403, "staff": 200},
    "/healthz/": {"anon": 200, "customer": 200, "staff": 200},
    "/no-such-page/": {"anon": 404, "customer": 404, "staff": 404},
}


@pytest.fixture
def demo_pages(db):
    from home.demo import load_pages

    load_pages()


def _users():
    return {
        "anon": None,
        "customer": make_user(roles.CUSTOMERS),
        # "staff" here means someone who may use both the Wagtail admin and the shop dashboard.
        "staff": make_user(roles.SHOP_MANAGERS),
    }


@pytest.mark.parametrize("url", MATRIX)
def test_top_level_urls_answer_each_role(client, demo_pages, url):
    for who, user in _users().items():
        client.logout()
        if user:
            client.force_login(user)
        response = client.get(url)
        expected = MATRIX[url][who]
        if isinstance(expected, tuple):
            status, target = expected
            assert response.status_code == status, (who, url, response.status_code)
            assert response["Location"].startswith(target), (who, url, response["Location"])
        else:
            assert response.status_code == expected, (who, url, response.status_code)


def test_agents_and_editors_use_the_wagtail_admin_but_not_the_shop_dashboard(client):
    for role in [roles.AGENTS, roles.SUPPORT_LEADS, roles.EDITORS, roles.MODERATORS]:
        client.force_login(make_user(role))
        assert client.get("/admin/").status_code == 200, role
        assert client.get("/shop/dashboard/").status_code == 403, role


def test_superuser_uses_both_admins(client):
    client.force_login(make_superuser())
    assert client.get("/admin/").status_code == 200
    assert client.get("/shop/dashboard/").status_code == 200


def test_each_shared_page_wears_the_same_header(client, demo_pages):
    for url in ["/", "/about/", "/shop/catalogue/", "/shop/basket/", "/accounts/login/"]:
        html = client.get(url).content.decode()
        assert 'class="site-header"' in html, url
        assert 'class="site-footer"' in html, url
        assert "/shop/basket/" in html, url
