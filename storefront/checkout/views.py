"""Oscar's checkout with a payment method choice and a stock check that holds under concurrency."""

from django import http
from django.db import transaction
from django.urls import reverse
from oscar.apps.checkout import views as oscar_views
from oscar.apps.checkout.exceptions import FailedPreCondition
from oscar.apps.order.exceptions import UnableToPlaceOrder

from storefront import payment_methods
from storefront.services import (
    AlreadyPlaced,
    OutOfStock,
    basket_lock_for_order,
    stock_alert_low,
    out_of_stock_message,
    stock_reserve_for_basket,
)

from .forms import PaymentMethodForm

PAYMENT_NAMESPACE = "payment"
PAYMENT_METHOD_KEY = "method"


class PaymentDetailsView(oscar_views.PaymentDetailsView):
    """Step 3 (``payment-details``) asks how to pay; step 4 (``preview``) places the order.

    The choice is posted to step 3, kept in the checkout session and followed by a
    redirect to the preview (post/redirect/get), so "Place order" is the only POST of
    the preview page.
    """

    def check_payment_data_is_captured(self, request):
        if self.get_payment_method() is None:
            raise FailedPreCondition(
                url=reverse("checkout:payment-details"), message="Please choose how you would like to pay."
            )

    def check_basket_is_valid(self, request):
        """Oscar's check, worded like the check at placing time (which catches the races this one cannot)."""
        problems = []
        for line in request.basket.all_lines():
            availability = request.strategy.fetch_for_line(line).availability
            permitted, reason = availability.is_purchase_permitted(line.quantity)
            if not permitted:
                free = getattr(availability, "num_available", None)
                if free is None:
                    problems.append(f"Sorry, “{line.product.get_title()}” is no longer available ({reason}).")
                else:
                    problems.append(out_of_stock_message(title=line.product.get_title(), free=free))
        if problems:
            raise FailedPreCondition(url=reverse("basket:summary"), messages=problems)

    def get_payment_method(self):
        return payment_methods.get(self.checkout_session._get(PAYMENT_NAMESPACE, PAYMENT_METHOD_KEY))

    def post(self, request, *args, **kwargs):
        if self.preview:
            return super().post(request, *args, **kwargs)
        form = PaymentMethodForm(request.POST)
        if not form.is_valid():
            return self.render_payment_details(request, payment_method_form=form)
        self.checkout_session._set(PAYMENT_NAMESPACE, PAYMENT_METHOD_KEY, form.payment_method.code)
        return http.HttpResponseRedirect(reverse("checkout:preview"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        method = self.get_payment_method()
        context.setdefault(
            "payment_method_form", PaymentMethodForm(initial={"method": method.code if method else None})
        )
        context["payment_method"] = method
        return context

    # --- placing the order -------------------------------------------------

    def handle_payment(self, order_number, total, **kwargs):
        method = self.get_payment_method()
        if method is None:
            raise UnableToPlaceOrder("Please choose how you would like to pay.")
        method.take_payment(view=self, order_number=order_number, total=total)

    def get_initial_order_status(self, basket):
        method = self.get_payment_method()
        return method.initial_status if method else None

    def handle_order_placement(
        self,
        order_number,
        user,
        basket,
        shipping_address,
        shipping_method,
        shipping_charge,
        billing_address,
        order_total,
        surcharges=None,
        **kwargs,
    ):
        """Place the order in one transaction that first locks the basket and the stock it takes.

        - The basket row lock makes a second submission of the same basket (double click,
          resubmitted form, two tabs) wait for the first and then find it submitted.
        - The stock records are locked (in pk order, so two checkouts cannot deadlock)
          and checked before Oscar allocates: of twenty checkouts for the last five
          units, five place orders and fifteen are told the product is no longer in stock.
        """
        try:
            with transaction.atomic():
                basket_lock_for_order(basket=basket)
                free_before = stock_reserve_for_basket(basket=basket)
                order = self.place_order(
                    order_number=order_number,
                    user=user,
                    basket=basket,
                    shipping_address=shipping_address,
                    shipping_method=shipping_method,
                    shipping_charge=shipping_charge,
                    order_total=order_total,
                    billing_address=billing_address,
                    surcharges=surcharges,
                    **kwargs,
                )
                basket.submit()
                stock_alert_low(free_before=free_before)
        except OutOfStock as error:
            raise UnableToPlaceOrder(str(error)) from error
        except AlreadyPlaced as placed:
            # The other submission won: show its confirmation instead of an error.
            basket.submit()
            self.checkout_session.flush()
            self.request.session["checkout_order_id"] = placed.order.pk
            return http.HttpResponseRedirect(self.get_success_url())
        return self.handle_successful_order(order)

    def handle_successful_order(self, order):
        self.checkout_session._unset(PAYMENT_NAMESPACE, PAYMENT_METHOD_KEY)
        return super().handle_successful_order(order)

    def send_order_placed_email(self, order):
        # Queued after commit and sent by the background worker, not inside the request.
        from storefront.services import order_send_confirmation

        order_send_confirmation(order=order)
