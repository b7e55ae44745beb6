"""The public pages and the login form, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from .helpers import check_accessibility, save_screenshot


def _open(page, path):
    response = page.goto(path)
    assert response is not None, f"no response for {path}"
    assert response.status == 200, f"{path} answered {response.status}"


def _expect_site_chrome(page):
    expect(page.get_by_role("navigation", name="Main").get_by_role("link", name="The Portal")).to_be_visible()
    expect(page.get_by_role("contentinfo")).to_be_visible()


def test_home_page(page):
    _open(page, "/")

    expect(page.get_by_role("heading", level=1)).to_be_visible()
    _expect_site_chrome(page)
    save_screenshot(page, "home")
    check_accessibility(page, "home")


def test_catalogue_page(page):
    _open(page, "/shop/catalogue/")

    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("search").get_by_label("Search the site")).to_be_visible()
    _expect_site_chrome(page)
    save_screenshot(page, "catalogue")
    check_accessibility(page, "catalogue")


def test_login_page(page):
    _open(page, "/accounts/login/")

    expect(page.get_by_role("heading", name="Log in", level=1)).to_be_visible()
    expect(page.get_by_label("Email")).to_be_visible()
    expect(page.get_by_label("Password")).to_be_visible()
    _expect_site_chrome(page)
    save_screenshot(page, "login")
    check_accessibility(page, "login")


@pytest.mark.parametrize(
    ("path", "heading", "name"),
    [
        ("/accounts/signup/", "Create an account", "signup"),
        ("/accounts/password/reset/", "Reset your password", "password_reset"),
    ],
)
def test_other_public_account_pages(page, path, heading, name):
    _open(page, path)

    expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()
    save_screenshot(page, name)
    check_accessibility(page, name)


def _log_in(page, email, password):
    _open(page, "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("main").get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


def test_customer_logs_in_and_lands_on_account_overview(page, customer, password):
    _log_in(page, customer.email, password)

    expect(page).to_have_url(re.compile(r"/accounts/$"))
    expect(page.get_by_role("main")).to_contain_text(customer.email)
    expect(page.get_by_role("navigation", name="Account")).to_be_visible()
    save_screenshot(page, "account_overview")
    check_accessibility(page, "account_overview")

    page.get_by_role("navigation", name="Account").get_by_role("link", name="Profile").click()
    expect(page.get_by_role("heading", name="Profile", level=1)).to_be_visible()
    expect(page.get_by_label("Email")).to_have_value(customer.email)
    save_screenshot(page, "account_profile")
    check_accessibility(page, "account_profile")


def test_wrong_password_shows_error_and_keeps_email(page, customer):
    _log_in(page, customer.email, "not-the-password")

    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
    expect(page.get_by_role("alert")).to_contain_text("Please enter a correct email and password")
    expect(page.get_by_label("Email")).to_have_value(customer.email)
    expect(page.get_by_label("Password")).to_have_value("")
    save_screenshot(page, "login_error")
    check_accessibility(page, "login_error")
