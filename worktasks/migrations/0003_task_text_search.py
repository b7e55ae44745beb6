"""An index for the task table's text search: pg_trgm on PostgreSQL, FTS5 (trigram) on SQLite."""

from django.db import migrations

from portal import textsearch

TABLE, COLUMNS = "worktasks_task", ("title", "description")


def create(apps, schema_editor):
    textsearch.create_index(schema_editor, TABLE, COLUMNS)


def drop(apps, schema_editor):
    textsearch.drop_index(schema_editor, TABLE, COLUMNS)


class Migration(migrations.Migration):
    dependencies = [("worktasks", "0002_roles")]

    operations = [migrations.RunPython(create, drop)]
