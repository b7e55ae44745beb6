"""Choice widgets that render in Python, for the admin tables' filter forms.

Django renders a choice widget through a template per option (and another per option for its
attributes): a filter form with a hundred options (assignees, categories, statuses) cost more
than the rest of the admin page. These widgets produce the same markup as Django's templates
(``django/forms/widgets/select.html`` and ``multiple_input.html``), built with plain strings.
"""

from html import escape

from django import forms
from django.utils.safestring import mark_safe


def _text(value) -> str:
    # Django's templates show the value with |stringformat:"s" and autoescape it unless it is
    # already safe HTML (a SafeString label stays as it is).
    text = str(value)
    return text if hasattr(value, "__html__") else escape(text)


def flatatt(attrs) -> str:
    """Attributes as ``django/forms/widgets/attrs.html`` writes them: True alone, False left out."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {name}" if value is True else f' {name}="{_text(value)}"')
    return "".join(parts)


class PythonRenderedChoiceMixin:
    def _render_groups(self, name, value, attrs, render_option, group_html):
        context = self.get_context(name, value, attrs)["widget"]
        html = []
        for group_name, options, _index in context["optgroups"]:
            body = "".join(render_option(option) for option in options)
            html.append(group_html(group_name, body) if group_name else body)
        return context, "".join(html)


class FastSelect(PythonRenderedChoiceMixin, forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        def option_html(option):
            return f'\n  <option value="{_text(option["value"])}"{flatatt(option["attrs"])}>{_text(option["label"])}</option>\n'

        def group_html(label, body):
            return f'\n  <optgroup label="{_text(label)}">{body}\n  </optgroup>'

        context, body = self._render_groups(name, value, attrs, option_html, group_html)
        return mark_safe(f'<select name="{_text(context["name"])}"{flatatt(context["attrs"])}>{body}\n</select>')


class FastCheckboxSelectMultiple(PythonRenderedChoiceMixin, forms.CheckboxSelectMultiple):
    def render(self, name, value, attrs=None, renderer=None):
        def option_html(option):
            option_attrs = option["attrs"]
            value_html = "" if option["value"] is None else f' value="{_text(option["value"])}"'
            # The line breaks are those of Django's templates (each included template ends with one).
            element = f'<input type="{option["type"]}" name="{_text(option["name"])}"{value_html}{flatatt(option_attrs)}>\n'
            if option["wrap_label"]:
                label_for = f' for="{_text(option_attrs["id"])}"' if option_attrs.get("id") else ""
                element = f'<label{label_for}>{element} {_text(option["label"])}</label>'
            return f"<div>\n    {element}\n\n</div>"

        def group_html(label, body):
            return f"\n  <div><label>{_text(label)}</label>{body}\n  </div>"

        context, body = self._render_groups(name, value, attrs, option_html, group_html)
        widget_id = context["attrs"].get("id")
        id_html = f' id="{_text(widget_id)}"' if widget_id else ""
        class_html = f' class="{_text(context["attrs"]["class"])}"' if context["attrs"].get("class") else ""
        return mark_safe(f"<div{id_html}{class_html}>{body}\n</div>")
