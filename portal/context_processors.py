from django.conf import settings
from django.utils.functional import SimpleLazyObject, empty

from .selectors import header_state


def search_form(request):
    """Oscar's ``search_form`` processor, built only on the pages that show the form (the shop's
    listings), not on every page: building a form is most of what a context processor costs."""
    from oscar.core.loading import get_class

    SearchForm = get_class("search.forms", "SearchForm")
    return {"search_form": SimpleLazyObject(lambda: SearchForm(request.GET))}


def site_chrome(request):
    """What the shared header needs on every page, CMS or shop.

    The personal values are callables (templates call them) so that pages that do not show the
    header, such as the Wagtail admin's, run no query for them; the first one used reads all of
    them in one query (``header_state``).
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {
            "site_name": settings.WAGTAIL_SITE_NAME,
            "can_use_wagtail_admin": False,
            "can_use_shop_dashboard": False,
            "unread_notifications_count": 0,
            "basket_num_items": lambda: _request_basket_num_items(request),
        }
    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "can_use_wagtail_admin": lambda: _header_state(request)["can_use_wagtail_admin"],
        "can_use_shop_dashboard": lambda: _header_state(request)["can_use_shop_dashboard"],
        "unread_notifications_count": lambda: _header_state(request)["unread_notifications"],
        "basket_num_items": lambda: _basket_num_items(request),
    }


def _header_state(request) -> dict:
    state = getattr(request, "_header_state", None)
    if state is None:
        state = request._header_state = header_state(user=request.user)
        # Shared with the account pages and the admin menu (selectors.unread_notification_count_for_request).
        if getattr(request, "_unread_notification_count", None) is None:
            request._unread_notification_count = state["unread_notifications"]
    return state


def _request_basket_num_items(request) -> int:
    basket = getattr(request, "basket", None)
    return basket.num_items if basket is not None else 0


def _basket_num_items(request) -> int:
    # Oscar's basket (BasketMiddleware) when this request has loaded it already (shop pages) or
    # must load it: a basket cookie means a visitor's basket to merge into the account's, which
    # Oscar does when the basket is first read. Otherwise the count read with the header state,
    # instead of loading the basket, its lines and its offers only to count them.
    basket = getattr(request, "basket", None)
    loaded = basket is not None and not (isinstance(basket, SimpleLazyObject) and basket._wrapped is empty)
    if loaded or settings.OSCAR_BASKET_COOKIE_OPEN in request.COOKIES:
        return _request_basket_num_items(request)
    return _header_state(request)["basket_items"]
