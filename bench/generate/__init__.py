"""The deterministic bulk data generator of the benchmark harness (``manage.py bench_generate``).

The same scale and seed give the same rows: every value comes from ``random.Random`` streams
seeded per step (``bulk.rng_for``) and from moments counted back from ``scales.BASE_TIME``.
Each step first plans its rows with pure functions (``planned_titles`` shows the idea, so the
data can be checked without a database), then writes them in batches of 5,000 through
``bulk.insert``, in one transaction, with no model ``save()`` and no signal relied on. On
PostgreSQL the bulk tables' secondary indexes are built once at the end, and the command runs
ANALYZE (SQLite: ANALYZE and PRAGMA optimize) as a real database would have had.
"""

import time

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from oscar.core.loading import get_model

from home.models import HelpArticlePage
from storefront.models import Shipment
from support.models import Category as SupportCategory
from support.models import Department, Ticket, TicketEvent, TicketMessage
from worktasks.models import Task, TaskChecklistItem, TaskComment, TaskEvent

from .bulk import (
    StepTimer,
    build_indexes,
    drop_secondary_indexes,
    finish_database,
    foreign_key_triggers_off,
)
from .catalogue import load_catalogue, product_titles
from .orders import load_orders, order_seeds
from .pages import load_help_centre
from .people import agent_names, customer_profiles, load_people, load_structure, refuse_if_bench_data
from .scales import BASE_TIME, BENCH_ACCOUNTS, BENCH_PASSWORD, PUBLIC_SCALES, SCALES, Scale
from .tasks import load_tasks, task_titles
from .tickets import load_tickets, ticket_context, ticket_seeds, ticket_titles
from .world import World

__all__ = ["BASE_TIME", "BENCH_ACCOUNTS", "BENCH_PASSWORD", "PUBLIC_SCALES", "SCALES", "GenerationRefused", "Scale",
           "counted_models", "generate", "planned_titles"]


class GenerationRefused(Exception):
    """The database is not one the generator may fill."""


def counted_models() -> list:
    return [
        get_user_model(), Department, SupportCategory, Ticket, TicketMessage, TicketEvent,
        Task, TaskEvent, TaskComment, TaskChecklistItem,
        get_model("catalogue", "Category"), get_model("catalogue", "Product"),
        get_model("catalogue", "ProductCategory"),
        get_model("partner", "StockRecord"), get_model("order", "Order"), get_model("order", "Line"),
        get_model("order", "ShippingAddress"), get_model("order", "OrderStatusChange"), get_model("payment", "Source"),
        Shipment, HelpArticlePage,
    ]


# The tables that get most of the rows.
BULK_MODELS = [Ticket, TicketMessage, TicketEvent, Task, TaskEvent, TaskComment, TaskChecklistItem,
               get_model("order", "Order"), get_model("order", "Line"), get_model("order", "OrderStatusChange"),
               get_model("order", "ShippingAddress"), get_model("payment", "Source"), Shipment]


def generate(scale_name: str, seed: int = 1, *, force: bool = False, log=None) -> dict:
    """Fill the default database; returns the summary the command prints as JSON."""
    scale = SCALES[scale_name]
    reason = refuse_if_bench_data(force)
    if reason:
        raise GenerationRefused(reason)
    started = time.perf_counter()
    timer = StepTimer(log)
    world = World(scale=scale, seed=seed)
    with timer.step("plan"):
        world.customer_profiles = customer_profiles(scale, seed)
        world.agent_names = agent_names(scale, seed)
        world.order_seeds = order_seeds(scale, seed)
        world.ticket_seeds = ticket_seeds(scale, seed)
    with transaction.atomic():
        with timer.step("structure"):
            load_structure(world)
        with foreign_key_triggers_off():
            dropped = drop_secondary_indexes(*BULK_MODELS)
            with timer.step("people"):
                load_people(world)
            with timer.step("catalogue"):
                load_catalogue(world)
            with timer.step("orders"):
                load_orders(world)
            with timer.step("tickets"):
                load_tickets(world)
            with timer.step("tasks"):
                load_tasks(world)
            with timer.step("indexes"):
                build_indexes(dropped)
        # Pages go through Wagtail's own code, with every check and signal.
        with timer.step("pages"):
            load_help_centre()
        commit_started = time.perf_counter()
    # Where the database's deferred work shows (foreign-key checks when they were not skipped).
    timer.steps["commit"] = round(time.perf_counter() - commit_started, 2)
    with timer.step("analyze"):
        finish_database()
    seconds = round(time.perf_counter() - started, 2)
    counts = {model._meta.label: model.objects.count() for model in counted_models()}
    return {"scale": scale.name, "seed": seed, "database": connection.vendor, "seconds": seconds,
            "steps": timer.steps, "counts": counts}


def planned_titles(scale_name: str, seed: int = 1) -> dict[str, list[str]]:
    """The titles the generator writes, in primary key order, computed without a database."""
    scale = SCALES[scale_name]
    names = agent_names(scale, seed)
    orders = order_seeds(scale, seed)
    tickets = ticket_seeds(scale, seed)
    return {
        "tickets": ticket_titles(tickets, ticket_context(scale, seed, orders, names)),
        "tasks": task_titles(scale, seed, tickets, names),
        "products": product_titles(scale, seed),
    }
