from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.template import loader
from wagtail.users.forms import UserCreationForm, UserEditForm

from .notifications import email_after_commit

User = get_user_model()


class EmailLoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Please enter a correct email and password. The password is case-sensitive.",
    }
    username = forms.EmailField(
        label="Email", max_length=254, widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )


def _email_is_taken(email, *, exclude_pk=None):
    qs = User.objects.filter(email__iexact=email)
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    return qs.exists()


class SignupForm(forms.Form):
    email = forms.EmailField(max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    display_name = forms.CharField(
        max_length=120, required=False, help_text="Optional: how your name is shown on replies."
    )
    password1 = forms.CharField(
        label="Password", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label="Password again", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean_email(self):
        email = User.objects.normalize_email(self.cleaned_data["email"])
        if _email_is_taken(email):
            raise forms.ValidationError("An account with this email already exists. Log in or reset your password.")
        return email

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", "The two passwords do not match.")
        elif password1:
            candidate = User(email=cleaned.get("email", ""), display_name=cleaned.get("display_name", ""))
            try:
                password_validation.validate_password(password1, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "first_name", "last_name", "email"]

    def clean_email(self):
        email = User.objects.normalize_email(self.cleaned_data["email"])
        if _email_is_taken(email, exclude_pk=self.instance.pk):
            raise forms.ValidationError("Another account already uses this email.")
        return email


class WagtailUserEditForm(UserEditForm):
    display_name = forms.CharField(max_length=120, required=False)


class WagtailUserCreationForm(UserCreationForm):
    display_name = forms.CharField(max_length=120, required=False)


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset form, with the mail sent by the background worker rather than in the request."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name=None):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        email_after_commit(subject=subject, body=body, to=[to_email])
