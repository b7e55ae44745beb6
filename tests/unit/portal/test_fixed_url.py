"""``{% fixed_url %}`` writes what ``{% url %}`` writes, for every request it may serve."""

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.test import RequestFactory, override_settings
from django.urls import clear_script_prefix, reverse, set_script_prefix

NAMES = ["account_overview", "support:ticket_list", "basket:summary", "catalogue:index", "wagtailadmin_home"]


def render(source, request=None):
    return Template("{% load portal_urls %}" + source).render(Context({"request": request}))


@pytest.mark.parametrize("name", NAMES)
def test_the_same_as_the_url_tag(name):
    request = RequestFactory().get("/")
    assert render(f"{{% fixed_url '{name}' %}}", request) == render(f"{{% url '{name}' %}}", request) == reverse(name)


def test_a_site_mounted_below_a_prefix_gets_prefixed_urls():
    plain = render("{% fixed_url 'account_overview' %}", RequestFactory().get("/"))
    request = RequestFactory().get("/portal/accounts/", SCRIPT_NAME="/portal")
    request.path, request.path_info = "/portal/accounts/", "/accounts/"
    set_script_prefix("/portal/")
    try:
        assert render("{% fixed_url 'account_overview' %}", request) == "/portal" + plain
    finally:
        clear_script_prefix()
    assert render("{% fixed_url 'account_overview' %}", RequestFactory().get("/")) == plain


@override_settings(ROOT_URLCONF="tests.unit.portal.other_urls")
def test_another_urlconf_is_not_answered_from_the_first():
    assert render("{% fixed_url 'account_overview' %}") == "/elsewhere/"


def test_the_url_is_escaped_like_the_url_tags():
    assert render("{% fixed_url 'account_overview' %}") == render("{% url 'account_overview' %}")


def test_it_takes_one_name():
    with pytest.raises(TemplateSyntaxError):
        Template("{% load portal_urls %}{% fixed_url 'support:ticket_detail' reference='T-000001' %}")
