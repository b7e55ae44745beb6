"""The support desk end to end, in a real browser: a customer asks, an agent answers, the customer rates."""

import io
import re

from PIL import Image
from playwright.sync_api import expect

from support.models import Status, Ticket

from .helpers import check_accessibility, save_screenshot

TITLE = "Kettle arrived with a cracked lid"
INTERNAL_NOTE = "Courier has a history of rough handling on this route."
PUBLIC_REPLY = "Sorry about that! A replacement lid is on its way."


def _png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (24, 24), "#457b9d").save(buffer, format="PNG")
    return buffer.getvalue()


def _log_in(page, user, password):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


def test_customer_and_agent_work_a_ticket(browser, live_server, customer, agent, support_category, password):
    customer_page = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server.url).new_page()
    agent_page = browser.new_context(viewport={"width": 1400, "height": 1000}, base_url=live_server.url).new_page()
    errors = []
    for page in (customer_page, agent_page):
        page.set_default_timeout(10_000)
        page.on("pageerror", lambda error: errors.append(str(error)))

    # The customer opens a ticket with a screenshot attached.
    _log_in(customer_page, customer, password)
    customer_page.goto("/support/tickets/new/")
    customer_page.get_by_label("Title").fill(TITLE)
    customer_page.get_by_label("Topic").select_option(label=support_category.name)
    customer_page.get_by_label("Description").fill("The lid has a crack across the middle. Photo attached.")
    customer_page.get_by_label("Attachments").set_input_files(
        [{"name": "lid.png", "mimeType": "image/png", "buffer": _png_bytes()}]
    )
    check_accessibility(customer_page, "support_ticket_new")
    customer_page.get_by_role("button", name=re.compile("Send|Open|Submit", re.I)).click()
    expect(customer_page.get_by_role("heading", name=re.compile(TITLE))).to_be_visible()
    ticket = Ticket.objects.get(title=TITLE)
    assert ticket.attachments.count() == 1
    expect(customer_page.get_by_role("link", name=re.compile("lid.png"))).to_be_visible()

    # The agent finds it by filtering the admin table, opens it and assigns it to themselves.
    _log_in(agent_page, agent, password)
    agent_page.goto("/admin/support/tickets/")
    agent_page.get_by_text("Filters", exact=True).click()
    agent_page.get_by_label("Search").fill("cracked lid")
    agent_page.get_by_role("button", name="Apply filters").click()
    row_link = agent_page.get_by_role("link", name=ticket.reference)
    expect(row_link).to_be_visible()
    save_screenshot(agent_page, "support_admin_table")
    row_link.click()
    expect(agent_page.get_by_role("heading", name=TITLE, exact=True)).to_be_visible()
    agent_page.get_by_role("button", name="Assign to me").click()
    agent_page.wait_for_load_state()
    ticket.refresh_from_db()
    assert ticket.assignee == agent

    # A public answer, then an internal note.
    agent_page.get_by_label("Public reply").check()
    agent_page.get_by_label("Message").fill(PUBLIC_REPLY)
    agent_page.get_by_role("button", name="Send", exact=True).click()
    expect(agent_page.get_by_text(PUBLIC_REPLY)).to_be_visible()
    agent_page.get_by_label("Internal note").check()
    agent_page.get_by_label("Message").fill(INTERNAL_NOTE)
    agent_page.get_by_role("button", name="Send", exact=True).click()
    expect(agent_page.get_by_text(INTERNAL_NOTE)).to_be_visible()
    save_screenshot(agent_page, "support_admin_workspace")

    # The customer sees the answer and never the note.
    customer_page.goto(ticket.get_absolute_url())
    expect(customer_page.get_by_text(PUBLIC_REPLY)).to_be_visible()
    assert INTERNAL_NOTE not in customer_page.content()

    # The agent resolves it with a summary.
    agent_page.get_by_label("Move to").select_option(value=Status.RESOLVED)
    agent_page.get_by_label("Resolution summary").fill("Sent a replacement lid by tracked post.")
    agent_page.get_by_role("button", name="Change status").click()
    agent_page.wait_for_load_state()
    ticket.refresh_from_db()
    assert ticket.status == Status.RESOLVED

    # The customer rates the resolved ticket.
    customer_page.goto(ticket.get_absolute_url())
    expect(customer_page.get_by_text("Sent a replacement lid by tracked post.")).to_be_visible()
    customer_page.get_by_label(re.compile("^5")).check()
    customer_page.get_by_role("button", name="Send rating").click()
    expect(customer_page.get_by_text(re.compile("Thank you for your rating"))).to_be_visible()
    save_screenshot(customer_page, "support_ticket_rated")
    check_accessibility(customer_page, "support_ticket_rated")
    ticket.refresh_from_db()
    assert ticket.rating == 5
    assert INTERNAL_NOTE not in customer_page.content()
    assert not errors, f"JavaScript errors: {errors}"
