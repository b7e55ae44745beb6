from django import template
from wagtail.models import Site

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The home page's live children marked "show in menus": the site's main navigation."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    cache = getattr(request, "_main_menu", None)
    if cache is None:
        cache = list(site.root_page.get_children().live().in_menu())
        request._main_menu = cache
    return cache
