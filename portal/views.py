from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from . import selectors, services
from .forms import ProfileForm, SignupForm


@require_GET
def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


@login_required
def account_landing(request):
    """Where a user lands after logging in: the place their role works in."""
    return redirect(selectors.user_home_url(request.user))


@login_required
def account_overview(request):
    return render(request, "account/overview.html", {"sections": selectors.account_sections(request.user)})


def signup(request):
    if request.user.is_authenticated:
        return redirect("account_overview")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.user_register(
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password1"],
            display_name=form.cleaned_data["display_name"],
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Welcome! Your account is ready.")
        return redirect("account_overview")
    return render(request, "account/signup.html", {"form": form})


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.user_update_profile(
            user=request.user,
            email=form.cleaned_data["email"],
            display_name=form.cleaned_data["display_name"],
            first_name=form.cleaned_data["first_name"],
            last_name=form.cleaned_data["last_name"],
        )
        messages.success(request, "Your profile has been saved.")
        return redirect("account_profile")
    return render(request, "account/profile.html", {"form": form})
