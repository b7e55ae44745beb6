"""The shop ships to the United Kingdom out of the box; shop managers add countries in the Django admin."""

from django.db import migrations


def add_united_kingdom(apps, schema_editor):
    Country = apps.get_model("address", "Country")
    Country.objects.update_or_create(
        iso_3166_1_a2="GB",
        defaults={
            "iso_3166_1_a3": "GBR",
            "iso_3166_1_numeric": "826",
            "name": "United Kingdom of Great Britain and Northern Ireland",
            "printable_name": "United Kingdom",
            "is_shipping_country": True,
            "display_order": 1,
        },
    )


class Migration(migrations.Migration):
    dependencies = [
        ("storefront", "0001_initial"),
        ("address", "0007_useraddress_code"),
    ]

    operations = [migrations.RunPython(add_united_kingdom, migrations.RunPython.noop)]
