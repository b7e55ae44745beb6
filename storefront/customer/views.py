"""The customer's order pages, reading through storefront.selectors (Oscar's list costs a query per order)."""

from django.shortcuts import get_object_or_404
from oscar.apps.customer import views as oscar_views
from oscar.apps.customer.views import *  # noqa: F401,F403

from storefront import payment_methods
from storefront.selectors import customer_order_detail_queryset, customer_orders


class OrderHistoryView(oscar_views.OrderHistoryView):
    def get_queryset(self):
        orders = customer_orders(user=self.request.user)
        if self.form.is_bound and self.form.is_valid():
            orders = orders.filter(**self.form.get_filters())
        return orders


class OrderDetailView(oscar_views.OrderDetailView):
    def get_object(self, queryset=None):
        # Another customer's order is a 404, never a 403: its number says nothing.
        return get_object_or_404(customer_order_detail_queryset(user=self.request.user), number=self.kwargs["order_number"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["status_history"] = sorted(self.object.status_changes.all(), key=lambda change: change.date_created)
        context["shipments"] = list(self.object.shipments.all())
        context["payment_method"] = payment_methods.for_order(self.object)
        return context
