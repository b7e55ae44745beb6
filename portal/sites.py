"""The Wagtail site of a request, from the cache instead of a query on every page.

Wagtail finds the site of a request (``Site.find_for_request``: the header's menu, the footer's
site settings, page routing) with one query per request and keeps the answer on the request as
``request._wagtail_site``. ``CachedSiteMiddleware`` sets that attribute from the cache, and
keeps what Wagtail found when it was not there, so the query runs once per host and port until
something changes.

Only the site's own row is cached, not its root page. The key carries the page cache's version
(``portal.pagecache``), which changes when a site is saved or deleted (``portal.signals``).
Entries also expire after ``SITE_CACHE_SECONDS``: with the local-memory cache each process has
its own copy, and the expiry bounds how long another process may use a site changed elsewhere.
Sites are not personal: every visitor of a host gets the same one. The host is the one
CommonMiddleware (earlier in MIDDLEWARE) has checked against ALLOWED_HOSTS.
"""

from django.core.cache import cache
from django.http.request import split_domain_port
from wagtail.models import Site

from . import pagecache

SITE_CACHE_SECONDS = 60
_NO_SITE = "no-site"


def _key(request) -> str:
    # The host and port Wagtail's own lookup uses (Site._find_for_request).
    hostname, port = split_domain_port(request._get_raw_host())[0], request.get_port()
    return f"portal:site:{pagecache.version()}:{hostname}:{port}"


def _remember(key, site) -> None:
    if site is not None:
        # Only the site's own row is kept: its root page (read with it) changes with the page tree.
        site._state.fields_cache.pop("root_page", None)
    cache.set(key, _NO_SITE if site is None else site, SITE_CACHE_SECONDS)


class CachedSiteMiddleware:
    """Gives Wagtail the request's site from the cache; on a miss, keeps the one Wagtail looks up.

    A request that never needs the site (the API, most admin pages) costs one cache read and no
    query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = _key(request)
        site = cache.get(key)
        if site is not None:
            request._wagtail_site = None if isinstance(site, str) else site
            return self.get_response(request)
        response = self.get_response(request)
        if hasattr(request, "_wagtail_site"):
            _remember(key, request._wagtail_site)
        return response
