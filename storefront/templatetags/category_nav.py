"""``{% category_nav_items category_tree %}``: the listing sidebar's nested category list items.

The sidebar shows a hundred categories or more on every listing page; a template loop over them
took about as long as the rest of the listing's own markup, this takes a tenth of that.
``category_tree`` is ``storefront.selectors.category_sidebar``'s flat list: after each link a
nested list opens (``children``) or its item ends, then ``closes`` nested lists end.
"""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()

_CURRENT = ' aria-current="page"'


@register.simple_tag
def category_nav_items(links) -> str:
    parts = []
    for link in links:
        current = _CURRENT if link.is_current else ""
        after = "<ul>" if link.children else "</li>" + "</ul></li>" * len(link.closes)
        parts.append(f'<li class="mt-1"><a href="{escape(link.url)}"{current}>{escape(link.name)}</a>{after}')
    return mark_safe("\n".join(parts))
