"""Demo users: one per role, password printed by load_demo_data and listed in the README."""

from django.contrib.auth import get_user_model

from . import roles
from .services import user_set_roles

DEMO_PASSWORD = "portal-demo"

DEMO_USERS = [
    ("customer@example.com", "Casey Customer", [roles.CUSTOMERS]),
    ("agent@example.com", "Alex Agent", [roles.AGENTS]),
    ("lead@example.com", "Lee Lead", [roles.SUPPORT_LEADS]),
    ("editor@example.com", "Eddie Editor", [roles.EDITORS]),
    ("moderator@example.com", "Morgan Moderator", [roles.MODERATORS]),
    ("shop@example.com", "Sam Shop", [roles.SHOP_MANAGERS]),
    ("admin@example.com", "Ada Admin", []),
]


def load_users():
    User = get_user_model()
    created = []
    for email, name, role_names in DEMO_USERS:
        user, is_new = User.objects.get_or_create(email=email, defaults={"display_name": name})
        if is_new:
            user.set_password(DEMO_PASSWORD)
            user.is_superuser = email == "admin@example.com"
            user.save()
            user_set_roles(user=user, role_names=role_names)
        created.append((email, ", ".join(role_names) or "superuser"))
    return created
