"""Editors write and submit, Moderators approve and publish.

Wagtail's own migrations make both groups, give Editors add/change and Moderators
add/change/publish/lock/unlock on the root page, and create the "Moderators approval"
workflow on the root page. This makes sure of it (a database set up by hand may differ):
Editors never hold publish, may lock the page they edit, and the workflow is active and
assigned to the root page, which covers the whole tree. Moderators also keep the site settings.
"""

from django.db import migrations

EDITORS, MODERATORS = "Editors", "Moderators"
WORKFLOW = "Moderators approval"


def _permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(content_type=content_type, codename=codename, defaults={"name": name})
    return permission


def set_up_workflow(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    Task = apps.get_model("wagtailcore", "Task")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    ContentType = apps.get_model("contenttypes", "ContentType")

    root = Page.objects.filter(depth=1).first()
    if root is None:
        return
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    moderators, _ = Group.objects.get_or_create(name=MODERATORS)

    def page_permission(codename):
        return _permission(apps, "wagtailcore", "page", codename, f"Can {codename.replace('_page', '')} page")

    GroupPagePermission.objects.filter(group=editors, permission__codename="publish_page").delete()
    for codename in ("add_page", "change_page", "lock_page"):
        GroupPagePermission.objects.get_or_create(group=editors, page=root, permission=page_permission(codename))
    for codename in ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"):
        GroupPagePermission.objects.get_or_create(group=moderators, page=root, permission=page_permission(codename))
    moderators.permissions.add(_permission(apps, "home", "sitesettings", "change_sitesettings", "Can change site settings"))

    workflow = Workflow.objects.filter(name=WORKFLOW).first()
    if workflow is None:
        task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
        task = GroupApprovalTask.objects.create(name=WORKFLOW, content_type=task_type, active=True)
        task.groups.set([moderators])
        workflow = Workflow.objects.create(name=WORKFLOW, active=True)
        WorkflowTask.objects.create(workflow=workflow, task=Task.objects.get(pk=task.pk), sort_order=0)
    elif not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_help_centre"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(set_up_workflow, migrations.RunPython.noop)]
