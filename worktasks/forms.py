"""Forms of the task pages. They parse input; the services decide what is allowed."""

from django import forms

from support.models import Department, parse_reference

from . import selectors
from .models import Priority, Recurrence, Status


class DateInput(forms.DateInput):
    input_type = "date"


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class TaskForm(forms.Form):
    title = forms.CharField(max_length=200)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), required=False)
    priority = forms.TypedChoiceField(choices=Priority.choices, coerce=int, initial=Priority.MEDIUM)
    start_date = forms.DateField(required=False, widget=DateInput)
    due_date = forms.DateField(required=False, widget=DateInput)
    assignee = PersonChoiceField(queryset=None, required=False, empty_label="Unassigned")
    team = forms.ModelChoiceField(queryset=Department.objects.order_by("name"), required=False, empty_label="No team")
    labels = forms.CharField(required=False, help_text="Separate labels with commas, e.g. “billing, follow-up”.")
    ticket = forms.CharField(required=False, label="Linked ticket", help_text="A ticket reference such as T-000123.")
    recurrence = forms.ChoiceField(choices=Recurrence.choices, initial=Recurrence.NONE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Anyone in the choice list can be chosen; the service still refuses someone who cannot work tasks.
        from django.contrib.auth import get_user_model

        self.fields["assignee"].queryset = get_user_model().objects.filter(is_active=True).order_by("display_name", "email")
        self.fields["assignee"].choices = [("", "Unassigned")] + [
            (person.pk, str(person)) for person in selectors.assignable_users()
        ]

    def clean_labels(self):
        return [name.strip() for name in self.cleaned_data["labels"].split(",") if name.strip()]

    def clean_ticket(self):
        reference = self.cleaned_data["ticket"].strip()
        if not reference:
            return ""
        if parse_reference(reference) is None:
            raise forms.ValidationError("Enter a ticket reference such as T-000123.")
        return reference

    def clean(self):
        cleaned = super().clean()
        start, due = cleaned.get("start_date"), cleaned.get("due_date")
        if start and due and due < start:
            self.add_error("due_date", "The due date cannot be before the start date.")
        return cleaned


class TransitionForm(forms.Form):
    status = forms.ChoiceField(choices=Status.choices)
    reason = forms.CharField(required=False, max_length=300)


class CommentForm(forms.Form):
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Comment")


class ChecklistItemForm(forms.Form):
    text = forms.CharField(max_length=200, label="New item")


class AttachmentForm(forms.Form):
    files = forms.FileField(widget=forms.ClearableFileInput(attrs={"allow_multiple_selected": True}), label="Attach a file")


BULK_ACTIONS = [("assign", "Assign to"), ("status", "Change status to"), ("due_date", "Set due date")]


class BulkActionForm(forms.Form):
    action = forms.ChoiceField(choices=BULK_ACTIONS)
    task = forms.TypedMultipleChoiceField(coerce=int, choices=[])  # filled with the posted ids, checked in the view
    assignee = forms.CharField(required=False)
    status = forms.ChoiceField(choices=[("", "—"), *Status.choices], required=False)
    reason = forms.CharField(required=False, max_length=300)
    due_date = forms.DateField(required=False, widget=DateInput)

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        if data is not None:
            self.fields["task"].choices = [(value, value) for value in data.getlist("task") if value.isdigit()]
