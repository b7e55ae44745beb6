"""The in-process half of the benchmark: request the key pages with Django's test client and time them.

For each page: one request under ``CaptureQueriesContext`` counts the queries (and, for listings, a
second page too, which must cost the same), then ``repeat`` requests, after ``warmup`` untimed ones,
give the median and 95th percentile of the server time (only the client call is timed; the query
capture is off while timing). The objects to request are found with queries, never by primary key.

``measure()`` returns a JSON-ready dict; ``manage.py bench_measure`` prints or saves it.
"""

from __future__ import annotations

import math
import platform
import re
import statistics
import sys
import time
from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import datetime, timezone as dt_timezone
from typing import Callable
from urllib.parse import urlencode, urlparse

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import close_old_connections, connection
from django.db.models import Count, F, Value
from django.db.models.functions import Coalesce
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model

VERSION = 1


# --- accounts -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Accounts:
    """Who the benchmark logs in as. The password is only checked (once), logging in is forced."""

    customer: str
    agent: str
    lead: str
    admin: str
    password: str | None = None

    def email(self, role: str) -> str:
        return getattr(self, role)


BENCH_ACCOUNTS = Accounts(
    customer="bench-customer@example.com",
    agent="bench-agent@example.com",
    lead="bench-lead@example.com",
    admin="bench-admin@example.com",
    password="bench",
)
# What `manage.py load_demo_data` creates, to try the harness on the demo site.
DEMO_ACCOUNTS = Accounts(
    customer="customer@example.com",
    agent="agent@example.com",
    lead="lead@example.com",
    admin="admin@example.com",
    password="portal-demo",
)
ACCOUNT_PRESETS = {"bench": BENCH_ACCOUNTS, "demo": DEMO_ACCOUNTS}
ROLES = ("customer", "agent", "lead", "admin")


class MeasureError(Exception):
    """The benchmark cannot start: an account or the data it needs is missing."""


# --- the pages ----------------------------------------------------------------------------------


@dataclass
class Sample:
    status: int
    seconds: float
    queries: int | None = None
    location: str = ""
    body: bytes = b""
    failure: str = ""  # an operation's own account of what went wrong


Probe = Callable[[bool], Sample]


@dataclass
class Page:
    key: str
    label: str
    group: str  # calibration, site, shop, account, admin, api
    user: str | None  # a role of Accounts; None is an anonymous visitor
    calibration: str  # the calibration page the report compares it with
    expect: tuple[int, ...] = (200,)
    method: str = "GET"
    # Either a URL (a GET) or a probe factory for operations of several requests.
    url: Callable[["Context"], str | None] | None = None
    page2: Callable[["Context"], str | None] | None = None
    probe: Callable[["Context", Client], Probe] | None = None
    repeat_key: str = "repeat"  # "checkout_repeat" for operations that place orders
    shown_url: str = ""  # what the results show as the URL of a probe


@dataclass
class Context:
    """What discovery found in the database, and the logged-in clients."""

    clients: dict
    users: dict
    found: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)

    def need(self, name: str):
        value = self.found.get(name)
        if value in (None, ""):
            raise MeasureError(f"nothing to request: no {name.replace('_', ' ')} found")
        return value


def with_query(path: str, **params) -> str:
    items = []
    for name, value in params.items():
        if isinstance(value, (list, tuple)):
            items += [(name, item) for item in value]
        else:
            items.append((name, value))
    return f"{path}?{urlencode(items)}"


def end_of_request() -> None:
    """Let the database connection go the way a server's request_finished would (after the timing).

    Django's test client keeps the connection open between requests; a server closes it after each
    request when CONN_MAX_AGE is 0 (SQLite opens a new one each time, PostgreSQL's pool hands one
    out), so the next timed request pays for the connection as it would in production. Inside a
    transaction (a test) the connection stays.
    """
    if not connection.in_atomic_block:
        close_old_connections()


def get_probe(client: Client, url: str) -> Probe:
    def probe(capture: bool) -> Sample:
        context = CaptureQueriesContext(connection) if capture else nullcontext()
        with context:
            started = time.perf_counter()
            response = client.get(url)
            seconds = time.perf_counter() - started
        queries = len(context.captured_queries) if capture else None
        end_of_request()
        return Sample(
            status=response.status_code,
            seconds=seconds,
            queries=queries,
            location=response.get("Location", ""),
            body=response.content[:20000] if response.status_code >= 400 else b"",
        )

    return probe


