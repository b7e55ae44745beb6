"""Support permissions for the Agents and Support leads roles, and a default SLA policy per priority."""

from django.db import migrations

AGENT_PERMISSIONS = [
    ("ticket", "work_tickets", "Can work tickets of their departments in the admin"),
    ("ticket", "view_ticket", "Can view ticket"),
    ("ticket", "change_ticket", "Can change ticket"),
    ("cannedresponse", "view_cannedresponse", "Can view canned response"),
]
LEAD_PERMISSIONS = AGENT_PERMISSIONS + [
    ("ticket", "view_all_tickets", "Can see and work tickets of every department"),
    ("ticket", "view_support_reports", "Can see support reports"),
    ("ticket", "delete_ticket", "Can delete ticket"),
    ("slapolicy", "view_slapolicy", "Can view SLA policy"),
    ("slapolicy", "change_slapolicy", "Can change SLA policy"),
    ("cannedresponse", "add_cannedresponse", "Can add canned response"),
    ("cannedresponse", "change_cannedresponse", "Can change canned response"),
    ("cannedresponse", "delete_cannedresponse", "Can delete canned response"),
    ("department", "view_department", "Can view department"),
    ("department", "add_department", "Can add department"),
    ("department", "change_department", "Can change department"),
    ("category", "view_category", "Can view category"),
    ("category", "add_category", "Can add category"),
    ("category", "change_category", "Can change category"),
]
ROLE_PERMISSIONS = {"Agents": AGENT_PERMISSIONS, "Support leads": LEAD_PERMISSIONS}

# Minutes: (first response, resolution) per priority 1 Urgent .. 4 Low.
DEFAULT_SLA = {1: (60, 8 * 60), 2: (4 * 60, 24 * 60), 3: (8 * 60, 3 * 24 * 60), 4: (24 * 60, 7 * 24 * 60)}


def grant(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    for role, perms in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        for model, codename, name in perms:
            content_type, _ = ContentType.objects.get_or_create(app_label="support", model=model)
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type, codename=codename, defaults={"name": name}
            )
            group.permissions.add(permission)
    SLAPolicy = apps.get_model("support", "SLAPolicy")
    for priority, (first_response, resolution) in DEFAULT_SLA.items():
        SLAPolicy.objects.get_or_create(
            priority=priority, defaults={"first_response_minutes": first_response, "resolution_minutes": resolution}
        )


def revoke(apps, schema_editor):
    apps.get_model("auth.Permission").objects.filter(content_type__app_label="support").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("support", "0001_initial"),
        ("portal", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
