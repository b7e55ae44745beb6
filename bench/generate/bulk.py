"""Plumbing shared by the generator's steps: seeded randomness, batched inserts, timestamps, the finish."""

import random
import time
from bisect import bisect
from contextlib import contextmanager
from itertools import accumulate, islice

from datetime import UTC, timedelta

from django.db import DatabaseError, connection, models, transaction

from .scales import BASE_TIME, HISTORY

BATCH_SIZE = 5_000
MINUTES_PER_DAY = 24 * 60


def rng_for(seed: int, step: str) -> random.Random:
    """One independent stream per step, so a change in one step never shifts another's data.

    String seeds are hashed with SHA-512 by ``random``, not with the per-process ``hash()``.
    """
    return random.Random(f"bench:{seed}:{step}")


class Weighted:
    """Draws from fixed weights quickly (``random.choices`` rebuilds its table on every call)."""

    def __init__(self, values, weights):
        self.values = list(values)
        self.cumulative = list(accumulate(weights))
        self.total = self.cumulative[-1]

    def pick(self, rng: random.Random):
        return self.values[bisect(self.cumulative, rng.random() * self.total)]


def past_moment(rng: random.Random, min_age_minutes: float = 0.0):
    """A moment of the history, denser towards the present (the business grows), to the second."""
    span = HISTORY.total_seconds() / 60
    while True:
        age = span * (1 - rng.random() ** 0.8)
        if age >= min_age_minutes:
            return BASE_TIME - timedelta(seconds=int(age * 60))


def spread_indexes(total: int, wanted: int) -> list[int]:
    """``wanted`` indexes spread over ``range(total)``, always with the last one."""
    wanted = min(wanted, total)
    if wanted <= 0:
        return []
    step = total / wanted
    return sorted({int(i * step) for i in range(wanted - 1)} | {total - 1})


def chunked(iterable, size=BATCH_SIZE):
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


def insert(model, fields, rows, *, returning=False) -> list:
    """Insert ``rows`` (tuples of the ``fields`` values, attnames) into ``model``'s table.

    Returns the new primary keys, in row order, when ``returning``. Fields not listed get their
    model default, so every timestamp must be listed to keep the data deterministic. No save(),
    no signal.

    bulk_create spends about 100 µs a row preparing values field by field, which is most of the
    time at a few million rows, so the two databases we run get a direct path with the same
    result (the rows read back identical):

    - PostgreSQL: COPY, the keys drawn first from the table's own sequence, so the sequence
      never needs a reset;
    - SQLite: one executemany, the keys continuing the table's AUTOINCREMENT counter;
    - any other database: bulk_create in batches of 5,000, the database choosing the keys.
    """
    rows = list(rows)
    if not rows:
        return []
    if connection.vendor == "postgresql":
        return _copy(model, fields, rows, returning)
    if connection.vendor == "sqlite":
        return _executemany(model, fields, rows, returning)
    objects = [model(**dict(zip(fields, row))) for row in rows]
    with explicit_timestamps(model):
        model.objects.bulk_create(objects, batch_size=BATCH_SIZE)
    return [obj.pk for obj in objects] if returning else []


def _columns(model, fields):
    """The listed fields, then every other non-key column with its model default."""
    meta = model._meta
    given = [meta.get_field(name) for name in fields]
    listed = {field.attname for field in given}
    # Columns left out would get the database's default, and Django keeps defaults in Python.
    missing = [f for f in meta.concrete_fields if f.attname not in listed and not f.primary_key]
    return given + missing, tuple(_default(field) for field in missing)


def _default(field):
    default = field.get_default()
    # An empty file field is stored as "" by the ORM, not NULL.
    return "" if default is None and isinstance(field, models.FileField) else default


def _executemany(model, fields, rows, returning) -> list:
    """SQLite: one prepared INSERT for all rows, values adapted the way Django's SQLite backend does.

    Keys, when wanted, continue the table's AUTOINCREMENT counter, which SQLite moves on by
    itself as they are inserted; the transaction holds the write lock meanwhile.
    """
    meta = model._meta
    columns, defaults = _columns(model, fields)
    adapters = [_sqlite_adapter(field) for field in columns]
    names = [field.column for field in columns]
    ids = []
    with connection.cursor() as cursor:
        if returning:
            cursor.execute(f'SELECT MAX("{meta.pk.column}") FROM "{meta.db_table}"')
            highest = cursor.fetchone()[0] or 0
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [meta.db_table])
            counter = cursor.fetchone()
            start = max(highest, counter[0] if counter else 0) + 1
            ids = list(range(start, start + len(rows)))
            names.insert(0, meta.pk.column)
        statement = 'INSERT INTO "{}" ({}) VALUES ({})'.format(
            meta.db_table, ", ".join(f'"{name}"' for name in names), ", ".join("?" * len(names))
        )
        if returning:
            values = ((pk, *_adapted(adapters, (*row, *defaults))) for pk, row in zip(ids, rows))
        else:
            values = (_adapted(adapters, (*row, *defaults)) for row in rows)
        cursor.cursor.executemany(statement, values)  # the sqlite3 cursor: ? placeholders, no %s rewriting
    return ids


