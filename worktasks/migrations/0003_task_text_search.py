"""An index for the task table's text search: pg_trgm on PostgreSQL, FTS5 (trigram) on SQLite."""

from django.db import migrations

from portal import textsearch


class Migration(migrations.Migration):
    dependencies = [("worktasks", "0002_roles")]

    operations = [textsearch.index_operation("worktasks_task", ("title", "description"))]
