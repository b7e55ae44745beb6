"""Shop managers run the catalogue, stock, orders, offers, vouchers and reviews in Oscar's dashboard.

Oscar 4.2's dashboard checks model permissions (``order.view_order`` and the like), not
only ``is_staff``; this grants them to the "Shop managers" group once. An administrator
can change them later in the Wagtail admin's group editor.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

SHOP_APPS = ["catalogue", "reviews", "partner", "order", "offer", "voucher", "communication", "payment", "shipping"]
VIEW_ONLY = {"analytics": ["view_userrecord", "view_productrecord"], "portal": ["view_user"]}


def grant(apps, schema_editor):
    # Permissions are made after migrate; make them now, so a fresh database gets the grant too.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Shop managers")
    group.permissions.add(*Permission.objects.filter(content_type__app_label__in=SHOP_APPS))
    for app_label, codenames in VIEW_ONLY.items():
        group.permissions.add(*Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("storefront", "0002_shipping_country"),
        ("portal", "0002_roles"),
        ("catalogue", "0032_category_exclude_from_menu_category_long_description"),
        ("reviews", "0005_productreview_code"),
        ("partner", "0007_partneraddress_code"),
        ("order", "0021_billingaddress_code_shippingaddress_code"),
        ("offer", "0013_range_excluded_categories"),
        ("voucher", "0010_auto_20210224_0712"),
        ("communication", "0004_auto_20200801_0817"),
        ("payment", "0005_auto_20200801_0817"),
        ("shipping", "0003_auto_20181115_1953"),
        ("analytics", "0003_auto_20200801_0817"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
