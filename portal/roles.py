"""The portal's roles. Each is a Django group; code checks permissions, never these names."""

CUSTOMERS = "Customers"
AGENTS = "Agents"
SUPPORT_LEADS = "Support leads"
EDITORS = "Editors"  # created by Wagtail's own migrations
MODERATORS = "Moderators"  # created by Wagtail's own migrations
SHOP_MANAGERS = "Shop managers"

ALL_ROLES = [CUSTOMERS, AGENTS, SUPPORT_LEADS, EDITORS, MODERATORS, SHOP_MANAGERS]

# Permissions the foundation grants; the support and task apps add theirs in their own migrations.
ROLE_PERMISSIONS = {
    CUSTOMERS: [],
    AGENTS: [("wagtailadmin", "admin", "access_admin")],
    SUPPORT_LEADS: [("wagtailadmin", "admin", "access_admin")],
    EDITORS: [("wagtailadmin", "admin", "access_admin")],
    MODERATORS: [("wagtailadmin", "admin", "access_admin")],
    SHOP_MANAGERS: [
        ("wagtailadmin", "admin", "access_admin"),
        ("portal", "user", "access_shop_dashboard"),
    ],
}
