from django.apps import AppConfig


class WorktasksConfig(AppConfig):
    name = "worktasks"
    verbose_name = "Work tasks"
    default_auto_field = "django.db.models.BigAutoField"
