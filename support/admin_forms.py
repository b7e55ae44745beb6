"""Forms of the desk's ticket pages in the Wagtail admin. They parse input; the services decide."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from wagtail.admin.forms import WagtailAdminModelForm

from portal.uploads import MultipleFileField

from .models import Category, Department, Priority, Status, parse_reference

PUBLIC, INTERNAL = "public", "internal"


class ReplyForm(forms.Form):
    visibility = forms.ChoiceField(
        choices=[(PUBLIC, "Public reply"), (INTERNAL, "Internal note")],
        initial=PUBLIC,
        widget=forms.RadioSelect,
        label="Send as",
    )
    body = forms.CharField(label="Message", widget=forms.Textarea(attrs={"rows": 6}), max_length=20_000)
    attachments = MultipleFileField(
        label="Attachments",
        help_text=f"Up to {settings.SUPPORT_MAX_ATTACHMENTS_PER_MESSAGE} files.",
    )

    @property
    def is_internal(self) -> bool:
        return self.cleaned_data.get("visibility") == INTERNAL


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(queryset=None, required=False, empty_label="Unassigned")

    def __init__(self, *args, agents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = agents


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=Status.choices, label="Move to")
    resolution_summary = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), label="Resolution summary", max_length=20_000
    )
    note = forms.CharField(required=False, max_length=300, label="Note for the history")

    def __init__(self, *args, allowed=None, **kwargs):
        super().__init__(*args, **kwargs)
        if allowed is not None:
            self.fields["status"].choices = [(status.value, status.label) for status in allowed]


class PriorityForm(forms.Form):
    priority = forms.TypedChoiceField(choices=Priority.choices, coerce=int)


class CategoryForm(forms.Form):
    category = forms.ModelChoiceField(queryset=Category.objects.filter(is_active=True).select_related("department"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].label_from_instance = lambda category: f"{category} ({category.department})"


class MergeForm(forms.Form):
    target = forms.CharField(label="Merge into ticket", max_length=20, help_text="Reference, e.g. T-000123")

    def clean_target(self):
        pk = parse_reference(self.cleaned_data["target"])
        if pk is None:
            raise forms.ValidationError("Enter a ticket reference such as T-000123.")
        return pk


class ChecklistItemForm(forms.Form):
    text = forms.CharField(max_length=200, label="New item")


class ChecklistToggleForm(forms.Form):
    is_done = forms.BooleanField(required=False)


class BulkActionForm(forms.Form):
    ASSIGN, STATUS, PRIORITY = "assign", "status", "priority"

    tickets = forms.TypedMultipleChoiceField(coerce=int, choices=())
    action = forms.ChoiceField(
        choices=[(ASSIGN, "Assign to"), (STATUS, "Change status to"), (PRIORITY, "Change priority to")]
    )
    assignee = forms.CharField(required=False)
    status = forms.ChoiceField(choices=[("", "---------"), *Status.choices], required=False)
    resolution_summary = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    priority = forms.TypedChoiceField(choices=[("", "---------"), *Priority.choices], coerce=int, required=False)

    def __init__(self, *args, agents, **kwargs):
        super().__init__(*args, **kwargs)
        self.agents = agents
        # Any number may be posted; the view only acts on the tickets the user may see.
        self.fields["tickets"].choices = [(value, value) for value in (self.data.getlist("tickets") if self.data else [])]

    def clean_tickets(self):
        return self.cleaned_data["tickets"]

    def clean(self):
        cleaned = super().clean()
        action = cleaned.get("action")
        if action == self.ASSIGN:
            value = cleaned.get("assignee") or ""
            if value == "unassigned":
                cleaned["assignee_user"] = None
            else:
                try:
                    cleaned["assignee_user"] = self.agents.get(pk=int(value))
                except (ValueError, get_user_model().DoesNotExist):
                    self.add_error("assignee", "Choose who to assign the tickets to.")
        elif action == self.STATUS and not cleaned.get("status"):
            self.add_error("status", "Choose a status.")
        elif action == self.PRIORITY and not cleaned.get("priority"):
            self.add_error("priority", "Choose a priority.")
        return cleaned


class DepartmentForm(WagtailAdminModelForm):
    """Leads and members are chosen among the people who work tickets."""

    class Meta:
        model = Department
        fields = ["name", "email", "lead", "members", "auto_assign"]
        widgets = {"members": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .selectors import support_staff

        staff = support_staff()
        self.fields["lead"].queryset = staff
        self.fields["members"].queryset = staff