class StepFailed(Exception):
    pass


class Checkout:
    """Oscar's checkout as a customer's browser goes through it (see tests/integration/storefront/checkout_steps.py)."""

    def __init__(self, context: Context, client: Client):
        self.context = context
        self.client = client
        self.product_pk = context.need("checkout_product_pk")
        self.address = context.need("shipping_address")

    def timed(self, method, url, data=None, *, expect=(200,), follow=False, totals=None):
        started = time.perf_counter()
        if method == "GET":
            response = self.client.get(url, follow=follow)
        else:
            response = self.client.post(url, data or {})
        if totals is not None:
            totals["seconds"] += time.perf_counter() - started
        if not isinstance(totals, dict) or not totals.get("capturing"):
            end_of_request()
        if response.status_code not in expect:
            expected = "/".join(map(str, expect))
            raise StepFailed(
                f"{method} {url} answered {response.status_code}, expected {expected}: {body_summary(response.content[:20000])}"
            )
        return response

    def steps_before_placing(self, totals=None):
        self.timed("POST", reverse("basket:add", kwargs={"pk": self.product_pk}), {"quantity": 1}, expect=(302,), totals=totals)
        self.timed("GET", reverse("checkout:shipping-address"), totals=totals)
        self.timed("POST", reverse("checkout:shipping-address"), self.address, expect=(302,), totals=totals)
        # One shipping method is available at a time: Oscar skips the step with a redirect.
        self.timed("GET", reverse("checkout:shipping-method"), expect=(200, 302), totals=totals)
        self.timed("GET", reverse("checkout:payment-details"), totals=totals)
        self.timed("POST", reverse("checkout:payment-details"), {"method": "bank-transfer"}, expect=(302,), totals=totals)
        self.timed("GET", reverse("checkout:preview"), totals=totals)

    def place(self, totals=None):
        response = self.timed("POST", reverse("checkout:preview"), {"action": "place_order"}, expect=(302,), totals=totals)
        if response["Location"] != reverse("checkout:thank-you"):
            raise StepFailed(f"placing the order went to {response['Location']}, not the thank-you page")
        return self.timed("GET", reverse("checkout:thank-you"), totals=totals)

    def whole(self, capture: bool) -> Sample:
        # While counting, the connection stays open: closing it would empty the query log.
        totals = {"seconds": 0.0, "capturing": capture}
        context = CaptureQueriesContext(connection) if capture else nullcontext()
        try:
            with context:
                self.steps_before_placing(totals)
                response = self.place(totals)
        except StepFailed as error:
            return Sample(status=0, seconds=totals["seconds"], failure=str(error))
        finally:
            queries = len(context.captured_queries) if capture else None
            end_of_request()
        return Sample(status=response.status_code, seconds=totals["seconds"], queries=queries)

    def final_post(self, capture: bool) -> Sample:
        try:
            self.steps_before_placing()
        except StepFailed as error:
            return Sample(status=0, seconds=0.0, failure=str(error))
        context = CaptureQueriesContext(connection) if capture else nullcontext()
        with context:
            started = time.perf_counter()
            response = self.client.post(reverse("checkout:preview"), {"action": "place_order"})
            seconds = time.perf_counter() - started
        # Read the count now: the next request's request_started signal empties the query log.
        queries = len(context.captured_queries) if capture else None
        end_of_request()
        location = response.get("Location", "")
        if response.status_code == 302 and location == reverse("checkout:thank-you"):
            self.client.get(location)
            end_of_request()
        return Sample(
            status=response.status_code,
            seconds=seconds,
            queries=queries,
            location=location,
            body=response.content[:20000] if response.status_code != 302 else b"",
        )


def basket_probe(context: Context, client: Client) -> Probe:
    response = client.post(reverse("basket:add", kwargs={"pk": context.need("checkout_product_pk")}), {"quantity": 1})
    if response.status_code != 302:
        raise MeasureError(f"could not add the product to the basket: {response.status_code}")
    return get_probe(client, reverse("basket:summary"))


