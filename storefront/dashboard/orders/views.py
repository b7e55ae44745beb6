"""Oscar's order dashboard, with every status change going through storefront.services."""

from django.contrib import messages
from django.shortcuts import redirect
from oscar.apps.dashboard.orders import views as oscar_views
from oscar.apps.dashboard.orders.views import *  # noqa: F401,F403
from oscar.apps.order.exceptions import InvalidOrderStatus

from storefront.services import order_set_status, orders_set_status

from .forms import BulkOrderStatusForm


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

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["bulk_status_form"] = BulkOrderStatusForm()
        return context

    def change_order_statuses(self, request, orders):
        """The selected orders to one status, each on its own: the refused ones are listed with the reason."""
        orders = list(orders)
        form = BulkOrderStatusForm(request.POST, orders=orders)
        if not form.is_valid():
            for message in form.error_messages():
                messages.error(request, f"No order was changed. {message}")
            return redirect(self.get_error_url(request))
        status = form.cleaned_data["new_status"]
        try:
            result = orders_set_status(
                orders=orders,
                status=status,
                actor=request.user,
                carrier=form.cleaned_data["carrier"],
                tracking_by_number=form.cleaned_data["tracking_numbers"],
            )
        except InvalidOrderStatus as error:
            messages.error(request, f"No order was changed. {error}")
            return redirect(self.get_error_url(request))
        if result.changed:
            numbers = ", ".join(order.number for order in result.changed)
            count = len(result.changed)
            messages.success(request, f"{count} order{'s' if count != 1 else ''} now {status}: {numbers}.")
        if result.refused:
            count = len(result.refused)
            reasons = "; ".join(f"{order.number}: {reason}" for order, reason in result.refused)
            messages.error(request, f"{count} order{'s' if count != 1 else ''} not changed. {reasons}")
        return redirect(self.get_success_url(request))


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
