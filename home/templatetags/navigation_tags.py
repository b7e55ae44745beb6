from django import template
from django.core.cache import cache
from wagtail.models import Site

from portal import pagecache

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The home page's live children marked "show in menus": the site's main navigation.

    Kept in the cache under the page cache's version, so publishing, moving or deleting a
    page (which empties the page cache) changes the menu at once.
    """
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    key = f"main-menu:{pagecache.version()}:{site.pk}"
    menu = cache.get(key)
    if menu is None:
        menu = [
            {"title": page.title, "url": page.get_url(request), "url_path": page.url_path}
            for page in site.root_page.get_children().live().in_menu()
        ]
        cache.set(key, menu, None)
    return menu
