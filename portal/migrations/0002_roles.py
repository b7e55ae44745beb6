"""The portal's roles as groups, with the permissions the foundation grants them."""

from django.db import migrations

from portal.roles import ALL_ROLES, ROLE_PERMISSIONS


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    labels = {
        ("portal", "access_shop_dashboard"): "Can use the shop dashboard",
        ("wagtailadmin", "access_admin"): "Can access Wagtail admin",
    }
    for role in ALL_ROLES:
        group, _ = Group.objects.get_or_create(name=role)
        for app_label, model, codename in ROLE_PERMISSIONS[role]:
            content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=codename,
                defaults={"name": labels.get((app_label, codename), codename)},
            )
            group.permissions.add(permission)


def remove_roles(apps, schema_editor):
    # Editors and Moderators belong to Wagtail's own migrations.
    apps.get_model("auth.Group").objects.filter(
        name__in=["Customers", "Agents", "Support leads", "Shop managers"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
