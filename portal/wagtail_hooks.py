from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent
from wagtail.admin.views.home import (
    LockedPagesPanel,
    RecentEditsPanel,
    UserObjectsInWorkflowModerationPanel,
    WorkflowObjectsToModeratePanel,
)
from wagtail.permissions import page_permission_policy

from .permissions import can_use_shop_dashboard
from .selectors import unread_notification_count_for_request


class ShopDashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return can_use_shop_dashboard(request.user)


class NotificationsMenuItem(MenuItem):
    """"Notifications" in the admin sidebar, with the unread count in its label (one COUNT query)."""

    def is_shown(self, request):
        return request.user.is_authenticated

    def render_component(self, request):
        # Menu items are shared between requests: build the label per request, never store it.
        unread = unread_notification_count_for_request(request)
        label, attrs = self.label, dict(self.attrs)
        if unread:
            # Short enough for the sidebar; screen readers and tooltips get the words.
            label = f"{self.label} ({unread})"
            attrs["aria-label"] = attrs["title"] = f"{self.label}: {unread} unread"
        return LinkMenuItemComponent(
            self.name, label, self.url, icon_name=self.icon_name, classname=self.classname, attrs=attrs
        )


@hooks.register("register_admin_menu_item")
def register_shop_dashboard_menu_item():
    # Shop managers reach Oscar's dashboard from the Wagtail admin; it links back with "Site admin".
    return ShopDashboardMenuItem("Shop dashboard", reverse("dashboard:index"), icon_name="pick", order=900)


@hooks.register("register_admin_menu_item")
def register_notifications_menu_item():
    return NotificationsMenuItem(
        "Notifications", reverse("account_notifications"), name="notifications", icon_name="mail", order=950
    )


# Wagtail's own home panels about pages: moderation, the person's pages in moderation, their recent
# edits and locked pages.
PAGE_PANELS = (WorkflowObjectsToModeratePanel, UserObjectsInWorkflowModerationPanel, RecentEditsPanel, LockedPagesPanel)
PAGE_ACTIONS = {"add", "change", "publish", "lock", "unlock"}


@hooks.register("construct_homepage_panels")
def show_page_panels_to_page_workers(request, panels):
    """The page panels only for people who may work on pages (editors, moderators, superusers).

    Agents and shop managers hold no page permission, so the panels could only be empty or point
    at pages they cannot open; they cost six queries on every visit to the dashboard. (Wagtail
    keeps the person's page permissions on the request's user, so the admin's sidebar reuses the
    query this check makes.)
    """
    if not page_permission_policy.user_has_any_permission(request.user, PAGE_ACTIONS):
        panels[:] = [panel for panel in panels if not isinstance(panel, PAGE_PANELS)]
