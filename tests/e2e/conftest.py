"""Browser tests: Playwright (sync API) driving Debian's Chromium against pytest-django's live server.

Every test here is marked ``e2e`` and runs in a transactional database with a
serialized rollback, so the pages, site and groups made by data migrations
are back for each test after the live server's flush.
"""

import os
import shutil
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest

E2E_DIR = Path(__file__).resolve().parent
CHROMIUM_PATH = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 900}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if E2E_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


def _browser_is_required():
    return os.environ.get("CI", "").lower() not in ("", "0", "false") or os.environ.get("PORTAL_REQUIRE_BROWSER") == "1"


def _chromium_executable():
    path = shutil.which(CHROMIUM_PATH) if not os.path.isabs(CHROMIUM_PATH) else CHROMIUM_PATH
    if path and os.access(path, os.X_OK):
        return path
    reason = f"Chromium not found at {CHROMIUM_PATH}: run `make chromium` (or set CHROMIUM) to run the browser tests"
    if _browser_is_required():
        # CI must never pass by skipping the browser.
        pytest.fail(f"{reason}; CI / PORTAL_REQUIRE_BROWSER=1 requires them", pytrace=False)
    pytest.skip(reason)


@contextmanager
def _async_unsafe_orm_allowed():
    """Let the test thread use the ORM while Playwright's event loop runs in it.

    Django refuses ORM calls from a thread with a running event loop unless
    DJANGO_ALLOW_ASYNC_UNSAFE is set. It is set only while a browser runs: set
    for the session, it would leak into the rest of the suite and into
    subprocesses such as ``manage.py check --deploy``, which rejects it.
    """
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def chromium_executable():
    return _chromium_executable()


# Playwright runs for one test at a time, not for the session, on purpose.
# While its sync API is started, its event loop counts as running in the test
# thread, and Django's connection handler then hands that thread a second
# connection object. pytest-django's database setup and teardown must run on
# the first one (it holds the serialized data to restore), or serialized
# rollback silently restores nothing and the flush re-creates content types
# under new ids, which breaks the next serialized test. So Playwright starts
# after the database is set up (and the live server has taken its connection)
# and stops before the flush. Starting it and Chromium costs about a second.
@pytest.fixture
def browser(chromium_executable, live_server):
    from django.db import connections
    from playwright.sync_api import sync_playwright
    from wagtail.models import Site

    assert Site.objects.filter(is_default_site=True).exists(), "serialized rollback did not restore the migrations' data"
    with _async_unsafe_orm_allowed(), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_executable, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
            # The connections the test opened while the loop ran (a real one on PostgreSQL).
            connections.close_all()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser context per test; anything but the live server is blocked and fails the test."""
    context = browser.new_context(viewport=VIEWPORT, base_url=live_server.url)
    context.set_default_timeout(10_000)
    allowed_origin = urlsplit(live_server.url)
    off_site_requests = []
    page_errors = []

    def block_off_site(route):
        url = urlsplit(route.request.url)
        if url.scheme in ("http", "https") and (url.hostname, url.port) != (allowed_origin.hostname, allowed_origin.port):
            off_site_requests.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", block_off_site)
    page = context.new_page()
    page.on("pageerror", lambda error: page_errors.append(str(error)))
    yield page
    context.close()
    assert not off_site_requests, f"pages tried to load from the network: {off_site_requests}"
    assert not page_errors, f"JavaScript errors on the page: {page_errors}"
