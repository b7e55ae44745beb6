"""includes/form_fields.html ties each field to its help text and errors for screen readers."""

import re

from django.template.loader import render_to_string

from support.forms import TicketRatingForm, TicketReplyForm


def described_by(html, field_id):
    tag = re.search(rf'<(?:input|textarea|select)[^>]*id="{field_id}"[^>]*>', html).group(0)
    match = re.search(r'aria-describedby="([^"]*)"', tag)
    return match.group(1) if match else None


def test_help_then_errors_of_those_the_field_shows():
    html = render_to_string("includes/form_fields.html", {"form": TicketRatingForm({"rating": "5", "comment": "x" * 3000})})
    assert described_by(html, "id_comment") == "id_comment_helptext id_comment_errors"
    assert 'id="id_comment_helptext"' in html and 'id="id_comment_errors"' in html


def test_only_what_there_is():
    html = render_to_string("includes/form_fields.html", {"form": TicketReplyForm({"message": ""})})
    assert described_by(html, "id_message") == "id_message_errors"
    assert described_by(html, "id_attachments") == "id_attachments_helptext"
    assert described_by(render_to_string("includes/form_fields.html", {"form": TicketReplyForm()}), "id_message") is None
