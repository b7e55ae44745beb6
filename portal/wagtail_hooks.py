from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .permissions import can_use_shop_dashboard


class ShopDashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return can_use_shop_dashboard(request.user)


@hooks.register("register_admin_menu_item")
def register_shop_dashboard_menu_item():
    # Shop managers reach Oscar's dashboard from the Wagtail admin; it links back with "Site admin".
    return ShopDashboardMenuItem("Shop dashboard", reverse("dashboard:index"), icon_name="pick", order=900)
