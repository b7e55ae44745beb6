"""Substring search over text columns, backed by an index on both databases.

The admin tables search "contains this text" (case-insensitive), like ``icontains``,
but a plain ``icontains`` reads every row: at 300k tickets that is a scan of every
title and description on each search. So each searched table gets an index made for
substring matching, created by a migration through ``create_index``:

- PostgreSQL: pg_trgm GIN indexes on ``UPPER(column)``, the expression Django's
  ``icontains`` compares, so the ordinary ``icontains`` lookups use them.
- SQLite: an FTS5 table with the trigram tokenizer, kept in step with the table by
  triggers; ``matches`` turns the search into ``pk IN (SELECT rowid ... MATCH ...)``.

Text shorter than three characters has no trigram to look up: it falls back to
``icontains`` (a scan), which is what such a short search costs anywhere.

Note for SQLite: Django rebuilds a table to alter it, which drops its triggers. A
migration that alters a searched table must call ``create_index`` again; the tests
that search a newly saved row fail if it does not.
"""

from django.db import connections, migrations
from django.db.models import Q
from django.db.models.expressions import RawSQL

MIN_INDEXED_LENGTH = 3


def matches(model, text: str, *, columns, using: str = "default") -> Q:
    """A condition: one of ``columns`` of ``model`` contains ``text``, ignoring case."""
    vendor = connections[using].vendor
    if vendor == "sqlite" and len(text) >= MIN_INDEXED_LENGTH:
        fts = _fts_table(model._meta.db_table)
        # An FTS5 string is a phrase: with the trigram tokenizer it matches any substring.
        phrase = '"' + text.replace('"', '""') + '"'
        return Q(pk__in=RawSQL(f'SELECT rowid FROM "{fts}" WHERE "{fts}" MATCH %s', [phrase]))
    condition = Q()
    for column in columns:
        condition |= Q(**{f"{column}__icontains": text})
    return condition


def create_index(schema_editor, table: str, columns) -> None:
    """Create (or re-create) the substring index of ``table`` over ``columns``."""
    for statement in _statements(schema_editor.connection.vendor, table, columns):
        schema_editor.execute(statement)


def drop_index(schema_editor, table: str, columns) -> None:
    for statement in _drop_statements(schema_editor.connection.vendor, table, columns):
        schema_editor.execute(statement)


def index_operation(table: str, columns):
    """The migration operation that creates (and, reversed, drops) the substring index of ``table``."""

    def create(apps, schema_editor):
        create_index(schema_editor, table, columns)

    def drop(apps, schema_editor):
        drop_index(schema_editor, table, columns)

    return migrations.RunPython(create, drop)


def _fts_table(table: str) -> str:
    return f"{table}_fts"


def _statements(vendor, table, columns):
    if vendor == "postgresql":
        yield "CREATE EXTENSION IF NOT EXISTS pg_trgm"
        for column in columns:
            yield (
                f'CREATE INDEX IF NOT EXISTS "{table}_{column}_trgm" '
                f'ON "{table}" USING gin (UPPER("{column}") gin_trgm_ops)'
            )
    elif vendor == "sqlite":
        yield from _drop_statements(vendor, table, columns)
        fts = _fts_table(table)
        names = ", ".join(f'"{column}"' for column in columns)
        new_values = ", ".join(f'new."{column}"' for column in columns)
        old_values = ", ".join(f'old."{column}"' for column in columns)
        yield (
            f'CREATE VIRTUAL TABLE "{fts}" USING fts5({names}, '
            f"content='{table}', content_rowid='id', tokenize='trigram')"
        )
        insert = f'INSERT INTO "{fts}"(rowid, {names}) VALUES (new."id", {new_values});'
        delete = f'INSERT INTO "{fts}"("{fts}", rowid, {names}) VALUES (\'delete\', old."id", {old_values});'
        yield f'CREATE TRIGGER "{fts}_insert" AFTER INSERT ON "{table}" BEGIN {insert} END'
        yield f'CREATE TRIGGER "{fts}_delete" AFTER DELETE ON "{table}" BEGIN {delete} END'
        yield f'CREATE TRIGGER "{fts}_update" AFTER UPDATE OF {names} ON "{table}" BEGIN {delete} {insert} END'
        yield f"INSERT INTO \"{fts}\"(\"{fts}\") VALUES ('rebuild')"


def _drop_statements(vendor, table, columns):
    if vendor == "postgresql":
        for column in columns:
            yield f'DROP INDEX IF EXISTS "{table}_{column}_trgm"'
    elif vendor == "sqlite":
        fts = _fts_table(table)
        for suffix in ("insert", "delete", "update"):
            yield f'DROP TRIGGER IF EXISTS "{fts}_{suffix}"'
        yield f'DROP TABLE IF EXISTS "{fts}"'
