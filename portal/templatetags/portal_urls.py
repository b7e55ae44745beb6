from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape
from django.utils.translation import get_language

register = template.Library()

_reversed = {}


@register.tag
def fixed_url(parser, token):
    """``{% fixed_url "view_name" %}``: ``{% url "view_name" %}`` for a URL without arguments,
    reversed once per process.

    The header, footer and account menu of every page link to about twenty such URLs; reversing
    them was half the time the header took to render. See ``reversed_once``.
    """
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError(f"'{bits[0]}' takes one argument, the name of a URL without arguments.")
    return FixedURLNode(parser.compile_filter(bits[1]))


class FixedURLNode(template.Node):
    def __init__(self, view_name):
        self.view_name = view_name

    def render(self, context):
        url = reversed_once(self.view_name.resolve(context), context.get("request"))
        return conditional_escape(url) if context.autoescape else url


def reversed_once(view_name, request, kwargs=None):
    """``reverse(view_name, kwargs=kwargs)`` as ``{% url %}`` would answer it for ``request``,
    reversed once per process for the same arguments.

    A URL depends only on what the key holds: the name and arguments, the URLconf, the script
    prefix, the language (for translated patterns) and, as for ``{% url %}``, the current
    application. None of them is personal.
    """
    try:  # the current application, as {% url %} finds it
        current_app = request.current_app
    except AttributeError:
        current_app = getattr(getattr(request, "resolver_match", None), "namespace", None)
    if request is None:
        urlconf, script_prefix = get_urlconf() or settings.ROOT_URLCONF, get_script_prefix()
    else:
        # What the request handler set for this request (set_urlconf, set_script_prefix).
        urlconf = getattr(request, "urlconf", None) or settings.ROOT_URLCONF
        script_prefix = request.path[: len(request.path) - len(request.path_info)]
    arguments = tuple(sorted(kwargs.items())) if kwargs else ()
    key = (view_name, arguments, current_app, urlconf, script_prefix, get_language())
    try:
        return _reversed[key]
    except KeyError:
        url = _reversed[key] = reverse(view_name, kwargs=kwargs, current_app=current_app)
        return url
