"""An index for the ticket table's text search: pg_trgm on PostgreSQL, FTS5 (trigram) on SQLite."""

from django.db import migrations

from portal import textsearch

TABLE, COLUMNS = "support_ticket", ("title", "description")


def create(apps, schema_editor):
    textsearch.create_index(schema_editor, TABLE, COLUMNS)


def drop(apps, schema_editor):
    textsearch.drop_index(schema_editor, TABLE, COLUMNS)


class Migration(migrations.Migration):
    dependencies = [("support", "0002_roles_and_sla")]

    operations = [migrations.RunPython(create, drop)]
