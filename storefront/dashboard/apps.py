import oscar.apps.dashboard.apps as apps


class DashboardConfig(apps.DashboardConfig):
    # Forked only so Oscar's get_class finds storefront.dashboard.orders.* (it resolves
    # "dashboard.orders.views" through the "dashboard" app's module path).
    name = "storefront.dashboard"
