"""Task permissions for the Agents and Support leads roles; leads may also delete tasks and manage labels."""

from django.db import migrations

AGENT_PERMISSIONS = [
    ("task", "work_tasks", "Can use work tasks"),
    ("task", "view_task", "Can view task"),
    ("task", "add_task", "Can add task"),
    ("task", "change_task", "Can change task"),
    ("label", "view_label", "Can view label"),
    ("label", "add_label", "Can add label"),
]
LEAD_PERMISSIONS = AGENT_PERMISSIONS + [
    ("task", "delete_task", "Can delete task"),
    ("label", "change_label", "Can change label"),
    ("label", "delete_label", "Can delete label"),
]
ROLE_PERMISSIONS = {"Agents": AGENT_PERMISSIONS, "Support leads": LEAD_PERMISSIONS}


def grant(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    for role, perms in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        for model, codename, name in perms:
            content_type, _ = ContentType.objects.get_or_create(app_label="worktasks", model=model)
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type, codename=codename, defaults={"name": name}
            )
            group.permissions.add(permission)


def revoke(apps, schema_editor):
    apps.get_model("auth.Permission").objects.filter(content_type__app_label="worktasks").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("worktasks", "0001_initial"),
        ("portal", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
