"""The shop end to end, in a real browser: the customer buys a product and finds the order in their account."""

import re
from decimal import Decimal

from oscar.core.loading import get_model
from playwright.sync_api import expect

from tests.factories import make_product

from .helpers import check_accessibility, save_screenshot

Order = get_model("order", "Order")


def _log_in(page, user, password):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


def test_customer_buys_a_product_and_sees_the_order(page, customer, password):
    product = make_product("Brass Desk Lamp", price="24.00", num_in_stock=5, image=True, description="<p>A lamp.</p>")
    _log_in(page, customer, password)

    # From the product page to the basket.
    page.goto(product.get_absolute_url())
    check_accessibility(page, "shop_product")
    page.locator("#add_to_basket_form").get_by_role("button", name=re.compile("Add to basket")).click()
    page.goto("/shop/basket/")
    expect(page.locator(".basket-link .badge")).to_have_text("1")
    page.get_by_role("link", name=re.compile("Proceed to checkout", re.I)).click()

    # A new delivery address.
    page.get_by_label("First name").fill("Casey")
    page.get_by_label("Last name").fill("Customer")
    page.get_by_label("First line of address").fill("12 Market Street")
    page.get_by_label("City").fill("Bristol")
    page.get_by_label("Post/Zip-code").fill("BS1 1AA")
    check_accessibility(page, "checkout_shipping_address")
    page.get_by_role("button", name=re.compile("Continue")).click()

    # One shipping method applies, so Oscar skips to the payment choice.
    expect(page.get_by_text("How would you like to pay?")).to_be_visible()
    page.get_by_label("Bank transfer").check()
    check_accessibility(page, "checkout_payment")
    page.get_by_role("button", name="Continue").click()

    # The preview, then the order.
    expect(page.get_by_role("heading", name=re.compile("Bank transfer"))).to_be_visible()
    check_accessibility(page, "checkout_preview")
    page.get_by_role("button", name="Place order").click()

    order = Order.objects.get(user=customer)
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Order {order.number}: confirmation")
    check_accessibility(page, "checkout_thank_you")
    save_screenshot(page, "checkout_thank_you")
    assert order.status == "Pending payment"
    assert order.total_incl_tax == Decimal("28.95")  # below the free-delivery threshold: the flat rate

    # The account area lists it; its page shows the status and history.
    page.goto("/shop/accounts/orders/")
    check_accessibility(page, "account_order_list")
    page.get_by_role("link", name=order.number).click()
    expect(page.locator(".order-status")).to_have_text("Pending payment")
    check_accessibility(page, "account_order_detail")
    save_screenshot(page, "account_order_detail")
