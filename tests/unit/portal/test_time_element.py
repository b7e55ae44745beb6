"""``time_element`` writes what the two ``date`` filters it replaces wrote."""

from datetime import datetime, timezone

import pytest
from django.template import Context, Template
from django.utils import translation

BOTH = Template(
    """{% load portal_dates %}{{ when|time_element }}|<time datetime="{{ when|date:'c' }}">{{ when|date:"j M Y, H:i" }}</time>"""
)


@pytest.mark.parametrize(
    "when",
    [
        datetime(2026, 1, 5, 9, 7, tzinfo=timezone.utc),  # winter: London is on UTC
        datetime(2026, 7, 31, 23, 30, 15, tzinfo=timezone.utc),  # summer: the next day in London
        datetime(2026, 3, 29, 0, 59, 59, 123456, tzinfo=timezone.utc),  # an hour before the clocks change
        datetime(999, 12, 1, 12, 0, tzinfo=timezone.utc),
    ],
)
@pytest.mark.parametrize("language", ["en-gb", "de"])
def test_the_same_html_as_the_date_filters(when, language):
    with translation.override(language):
        ours, django_s = BOTH.render(Context({"when": when})).split("|")
    assert ours == django_s


def test_nothing_for_no_date():
    assert Template("{% load portal_dates %}{{ when|time_element }}").render(Context({"when": None})) == ""