def admin_calibration(user: str) -> str:
    return "admin_empty" if user == "lead" else f"admin_empty_{user}"


TICKETS = "/admin/support/tickets/"
TASKS = "/admin/worktasks/tasks/"


def page_two(path):
    return lambda context: with_query(path, page=2)


def build_pages() -> list[Page]:
    site = "one_query"
    pages = [
        # calibration
        Page("plain", "Calibration: plain text", "calibration", None, site, url=lambda c: "/bench/plain/"),
        Page("one_query", "Calibration: one query + template", "calibration", None, site, url=lambda c: "/bench/one-query/"),
        Page("admin_empty", "Calibration: empty admin page (lead)", "calibration", "lead", "admin_empty", url=lambda c: "/admin/bench/empty/"),
        Page("admin_empty_agent", "Calibration: empty admin page (agent)", "calibration", "agent", "admin_empty_agent", url=lambda c: "/admin/bench/empty/"),
        # the public site
        Page("home", "Home page (CMS)", "site", None, site, url=lambda c: "/"),
        Page("help_article", "Help article", "site", None, site, url=lambda c: c.need("help_article_url")),
        # the shop
        Page("catalogue", "Catalogue", "shop", None, site, url=lambda c: "/shop/catalogue/", page2=page_two("/shop/catalogue/")),
        Page(
            "category",
            "Category page",
            "shop",
            None,
            site,
            url=lambda c: c.need("category_url"),
            page2=lambda c: with_query(c.need("category_url"), page=2),
        ),
        Page("product", "Product page", "shop", None, site, url=lambda c: c.need("product_url")),
        Page("basket", "Basket (one item)", "shop", "customer", site, probe=basket_probe, shown_url="/shop/basket/"),
        Page(
            "checkout",
            "Checkout, whole (7 steps + thank-you)",
            "shop",
            "customer",
            site,
            method="FLOW",
            probe=lambda c, client: Checkout(c, client).whole,
            repeat_key="checkout_repeat",
            shown_url="/shop/basket/add/ … /shop/checkout/thank-you/",
        ),
        Page(
            "checkout_place_order",
            "Checkout, place order POST",
            "shop",
            "customer",
            site,
            expect=(302,),
            method="POST",
            probe=lambda c, client: Checkout(c, client).final_post,
            repeat_key="checkout_repeat",
            shown_url="/shop/checkout/preview/",
        ),
        # the customer's account
        Page(
            "ticket_list",
            "Customer: ticket list",
            "account",
            "customer",
            site,
            url=lambda c: "/support/tickets/",
            page2=page_two("/support/tickets/"),
        ),
        Page("ticket_page", "Customer: ticket page", "account", "customer", site, url=lambda c: c.need("customer_ticket_url")),
        # the Wagtail admin
        Page("admin_home", "Admin home (support + task panels)", "admin", "agent", admin_calibration("agent"), url=lambda c: "/admin/"),
        Page("ticket_table", "Admin tickets: default", "admin", "lead", "admin_empty", url=lambda c: TICKETS, page2=page_two(TICKETS)),
        Page(
            "ticket_table_agent",
            "Admin tickets: default (agent)",
            "admin",
            "agent",
            admin_calibration("agent"),
            url=lambda c: TICKETS,
            page2=page_two(TICKETS),
        ),
        Page(
            "ticket_table_filtered",
            "Admin tickets: status+priority+department",
            "admin",
            "lead",
            "admin_empty",
            url=lambda c: with_query(TICKETS, status=["open", "in_progress"], priority=2, department=c.need("department_pk")),
        ),
        Page("ticket_table_sorted", "Admin tickets: sort -priority", "admin", "lead", "admin_empty", url=lambda c: with_query(TICKETS, sort="-priority")),
        Page(
            "ticket_search_common",
            "Admin tickets: search common word",
            "admin",
            "lead",
            "admin_empty",
            url=lambda c: with_query(TICKETS, q=c.need("common_word")),
        ),
        Page(
            "ticket_search_rare",
            "Admin tickets: search rare word",
            "admin",
            "lead",
            "admin_empty",
            url=lambda c: with_query(TICKETS, q=c.need("rare_word")),
        ),
        Page("task_table", "Admin tasks: default", "admin", "lead", "admin_empty", url=lambda c: TASKS, page2=page_two(TASKS)),
        Page(
            "task_table_filtered",
            "Admin tasks: status+priority",
            "admin",
            "lead",
            "admin_empty",
            url=lambda c: with_query(TASKS, status="in_progress", priority=2),
        ),
        Page("task_table_sorted", "Admin tasks: sort -priority", "admin", "lead", "admin_empty", url=lambda c: with_query(TASKS, sort="-priority")),
        Page("task_board", "Admin task board", "admin", "lead", "admin_empty", url=lambda c: "/admin/worktasks/board/"),
        Page("reports", "Admin support reports", "admin", "lead", "admin_empty", url=lambda c: "/admin/support/reports/"),
        # the API
        Page(
            "api_tickets",
            "API: ticket list (agent, session)",
            "api",
            "agent",
            site,
            url=lambda c: "/api/v1/tickets/",
            page2=page_two("/api/v1/tickets/"),
        ),
    ]
    return pages


