"""The whole-page cache for visitors who are not signed in, on CMS pages.

A visitor with no session, basket or messages cookie sees the same page as every
other such visitor, so the rendered HTML is kept in the cache (Redis when REDIS_URL
is set, shared by every worker; local memory otherwise) for PAGE_CACHE_SECONDS.

What is never cached: a signed-in person or any request carrying a personal cookie;
anything but GET/HEAD; previews; a page that set a cookie; anything but a 200. Forms on
a cached page (the product cards' "Add to basket") keep working: the CSRF tokens are
stored as a placeholder and each visitor gets a fresh token (and its cookie) on a hit. Publishing, unpublishing, moving or deleting a page and
saving the site settings empty the cache at once (a version number in the key);
product cards on CMS pages (price, stock) may be up to PAGE_CACHE_SECONDS old.

Pages opt in with ``CachedForVisitorsMixin``, which stores them after Wagtail's routing
and view-restriction checks; ``PageCacheMiddleware`` answers from the cache before any
routing. Pages that count visits or carry a form (help articles, the contact page) do not
opt in. Adding or removing a view restriction empties the cache too.
"""

import re

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpResponse
from django.middleware.csrf import get_token
from wagtail.models import BaseViewRestriction, Page
from wagtail.signals import page_published, page_unpublished, post_page_move

VERSION_KEY = "pagecache:version"
HIT_HEADER = "X-Page-Cache"
CSRF_PLACEHOLDER = b"__PAGE_CACHE_CSRF_TOKEN__"
# The value of every {% csrf_token %} input, as Django renders it.
_CSRF_INPUT_VALUE = re.compile(rb'(<input type="hidden" name="csrfmiddlewaretoken" value=")[^"]*(")')


def _personal_cookies():
    return (settings.SESSION_COOKIE_NAME, settings.OSCAR_BASKET_COOKIE_OPEN, "messages")


def is_cacheable_request(request) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not getattr(request, "is_preview", False)
        and not any(name in request.COOKIES for name in _personal_cookies())
    )


def is_cacheable_response(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def version() -> int:
    """Changes whenever a page is published, moved, restricted or deleted: for keys of anything built from pages."""
    return cache.get_or_set(VERSION_KEY, 1, timeout=None)


def _key(request) -> str:
    return f"pagecache:{version()}:{request.scheme}://{request.get_host()}{request.get_full_path()}"


def cached_response(request):
    """The cached page for this request, or None."""
    if not is_cacheable_request(request):
        return None
    cached = cache.get(_key(request))
    if cached is None:
        return None
    content, content_type = cached
    if CSRF_PLACEHOLDER in content:
        # get_token() also makes CsrfViewMiddleware set the visitor's CSRF cookie.
        content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
    response = HttpResponse(content, content_type=content_type)
    response[HIT_HEADER] = "hit"
    return response


def serve(request, render):
    """``render()``'s response, kept in the cache when every visitor like this one may share it."""
    response = render()
    if not is_cacheable_request(request):
        return response
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    if is_cacheable_response(request, response):
        content = response.content
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            content = _CSRF_INPUT_VALUE.sub(rb"\g<1>" + CSRF_PLACEHOLDER + rb"\g<2>", content)
        cache.set(_key(request), (content, response["Content-Type"]), settings.PAGE_CACHE_SECONDS)
        response[HIT_HEADER] = "miss"
    return response


class PageCacheMiddleware:
    """Answers from the cache before any routing: a cached page costs no query at all.

    Only pages stored by ``serve`` (after Wagtail's routing and view-restriction checks) are
    in the cache, so this serves nothing a visitor could not see.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return cached_response(request) or self.get_response(request)


def clear() -> None:
    """Forget every cached page (the old entries expire on their own)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


class CachedForVisitorsMixin:
    """For a Wagtail page model whose HTML is the same for every visitor who is not signed in."""

    def serve(self, request, *args, **kwargs):
        return serve(request, lambda: super(CachedForVisitorsMixin, self).serve(request, *args, **kwargs))


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def _page_changed(sender, **kwargs):
    clear()


@receiver(post_delete)
@receiver(post_save)
def _model_changed(sender, created=False, **kwargs):
    if issubclass(sender, (Page, BaseViewRestriction)):
        clear()
    elif sender._meta.label == "home.SiteSettings" and not created:
        # (Made with its defaults on first use, which changes nothing that was shown.)
        clear()
