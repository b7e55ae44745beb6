"""Pieces shared by the django-tables2 tables in the admin."""

import django_tables2 as tables
from django.utils import dateformat, timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe


def format_datetime(value, format="j M Y, H:i") -> str:
    return dateformat.format(timezone.localtime(value), format)


class DateTimeColumn(tables.Column):
    """A date-time in the local time zone, formatted in Python.

    django-tables2's own DateTimeColumn is a TemplateColumn that compiles a template for every
    cell, which was the largest single cost of rendering a 50-row table.
    """

    def __init__(self, *args, format="j M Y, H:i", **kwargs):
        self.format = format
        super().__init__(*args, **kwargs)

    def render(self, value):
        return format_datetime(value, self.format)

    def value(self, value):
        return timezone.localtime(value).isoformat(timespec="minutes") if value else ""


class PythonRowsMixin:
    """Body rows rendered in Python by the table's ``row_cells(record)``.

    django-tables2 renders every cell through several layers (column attrs, a signature
    inspection per call, template lookups per cell): about 1 ms a row, so 50 rows cost
    more than the rest of the admin page. Tables with this mixin build each row's cells
    with ``format_html`` instead (the template ``portal/admin/table.html`` calls
    ``body_html``); django-tables2 still does the header, ordering and pagination.

    ``row_cells`` returns, for each column name, the cell's HTML or ``(html, css_class)``.
    """

    def row_cells(self, record) -> dict:
        raise NotImplementedError

    def row_attrs_html(self, record) -> str:
        return ""

    def body_html(self):
        names = [column.name for column in self.columns]
        rows = []
        for number, row in enumerate(self.paginated_rows):
            cells = self.row_cells(row.record)
            tds = []
            for name in names:
                cell = cells[name]
                html, css_class = cell if isinstance(cell, tuple) else (cell, "")
                tds.append(format_html('<td class="{}">{}</td>', css_class, html) if css_class else format_html("<td>{}</td>", html))
            rows.append(
                format_html(
                    '<tr class="{}"{}>{}</tr>',
                    "odd" if number % 2 else "even",
                    self.row_attrs_html(row.record),
                    mark_safe("".join(tds)),
                )
            )
        return mark_safe("".join(rows))
