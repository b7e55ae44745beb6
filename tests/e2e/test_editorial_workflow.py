"""Editors' workflow in a real browser: an editor drafts and submits a page, a moderator approves it,
and a visitor then sees it live."""

import re

from playwright.sync_api import expect
from wagtail.models import Site

from home.models import StandardPage

from .helpers import check_accessibility, save_screenshot

TITLE = "Spring opening hours"
INTRO = "We are open every day from nine to six in spring."


def _log_in(page, user, password):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


def _context_page(browser, live_server, errors):
    page = browser.new_context(viewport={"width": 1400, "height": 1000}, base_url=live_server.url).new_page()
    page.set_default_timeout(15_000)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return page


def test_editor_submits_moderator_approves_visitor_sees(browser, live_server, editor, moderator, password):
    errors = []
    home = Site.objects.get(is_default_site=True).root_page

    # The editor writes a page and submits it; they have no way to publish it themselves.
    editor_page = _context_page(browser, live_server, errors)
    _log_in(editor_page, editor, password)
    editor_page.goto(f"/admin/pages/add/home/standardpage/{home.pk}/")
    editor_page.locator("#id_title").fill(TITLE)
    editor_page.locator("#id_intro").fill(INTRO)
    expect(editor_page.get_by_role("button", name=re.compile(r"^Publish$"))).to_have_count(0)
    editor_page.get_by_role("button", name="More actions").click()
    editor_page.get_by_role("button", name=re.compile("Submit to Moderators approval")).click()
    editor_page.wait_for_load_state()
    page_obj = StandardPage.objects.get(title=TITLE)
    assert not page_obj.live
    assert page_obj.current_workflow_state is not None
    save_screenshot(editor_page, "editorial_submitted")

    # A visitor cannot see it yet.
    visitor = _context_page(browser, live_server, errors)
    response = visitor.goto(page_obj.url)
    assert response.status == 404

    # The moderator opens it from the review queue and approves it.
    moderator_page = _context_page(browser, live_server, errors)
    _log_in(moderator_page, moderator, password)
    moderator_page.goto("/admin/")
    expect(moderator_page.get_by_text(TITLE).first).to_be_visible()
    moderator_page.goto(f"/admin/pages/{page_obj.pk}/edit/")
    moderator_page.get_by_role("button", name="More actions").click()
    moderator_page.get_by_role("button", name=re.compile(r"^Approve( and Publish)?$")).click()
    moderator_page.wait_for_load_state()
    page_obj.refresh_from_db()
    assert page_obj.live

    # The visitor now sees it, in the site's look.
    visitor.goto(page_obj.url)
    expect(visitor.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(visitor.get_by_text(INTRO)).to_be_visible()
    check_accessibility(visitor, "editorial_published_page")
    save_screenshot(visitor, "editorial_published_page")
    assert not errors, errors
