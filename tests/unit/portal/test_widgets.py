"""The Python-rendered choice widgets give exactly the markup of Django's own templates."""

import pytest
from django import forms
from django.utils.safestring import mark_safe

from portal.widgets import FastCheckboxSelectMultiple, FastSelect

CHOICES = [
    ("", "Anyone"),
    ("1", 'Ann "A" <ann@example.com> & co'),
    ("Team", [("2", "Bo"), ("3", mark_safe("<em>Cy</em>"))]),
    (4, "Dee"),
]

CASES = [
    ("priority", None, {}),
    ("priority", "1", {"id": "id_priority", "required": True, "aria-describedby": "help"}),
    ("priority", ["2", "4"], {"id": "id_priority", "class": "narrow", "disabled": False, "data-x": "a&b"}),
    ("status", ["3"], {"id": "id_status"}),
    ("status", [], {}),
]


@pytest.mark.parametrize("name,value,attrs", CASES)
def test_select_renders_as_django_does(name, value, attrs):
    value = value[0] if isinstance(value, list) and value else value
    django_html = forms.Select(choices=CHOICES).render(name, value, attrs=dict(attrs))
    assert FastSelect(choices=CHOICES).render(name, value, attrs=dict(attrs)) == django_html


@pytest.mark.parametrize("name,value,attrs", CASES)
def test_checkboxes_render_as_django_does(name, value, attrs):
    django_html = forms.CheckboxSelectMultiple(choices=CHOICES).render(name, value, attrs=dict(attrs))
    assert FastCheckboxSelectMultiple(choices=CHOICES).render(name, value, attrs=dict(attrs)) == django_html


def test_select_escapes_labels_and_marks_the_choice():
    html = FastSelect(choices=CHOICES).render("who", "1")
    assert '<option value="1" selected>Ann &quot;A&quot; &lt;ann@example.com&gt; &amp; co</option>' in html
    assert "<em>Cy</em>" in html  # a label that is already safe HTML stays as it is


def test_checkboxes_in_a_bound_form_keep_the_checked_values():
    class Form(forms.Form):
        status = forms.MultipleChoiceField(choices=[("open", "Open"), ("closed", "Closed")], widget=FastCheckboxSelectMultiple)

    html = str(Form({"status": ["closed"]})["status"])
    assert '<input type="checkbox" name="status" value="closed" id="id_status_1" checked>' in html
    assert '<input type="checkbox" name="status" value="open" id="id_status_0">' in html
