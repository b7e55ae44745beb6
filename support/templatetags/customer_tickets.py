from django import template
from django.utils.html import format_html_join
from django.utils.timezone import template_localtime

from portal.templatetags.portal_dates import time_element
from portal.templatetags.portal_urls import reversed_once
from support.models import Status, format_reference

register = template.Library()

ROW = (
    '<tr><td class="text-nowrap"><a href="{0}">{1}</a></td>'
    '<td><a href="{0}" class="ticket-title">{2}</a><br><span class="small text-muted">{3}</span></td>'
    '<td><span class="badge ticket-status ticket-status--{4}">{5}</span></td>'
    '<td class="text-nowrap">{6}</td></tr>'
)


# Any reference: the URL of its ticket, with the reference swapped, is the URL of every other
# ticket (a reference is letters, digits and a hyphen, which reverse() leaves as they are).
_SAMPLE_REFERENCE = format_reference(0)


@register.simple_tag(takes_context=True)
def ticket_rows(context, tickets):
    """The rows of the customer's ticket list (support/ticket_list.html), every value escaped.

    Written here rather than in the template: the template engine took longer over twenty rows
    of eight values than over the rest of the page, and so did reversing twenty URLs. The badge
    is support/includes/status_badge.html's.
    """
    sample_url = reversed_once("support:ticket_detail", context.get("request"), {"reference": _SAMPLE_REFERENCE})
    return format_html_join(
        "\n",
        ROW,
        (
            (
                sample_url.replace(_SAMPLE_REFERENCE, ticket.reference),  # ticket.get_absolute_url()
                ticket.reference,
                ticket.title,
                ticket.category.name,
                ticket.status,
                Status(ticket.status).label,  # get_status_display(), without rebuilding the choices each row
                time_element(template_localtime(ticket.updated_at)),
            )
            for ticket in tickets
        ),
    )
