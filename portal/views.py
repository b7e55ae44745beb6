from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

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


NOTIFICATIONS_PER_PAGE = 20


@login_required
@require_GET
def notification_list(request):
    notifications = selectors.notifications_of(user=request.user)
    page = Paginator(notifications, NOTIFICATIONS_PER_PAGE).get_page(request.GET.get("page"))
    unread = selectors.unread_notification_count_for_request(request)
    return render(request, "account/notifications.html", {"page_obj": page, "unread_count": unread})


@require_POST
@login_required
def notification_read(request, notification_id):
    """Mark one notification read and follow its link (only ever to a path on this site)."""
    notification = services.notification_mark_read(user=request.user, notification_id=notification_id)
    url = notification.url
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(url)
    return redirect("account_notifications")


@require_POST
@login_required
def notification_read_all(request):
    count = services.notifications_mark_all_read(user=request.user)
    if count:
        messages.success(request, f"Marked {count} notification{'s' if count != 1 else ''} as read.")
    else:
        messages.info(request, "You have no unread notifications.")
    return redirect("account_notifications")
