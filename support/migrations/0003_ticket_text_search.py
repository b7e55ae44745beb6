"""An index for the ticket table's text search: pg_trgm on PostgreSQL, FTS5 (trigram) on SQLite."""

from django.db import migrations

from portal import textsearch


class Migration(migrations.Migration):
    dependencies = [("support", "0002_roles_and_sla")]

    operations = [textsearch.index_operation("support_ticket", ("title", "description"))]
