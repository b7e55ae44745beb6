"""The "Support" menu, the desk's admin URLs, the lead's settings screens and the home page panels."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import policy_registry

from . import admin_urls, permissions, selectors
from .admin_forms import DepartmentForm
from .models import ACTIVE_STATUSES, CannedResponse, Category, Department, SLAPolicy, SLAState

SUPPORT_MENU_HOOK = "register_support_menu_item"


@hooks.register("register_admin_urls")
def register_support_admin_urls():
    return [path("support/", include(admin_urls, namespace="support_admin"))]


# --- the menu -----------------------------------------------------------------------------------


class SupportMenuItem(SubmenuMenuItem):
    def is_shown(self, request):
        return permissions.can_use_support_admin(request.user) and super().is_shown(request)


class TicketsMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.can_use_support_admin(request.user)


class ReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.can_use_support_admin(request.user) and permissions.can_see_reports(request.user)


@hooks.register("register_admin_menu_item")
def register_support_menu():
    return SupportMenuItem(
        "Support", Menu(register_hook_name=SUPPORT_MENU_HOOK), name="support", icon_name="help", order=250
    )


@hooks.register(SUPPORT_MENU_HOOK)
def register_tickets_menu_item():
    return TicketsMenuItem(
        "Tickets", reverse("support_admin:ticket_list"), name="support-tickets", icon_name="list-ul", order=10
    )


@hooks.register(SUPPORT_MENU_HOOK)
def register_reports_menu_item():
    return ReportsMenuItem(
        "Reports", reverse("support_admin:reports"), name="support-reports", icon_name="table", order=20
    )


# --- the lead's settings screens ------------------------------------------------------------------
#
# Wagtail's default ModelPermissionPolicy reads the model permissions the Support leads group holds
# (support/migrations/0002_roles_and_sla.py), so no custom policy is registered.


class SupportModelViewSet(ModelViewSet):
    menu_hook = SUPPORT_MENU_HOOK
    add_to_admin_menu = False

    @property
    def menu_item_class(self):
        model = self.model

        def is_shown(_self, request):
            # Agents may read canned responses in the workspace; only those who manage them see the screen.
            policy = policy_registry.get_by_type(model)
            return permissions.can_use_support_admin(request.user) and policy.user_has_any_permission(
                request.user, ["add", "change", "delete"]
            )

        return type(f"{model.__name__}MenuItem", (MenuItem,), {"is_shown": is_shown})


class SLAPolicyViewSet(SupportModelViewSet):
    model = SLAPolicy
    name = "support_sla_policies"
    icon = "time"
    menu_label = "SLA policies"
    menu_order = 30
    form_fields = ["priority", "first_response_minutes", "resolution_minutes", "at_risk_percent"]
    list_display = ["__str__", "first_response_minutes", "resolution_minutes", "at_risk_percent"]


class DepartmentViewSet(SupportModelViewSet):
    model = Department
    name = "support_departments"
    icon = "group"
    menu_label = "Departments"
    menu_order = 40
    list_display = ["name", "email", "lead", "auto_assign"]
    search_fields = ["name", "email"]

    def get_form_class(self, for_update=False):
        return DepartmentForm


class CategoryViewSet(SupportModelViewSet):
    model = Category
    name = "support_categories"
    icon = "tag"
    menu_label = "Categories"
    menu_order = 50
    form_fields = ["name", "department", "is_active"]
    list_display = ["name", "department", "is_active"]
    list_filter = ["department", "is_active"]
    search_fields = ["name"]


class CannedResponseViewSet(SupportModelViewSet):
    model = CannedResponse
    name = "support_canned_responses"
    icon = "openquote"
    menu_label = "Canned responses"
    menu_order = 60
    form_fields = ["title", "department", "body"]
    list_display = ["title", "department"]
    list_filter = ["department"]
    search_fields = ["title", "body"]


@hooks.register("register_admin_viewset")
def register_support_viewsets():
    return [SLAPolicyViewSet(), DepartmentViewSet(), CategoryViewSet(), CannedResponseViewSet()]


# --- home page panels -----------------------------------------------------------------------------


class TicketsPanel(Component):
    """A few tickets and a link to the same tickets in the filtered table; one query per panel."""

    template_name = "support/admin/home_panel.html"
    rows = 5
    name = heading = query = ""

    def tickets(self, tickets, user):
        raise NotImplementedError

    def get_context_data(self, parent_context):
        from .admin_views import saved_views
        from .tables import sla_badge

        user = parent_context["request"].user
        # The panel shows only the ticket's own columns: no joins to build, run or turn into objects.
        tickets = selectors.tickets_for_staff(user=user).select_related(None).filter(status__in=ACTIVE_STATUSES)
        tickets = list(self.tickets(tickets, user)[: self.rows + 1])
        query = dict(saved_views(user))[self.heading]
        return {
            "panel_id": self.name,
            "heading": self.heading,
            "rows": [(ticket, sla_badge(ticket)) for ticket in tickets[: self.rows]],
            "has_more": len(tickets) > self.rows,
            "table_url": f"{reverse('support_admin:ticket_list')}?{query}",
        }


class MyOpenTicketsPanel(TicketsPanel):
    name, heading, order = "support-my-open-tickets", "My open tickets", 50

    def tickets(self, tickets, user):
        return tickets.filter(assignee=user).order_by("-updated_at", "-pk")


class UnassignedTicketsPanel(TicketsPanel):
    name, heading, order = "support-unassigned-tickets", "Unassigned", 51

    def tickets(self, tickets, user):
        return tickets.filter(assignee__isnull=True).order_by("created_at", "pk")


class AtRiskTicketsPanel(TicketsPanel):
    name, heading, order = "support-at-risk-tickets", "At risk or breached", 52

    def tickets(self, tickets, user):
        tickets = selectors.tickets_in_sla_states(tickets, states=[SLAState.AT_RISK, SLAState.BREACHED])
        return selectors.with_next_sla_due(tickets).order_by("next_sla_due", "pk")


@hooks.register("construct_homepage_panels")
def add_support_panels(request, panels):
    if permissions.can_use_support_admin(request.user):
        panels.extend([MyOpenTicketsPanel(), UnassignedTicketsPanel(), AtRiskTicketsPanel()])


@hooks.register("insert_global_admin_css")
def support_admin_css():
    from django.templatetags.static import static
    from django.utils.html import format_html

    return format_html('<link rel="stylesheet" href="{}">', static("support/support_admin.css"))