def _adapted(adapters, row):
    return [value if adapt is None else adapt(value) for adapt, value in zip(adapters, row)]


def _sqlite_adapter(field):
    """None when sqlite3 takes the value as it is (Django registers Decimal); else a converter."""
    kind = type(field)
    if kind is models.DateTimeField:
        return lambda value: None if value is None else str(value.astimezone(UTC).replace(tzinfo=None))
    if kind is models.DateField:
        return lambda value: None if value is None else str(value)
    if kind in (models.CharField, models.TextField, models.EmailField, models.SlugField, models.IntegerField,
                models.BigIntegerField, models.PositiveIntegerField, models.PositiveSmallIntegerField,
                models.SmallIntegerField, models.BooleanField, models.FloatField, models.DecimalField,
                models.ForeignKey):
        return None
    return lambda value: field.get_db_prep_save(value, connection)


def _copy(model, fields, rows, returning) -> list:
    from psycopg import sql

    meta = model._meta
    columns, defaults = _columns(model, fields)
    columns = [field.column for field in columns]
    ids = []
    with connection.cursor() as wrapper:
        cursor = wrapper.cursor
        if returning:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, meta.pk.column, len(rows)],
            )
            ids = sorted(row[0] for row in cursor.fetchall())
            columns.insert(0, meta.pk.column)
        statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
            sql.Identifier(meta.db_table), sql.SQL(", ").join(map(sql.Identifier, columns))
        )
        with cursor.copy(statement) as copy:
            if returning:
                for pk, row in zip(ids, rows):
                    copy.write_row((pk, *row, *defaults))
            else:
                for row in rows:
                    copy.write_row((*row, *defaults))
    return ids


@contextmanager
def explicit_timestamps(*models):
    """Let bulk_create keep the dates we set on ``auto_now``/``auto_now_add`` fields instead of now()."""
    saved = []
    for model in models:
        for field in model._meta.concrete_fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                saved.append((field, field.auto_now, field.auto_now_add))
                field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


class StepTimer:
    def __init__(self, log=None):
        self.steps = {}
        self.log = log

    @contextmanager
    def step(self, name):
        if self.log:
            self.log(f"{name}...")
        started = time.perf_counter()
        yield
        self.steps[name] = round(time.perf_counter() - started, 2)
        if self.log:
            self.log(f"{name}: {self.steps[name]} s")


@contextmanager
def foreign_key_triggers_off():
    """On PostgreSQL, skip the per-row foreign-key triggers while the bulk rows go in.

    Django's foreign keys are DEFERRABLE INITIALLY DEFERRED: every row queues a check that runs
    at COMMIT and locks its parent row; for the large set that was 70 s of commit. The generated
    rows are consistent by construction (the tests check it, on SQLite with the checks on), so
    they are skipped the way ``pg_restore --disable-triggers`` does. Only a superuser may; for
    anyone else the checks simply run.
    """
    relaxed = False
    if connection.vendor == "postgresql":
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SET LOCAL session_replication_role = replica")
            relaxed = True
        except DatabaseError:
            relaxed = False
    yield relaxed
    if relaxed:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = DEFAULT")


def drop_secondary_indexes(*models) -> list:
    """Drop the plain secondary indexes of ``models``; returns the statements that build them again.

    Building an index once over sorted rows is several times cheaper than a million insertions
    into it (``build_indexes`` puts them back). Indexes that back a constraint (primary keys,
    unique) stay. It all happens in the caller's transaction, so a failure leaves the indexes as
    they were; a role that may not drop them just keeps them.
    """
    tables = [model._meta.db_table for model in models]
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    """
                    SELECT c.relname, pg_get_indexdef(i.indexrelid)
                    FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                    WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisprimary AND NOT i.indisunique
                      AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid)
                    ORDER BY 1
                    """,
                    [tables],
                )
            elif connection.vendor == "sqlite":
                # Indexes SQLite makes for UNIQUE constraints have no SQL and are left alone.
                cursor.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                    "AND tbl_name IN (%s) ORDER BY name" % ", ".join(["%s"] * len(tables)),
                    tables,
                )
            else:
                return []
            indexes = [row for row in cursor.fetchall() if not row[1].upper().startswith("CREATE UNIQUE")]
            for name, _definition in indexes:
                cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
            return [definition for _name, definition in indexes]
    except DatabaseError:
        return []


def build_indexes(definitions) -> None:
    if definitions:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            for definition in definitions:
                cursor.execute(definition)


def finish_database() -> None:
    """What a real database would have: fresh planner statistics (and Oscar's category view)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Oscar's post_save of ProductCategory refreshes its category view (when turned on); bulk
            # inserts send no signals, so refresh it here whether or not the setting is on today.
            cursor.execute("SELECT to_regclass('catalogue_product_category_hierarchy')")
            if cursor.fetchone()[0]:
                cursor.execute("REFRESH MATERIALIZED VIEW catalogue_product_category_hierarchy")
            cursor.execute("ANALYZE")
        elif connection.vendor == "sqlite":
            cursor.execute("ANALYZE")
            cursor.execute("PRAGMA optimize")