PAGES = build_pages()
PAGE_KEYS = [page.key for page in PAGES]


# --- discovery ----------------------------------------------------------------------------------

WORD = re.compile(r"[a-z]{4,}")


def search_words(titles: list[str]) -> tuple[str | None, str | None]:
    """The most frequent word of the ticket titles, and a word that occurs once (the longest such)."""
    counts = Counter(word for title in titles for word in WORD.findall(title.lower()))
    if not counts:
        return None, None
    common = counts.most_common(1)[0][0]
    once = sorted((word for word, n in counts.items() if n == 1), key=lambda word: (-len(word), word))
    return common, (once[0] if once else "zzbenchnomatch")


def free_stock(record) -> int:
    return (record.num_in_stock or 0) - (record.num_allocated or 0)


def discover(context: Context, *, needed_stock: int) -> None:
    """Find the objects to request, with queries: nothing is hard-coded."""
    from home.models import HelpArticlePage
    from support.models import Ticket

    found = context.found
    customer = context.users.get("customer")

    article = HelpArticlePage.objects.live().public().order_by("-first_published_at", "-pk").first()
    found["help_article_url"] = urlparse(article.get_url()).path if article and article.get_url() else None

    ProductCategory = get_model("catalogue", "ProductCategory")
    Category = get_model("catalogue", "Category")
    biggest = ProductCategory.objects.values("category").annotate(n=Count("id")).order_by("-n", "category").first()
    if biggest:
        category = Category.objects.get(pk=biggest["category"])
        found["category_url"] = category.get_absolute_url()
        found["category_products"] = biggest["n"]

    StockRecord = get_model("partner", "StockRecord")
    record = (
        StockRecord.objects.filter(product__is_public=True, product__structure="standalone")
        .annotate(free=F("num_in_stock") - Coalesce("num_allocated", Value(0)))
        .order_by("-free", "pk")
        .select_related("product")
        .first()
    )
    if record:
        found["product_url"] = record.product.get_absolute_url()
        found["checkout_product_pk"] = record.product_id
        if free_stock(record) < needed_stock:
            # Each measured checkout places an order: top the stock up rather than fail half-way.
            StockRecord.objects.filter(pk=record.pk).update(num_in_stock=F("num_in_stock") + needed_stock)
            context.notes.append(f"stock of product {record.product_id} raised by {needed_stock} for the checkout runs")

    Country = get_model("address", "Country")
    country = Country.objects.filter(is_shipping_country=True).order_by("-iso_3166_1_a2").first()
    if country:
        found["shipping_address"] = {
            "first_name": "Bench",
            "last_name": "Customer",
            "line1": "1 High Street",
            "line4": "London",
            "postcode": "SW1A 1AA",
            "country": country.iso_3166_1_a2,
        }

    if customer is not None:
        ticket = Ticket.objects.filter(requester=customer).order_by("-created_at", "-pk").first()
        if ticket:
            found["customer_ticket_url"] = ticket.get_absolute_url()
            found["department_pk"] = ticket.department_id
    if "department_pk" not in found or found["department_pk"] is None:
        found["department_pk"] = Ticket.objects.order_by("pk").values_list("department_id", flat=True).first()

    titles = list(Ticket.objects.order_by("-pk").values_list("title", flat=True)[:500])
    found["common_word"], found["rare_word"] = search_words(titles)


