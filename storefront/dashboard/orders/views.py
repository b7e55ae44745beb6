"""Oscar's order dashboard, with every status change going through storefront.services.order_set_status."""

from django.contrib import messages
from django.shortcuts import redirect
from oscar.apps.dashboard.orders import views as oscar_views
from oscar.apps.dashboard.orders.views import *  # noqa: F401,F403
from oscar.apps.order.exceptions import InvalidOrderStatus

from storefront.services import order_set_status


def _set_status(request, order, status, **fields):
    try:
        order_set_status(order=order, status=status, actor=request.user, **fields)
    except InvalidOrderStatus as error:
        messages.error(request, f"Order {order.number}: {error}")
        return False
    messages.info(request, f"Order {order.number} is now {status}.")
    return True


class OrderListView(oscar_views.OrderListView):
    def change_order_status(self, request, order):
        _set_status(request, order, request.POST.get("new_status", "").strip())


class OrderDetailView(oscar_views.OrderDetailView):
    def change_order_status(self, request, order):
        form = self.get_order_status_form()
        if not form.is_valid():
            return self.reload_page(error="Choose a new status.")
        _set_status(
            request,
            order,
            form.cleaned_data["new_status"],
            carrier=form.cleaned_data.get("carrier", ""),
            tracking=form.cleaned_data.get("tracking", ""),
        )
        return redirect("dashboard:order-detail", number=order.number)
