"""An index for finding people by part of their email (the ticket search's requester match)."""

from django.db import migrations

from portal import textsearch

TABLE, COLUMNS = "portal_user", ("email",)


def create(apps, schema_editor):
    textsearch.create_index(schema_editor, TABLE, COLUMNS)


def drop(apps, schema_editor):
    textsearch.drop_index(schema_editor, TABLE, COLUMNS)


class Migration(migrations.Migration):
    dependencies = [("portal", "0004_superuser_index")]

    operations = [migrations.RunPython(create, drop)]