def data_counts() -> dict:
    from support.models import Ticket
    from wagtail.models import Page as WagtailPage
    from worktasks.models import Task

    return {
        "tickets": Ticket.objects.count(),
        "tasks": Task.objects.count(),
        "products": get_model("catalogue", "Product").objects.count(),
        "orders": get_model("order", "Order").objects.count(),
        "users": get_user_model().objects.count(),
        "pages": WagtailPage.objects.count(),
    }


# --- measuring ----------------------------------------------------------------------------------


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile (the p95 of 30 samples is the 29th smallest)."""
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def host_name() -> str:
    for host in settings.ALLOWED_HOSTS:
        if host and host != "*" and not host.startswith("."):
            return host
    return "localhost"


def make_clients(users: dict) -> dict:
    host = host_name()
    clients = {None: Client(HTTP_HOST=host)}
    for role, user in users.items():
        client = Client(HTTP_HOST=host)
        client.force_login(user)
        clients[role] = client
    return clients


def load_users(accounts: Accounts, roles=ROLES) -> dict:
    User = get_user_model()
    users, missing = {}, []
    for role in roles:
        user = User.objects.filter(email__iexact=accounts.email(role)).first()
        if user is None:
            missing.append(accounts.email(role))
        else:
            users[role] = user
    if missing:
        raise MeasureError(f"missing benchmark accounts: {', '.join(missing)} (run bench_generate or pass --accounts)")
    if accounts.password:
        wrong = [user.email for user in users.values() if not user.check_password(accounts.password)]
        if wrong:
            raise MeasureError(f"the password does not match for: {', '.join(wrong)}")
    return users


def ms(seconds: float) -> float:
    return round(seconds * 1000, 3)


TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.S | re.I)
ALERT = re.compile(r"<[^>]+class=\"[^\"]*(?:alert|error|message)[^\"]*\"[^>]*>(.*?)</", re.S | re.I)
TAG = re.compile(r"<[^>]+>")


def one_line(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def body_summary(body: bytes) -> str:
    """An HTML page's title and first alert message; any other body's first characters."""
    text = body.decode("utf-8", "replace")
    title = TITLE.search(text)
    if title is None:
        return one_line(text)
    parts = [f"page “{one_line(TAG.sub('', title.group(1)), 80)}”"]
    alert = next((one_line(TAG.sub("", match)) for match in ALERT.findall(text) if TAG.sub("", match).strip()), None)
    if alert:
        parts.append(f"saying “{alert}”")
    return " ".join(parts)


def describe_failure(sample: Sample, expect) -> str:
    if sample.failure:
        return sample.failure
    text = f"status {sample.status}, expected {'/'.join(map(str, expect))}"
    if sample.location:
        text += f" (to {sample.location})"
    if sample.body:
        text += f": {body_summary(sample.body)}"
    return text


def measure_page(page: Page, context: Context, *, repeat: int, warmup: int) -> dict:
    entry = {
        "key": page.key,
        "label": page.label,
        "group": page.group,
        "user": page.user or "anonymous",
        "method": page.method,
        "calibration": page.calibration,
        "url": None,
        "status": None,
        "ok": False,
        "error": None,
        "queries": None,
        "queries_page2": None,
        "page2_url": None,
        "samples": 0,
        "median_ms": None,
        "p95_ms": None,
        "mean_ms": None,
        "min_ms": None,
        "max_ms": None,
    }
    client = context.clients[page.user]
    try:
        if page.probe is not None:
            entry["url"] = page.shown_url
            probe = page.probe(context, client)
        else:
            entry["url"] = page.url(context)
            probe = get_probe(client, entry["url"])
    except MeasureError as error:
        entry["error"] = str(error)
        return entry

    for _ in range(warmup):
        sample = probe(False)
        if sample.status not in page.expect:
            entry.update(status=sample.status, error=describe_failure(sample, page.expect))
            return entry
    counted = probe(True)
    entry["status"] = counted.status
    if counted.status not in page.expect:
        entry["error"] = describe_failure(counted, page.expect)
        return entry
    entry["queries"] = counted.queries

    if page.page2 is not None:
        url = page.page2(context)
        entry["page2_url"] = url
        second = get_probe(client, url)
        second(False)
        sample = second(True)
        if sample.status == 200:
            entry["queries_page2"] = sample.queries
        else:
            entry["page2_status"] = sample.status

    times = []
    for _ in range(repeat):
        sample = probe(False)
        if sample.status not in page.expect:
            entry["error"] = f"after {len(times)} timed requests: " + describe_failure(sample, page.expect)
            break
        times.append(sample.seconds)
    if times:
        entry.update(
            samples=len(times),
            median_ms=ms(statistics.median(times)),
            p95_ms=ms(percentile(times, 0.95)),
            mean_ms=ms(statistics.fmean(times)),
            min_ms=ms(min(times)),
            max_ms=ms(max(times)),
        )
    entry["ok"] = entry["error"] is None and bool(times)
    return entry


def progress_line(entry: dict) -> str:
    if not entry["ok"]:
        return f"{entry['key']:24} ERROR {entry['error']}"
    second = "" if entry["queries_page2"] is None else f" (page 2: {entry['queries_page2']})"
    return (
        f"{entry['key']:24} {entry['status']} {entry['queries']:>4} queries{second:13}"
        f" median {entry['median_ms']:8.2f} ms  p95 {entry['p95_ms']:8.2f} ms"
    )


def database_info() -> dict:
    name = settings.DATABASES["default"]["NAME"]
    return {"vendor": connection.vendor, "name": str(name)}


def measure(
    *,
    accounts: Accounts = BENCH_ACCOUNTS,
    repeat: int = 30,
    warmup: int = 3,
    checkout_repeat: int = 10,
    only: list[str] | None = None,
    scale: str | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict:
    """Measure the key pages in this process; returns the results as a JSON-ready dict."""
    if not getattr(settings, "BENCH_CALIBRATION_VIEWS", False):
        raise MeasureError("the calibration views are off: set PORTAL_BENCH_VIEWS=1")
    unknown = set(only or ()) - set(PAGE_KEYS)
    if unknown:
        raise MeasureError(f"unknown pages: {', '.join(sorted(unknown))}; known: {', '.join(PAGE_KEYS)}")
    pages = [page for page in PAGES if not only or page.key in only]
    roles = sorted({page.user for page in pages if page.user})
    started_at = datetime.now(dt_timezone.utc)
    started = time.perf_counter()

    users = load_users(accounts, roles)
    context = Context(clients=make_clients(users), users=users)
    orders_placed = sum(warmup + 1 + checkout_repeat for page in pages if page.repeat_key == "checkout_repeat")
    discover(context, needed_stock=orders_placed + 5)
    counts = data_counts()

    results = []
    for page in pages:
        runs = checkout_repeat if page.repeat_key == "checkout_repeat" else repeat
        entry = measure_page(page, context, repeat=runs, warmup=warmup)
        results.append(entry)
        if progress:
            progress(progress_line(entry))

    found = {key: value for key, value in context.found.items() if key != "shipping_address"}
    return {
        "kind": "bench_measure",
        "version": VERSION,
        "scale": scale,
        "database": database_info(),
        "started_at": started_at.isoformat(timespec="seconds"),
        "seconds": round(time.perf_counter() - started, 2),
        "repeat": repeat,
        "warmup": warmup,
        "checkout_repeat": checkout_repeat,
        "accounts": {role: accounts.email(role) for role in roles},
        "python": platform.python_version(),
        "settings": {
            "module": settings.SETTINGS_MODULE,
            "debug": settings.DEBUG,
            "conn_max_age": settings.DATABASES["default"].get("CONN_MAX_AGE", 0),
            "pool": bool((settings.DATABASES["default"].get("OPTIONS") or {}).get("pool")),
            "session_engine": settings.SESSION_ENGINE,
            "cache": settings.CACHES["default"]["BACKEND"],
        },
        "counts": counts,
        "found": found,
        "notes": context.notes,
        "pages": results,
    }


def main_progress(line: str) -> None:
    print(line, file=sys.stderr, flush=True)
