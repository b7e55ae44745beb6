"""Pieces shared by the django-tables2 tables in the admin."""

from html import escape as _escape

import django_tables2 as tables
from django.utils import dateformat, timezone
from django.utils.dates import MONTHS_3
from django.utils.safestring import mark_safe

DEFAULT_DATETIME_FORMAT = "j M Y, H:i"


def esc(value) -> str:
    """The text escaped for HTML, as Django's ``escape`` does, without its lazy-string wrapper.

    Rows are built from hundreds of small strings; Django's ``escape`` and ``format_html`` cost
    several times more per call than the escaping itself (a lazy-argument check on every call).
    """
    return _escape(str(value))


def format_datetime(value, format=DEFAULT_DATETIME_FORMAT) -> str:
    local = timezone.localtime(value)
    if format == DEFAULT_DATETIME_FORMAT:
        # "4 Mar 2026, 09:05", the default format spelled out: ``dateformat.format`` parses the
        # format string on every call.
        return f"{local.day} {str(MONTHS_3[local.month]).title()} {local.year}, {local:%H:%M}"
    return dateformat.format(local, format)


class DateTimeColumn(tables.Column):
    """A date-time in the local time zone, formatted in Python.

    django-tables2's own DateTimeColumn is a TemplateColumn that compiles a template for every
    cell, which was the largest single cost of rendering a 50-row table.
    """

    def __init__(self, *args, format=DEFAULT_DATETIME_FORMAT, **kwargs):
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
    as plain strings instead (the template ``portal/admin/table.html`` calls ``body_html``);
    django-tables2 still does the header, ordering and pagination.

    ``row_cells`` returns, for each column name, the cell's HTML or ``(html, css_class)``.
    The HTML is a plain ``str`` that the table trusts: every value in it from the database
    must go through ``esc()``.
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
                if isinstance(cell, tuple):
                    tds.append(f'<td class="{cell[1]}">{cell[0]}</td>')
                else:
                    tds.append(f"<td>{cell}</td>")
            rows.append(
                f'<tr class="{"odd" if number % 2 else "even"}"{self.row_attrs_html(row.record)}>{"".join(tds)}</tr>'
            )
        return mark_safe("".join(rows))
