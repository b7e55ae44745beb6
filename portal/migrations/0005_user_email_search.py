"""An index for finding people by part of their email (the ticket search's requester match)."""

from django.db import migrations

from portal import textsearch


class Migration(migrations.Migration):
    dependencies = [("portal", "0004_superuser_index")]

    operations = [textsearch.index_operation("portal_user", ("email",))]
