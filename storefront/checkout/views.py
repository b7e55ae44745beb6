"""Oscar's checkout with a payment method choice, the shop's tax rule, and placing an order once under concurrency."""

from django import http
from django.contrib import messages
from django.db import transaction
from django.urls import reverse
from oscar.apps.checkout import views as oscar_views
from oscar.apps.checkout.exceptions import FailedPreCondition
from oscar.apps.order.exceptions import UnableToPlaceOrder

from storefront import payment_methods
from storefront.partner.tax import apply_tax_at_checkout, shop_tax_rule
from storefront.services import (
    AlreadyPlaced,
    OutOfStock,
    basket_lock_for_order,
    basket_wait_for_order,
    out_of_stock_message,
    stock_alert_low,
    stock_reserve_for_basket,
)

from .forms import PaymentMethodForm

PAYMENT_NAMESPACE = "payment"
PAYMENT_METHOD_KEY = "method"
# The basket this checkout is for, kept when the payment method is chosen: a second
# "Place order" that arrives after the first has submitted the basket no longer has it
# as request.basket, and finds the order through it.
BASKET_KEY = "basket_id"


class PaymentDetailsView(oscar_views.PaymentDetailsView):
    """Step 3 (``payment-details``) asks how to pay; step 4 (``preview``) places the order.

    The choice is posted to step 3, kept in the checkout session and followed by a
    redirect to the preview (post/redirect/get), so "Place order" is the only POST of
    the preview page.
    """

    def check_basket_is_not_empty(self, request):
        if request.basket.is_empty:
            self.redirect_if_placed_meanwhile(request)
        super().check_basket_is_not_empty(request)

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
            # The stock may be gone because this very basket was just ordered by a second submission.
            self.redirect_if_placed_meanwhile(request)
            raise FailedPreCondition(url=reverse("basket:summary"), messages=problems)

    def redirect_if_placed_meanwhile(self, request):
        """Show the confirmation when another submission of this checkout has placed its order.

        Called only when a check fails (the basket is empty or out of stock), so a normal
        checkout pays nothing for it. Waits for a placing of the basket in progress.
        """
        basket_id = self.checkout_session._get(PAYMENT_NAMESPACE, BASKET_KEY) or request.basket.pk
        if not basket_id or not request.user.is_authenticated:
            return
        order = basket_wait_for_order(basket_id=basket_id, user=request.user)
        if order is not None:
            self.remember_placed_order(order)
            raise FailedPreCondition(url=reverse("checkout:thank-you"), message=already_placed_message(order))

    def remember_placed_order(self, order):
        self.checkout_session.flush()
        self.request.session["checkout_order_id"] = order.pk

    def get_payment_method(self):
        return payment_methods.get(self.checkout_session._get(PAYMENT_NAMESPACE, PAYMENT_METHOD_KEY))

    def post(self, request, *args, **kwargs):
        if self.preview:
            return super().post(request, *args, **kwargs)
        form = PaymentMethodForm(request.POST)
        if not form.is_valid():
            return self.render_payment_details(request, payment_method_form=form)
        self.checkout_session._set(PAYMENT_NAMESPACE, PAYMENT_METHOD_KEY, form.payment_method.code)
        self.checkout_session._set(PAYMENT_NAMESPACE, BASKET_KEY, request.basket.pk)
        return http.HttpResponseRedirect(reverse("checkout:preview"))

    def build_submission(self, **kwargs):
        """Oscar's submission, with the tax added once the delivery is known when it goes on top of prices."""
        submission = super().build_submission(**kwargs)
        if submission["shipping_method"] is not None and apply_tax_at_checkout(
            basket=submission["basket"], shipping_charge=submission["shipping_charge"]
        ):
            submission["order_total"] = self.get_order_totals(
                submission["basket"], shipping_charge=submission["shipping_charge"], surcharges=submission["surcharges"]
            )
        return submission

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        method = self.get_payment_method()
        context.setdefault(
            "payment_method_form", PaymentMethodForm(initial={"method": method.code if method else None})
        )
        context["payment_method"] = method
        context["show_tax_separately"] = shop_tax_rule().show_tax_separately
        return context

    # --- placing the order -------------------------------------------------

    def submit(self, **submission):
        """Oscar's submission (freeze, payment, order) in one transaction that first locks the basket.

        A second submission of the same checkout (double click, resubmitted form, two tabs)
        waits here for the first one to finish and then shows its order instead of
        freezing, paying for and placing the basket again. Payment is taken inside the
        transaction: fine for the methods we have, which call no outside service.
        """
        with transaction.atomic():
            try:
                basket_lock_for_order(basket=submission["basket"])
            except AlreadyPlaced as placed:
                self.remember_placed_order(placed.order)
                messages.info(self.request, already_placed_message(placed.order))
                return http.HttpResponseRedirect(self.get_success_url())
            return super().submit(**submission)

    def handle_payment(self, order_number, total, **kwargs):
        method = self.get_payment_method()
        if method is None:
            raise UnableToPlaceOrder("Please choose how you would like to pay.")
        # A savepoint: Oscar handles a failed payment by restoring the basket, which needs
        # the surrounding transaction (submit) still usable.
        with transaction.atomic():
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
        """Place the order in one transaction (a savepoint of ``submit``'s) that locks the basket and the stock it takes.

        - The basket row lock (already held when called from ``submit``) makes a second
          submission of the same basket wait for the first and then find its order.
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
            self.remember_placed_order(placed.order)
            messages.info(self.request, already_placed_message(placed.order))
            return http.HttpResponseRedirect(self.get_success_url())
        return self.handle_successful_order(order)

    def handle_successful_order(self, order):
        self.checkout_session._unset(PAYMENT_NAMESPACE, PAYMENT_METHOD_KEY)
        return super().handle_successful_order(order)

    def send_order_placed_email(self, order):
        # Queued after commit and sent by the background worker, not inside the request.
        from storefront.services import order_send_confirmation

        order_send_confirmation(order=order)


def already_placed_message(order) -> str:
    return f"Your order {order.number} has been placed (the order form was sent more than once; it was placed only once)."
