"""The customer's side of the support desk, in the account area: thin views over the services."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.uploads import attachment_response

from . import selectors, services
from .forms import TicketCreateForm, TicketRatingForm, TicketReplyForm, add_service_errors
from .models import Status

TICKETS_PER_PAGE = 20
LIST_STATES = {"": "All", "open": "Open", "closed": "Closed"}
# How long a used submission token still points at its ticket.
SUBMISSION_TOKEN_SECONDS = 24 * 60 * 60


@login_required
@require_GET
def ticket_list(request):
    state = request.GET.get("state", "")
    if state not in LIST_STATES:
        state = ""
    tickets = selectors.ticket_list_of_requester(user=request.user, state=state)
    page = Paginator(tickets, TICKETS_PER_PAGE).get_page(request.GET.get("page"))
    tabs = [{"state": key, "label": label, "active": key == state} for key, label in LIST_STATES.items()]
    return render(request, "support/ticket_list.html", {"page_obj": page, "tabs": tabs, "state": state})


def _submission_key(user, token) -> str:
    return f"support:ticket-submission:{user.pk}:{token}"


@login_required
@require_http_methods(["GET", "POST"])
def ticket_new(request):
    if request.method == "GET":
        initial = {"submission_token": uuid.uuid4()}
        number = request.GET.get("order", "").strip()
        if number:
            # Only the person's own orders can be preselected; another number is quietly dropped.
            if selectors.orders_of(user=request.user).filter(number=number).exists():
                initial["order"] = number
            else:
                messages.warning(request, f"We could not find order {number} among your orders.")
        form = TicketCreateForm(initial=initial, user=request.user)
        return render(request, "support/ticket_create.html", {"form": form})

    data = request.POST.copy()
    try:
        token = uuid.UUID(data.get("submission_token", ""))
    except ValueError:
        # A form from before tokens, or a tampered one: treat it as a new submission.
        token = uuid.uuid4()
    data["submission_token"] = str(token)
    key = _submission_key(request.user, token)
    created = cache.get(key)
    if created:
        messages.info(request, f"Your ticket {created} was already sent; here it is.")
        return redirect("support:ticket_detail", reference=created)
    form = TicketCreateForm(data, request.FILES, user=request.user)
    if form.is_valid():
        # cache.add is atomic: of two identical POSTs arriving together, one creates the ticket.
        if not cache.add(key, "", SUBMISSION_TOKEN_SECONDS):
            messages.info(request, "Your ticket is being sent; it will appear in your list in a moment.")
            return redirect("support:ticket_list")
        data = form.cleaned_data
        try:
            ticket = services.ticket_create(
                requester=request.user,
                title=data["title"],
                description=data["description"],
                category=data["category"],
                priority=data["priority"],
                order=data["order"],
                uploads=data["attachments"],
            )
        except ValidationError as error:
            cache.delete(key)
            add_service_errors(form, error, fallback_field="attachments")
        except BaseException:
            cache.delete(key)
            raise
        else:
            cache.set(key, ticket.reference, SUBMISSION_TOKEN_SECONDS)
            messages.success(request, f"Thank you. Your ticket {ticket.reference} is open; we will reply by email.")
            return redirect(ticket)
    if form.has_error("attachments"):
        # Browsers cannot refill a file input: say so, so nobody thinks the other files were kept.
        messages.error(request, "Some files could not be attached. Please choose your files again.")
    return render(request, "support/ticket_create.html", {"form": form}, status=400)


def _detail_context(request, ticket, *, reply_form=None, rating_form=None):
    is_resolved = ticket.status == Status.RESOLVED
    is_closed = ticket.status == Status.CLOSED
    can_reply = not is_closed and not ticket.merged_into_id
    can_rate = (is_resolved or is_closed) and ticket.rating is None and not ticket.merged_into_id
    return {
        "ticket": ticket,
        "ticket_attachments": selectors.public_ticket_attachments(ticket=ticket),
        "conversation": selectors.public_messages(ticket=ticket),
        "reply_form": (reply_form or TicketReplyForm()) if can_reply else None,
        "rating_form": (rating_form or TicketRatingForm()) if can_rate else None,
        "can_reopen": is_resolved and not ticket.merged_into_id,
        "is_closed": is_closed,
    }


@login_required
@require_GET
def ticket_detail(request, reference):
    ticket = selectors.ticket_page_of_requester(user=request.user, reference=reference)
    return render(request, "support/ticket_detail.html", _detail_context(request, ticket))


@require_POST
@login_required
def ticket_reply(request, reference):
    ticket = selectors.ticket_of_requester(user=request.user, reference=reference)
    form = TicketReplyForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.ticket_reply(
                ticket=ticket,
                author=request.user,
                body=form.cleaned_data["message"],
                uploads=form.cleaned_data["attachments"],
            )
        except PermissionDenied as error:
            messages.error(request, str(error))
            return redirect(ticket)
        except ValidationError as error:
            if getattr(error, "code", None) in ("closed", "merged"):
                # The ticket changed while the form was open: nothing to fix in the form.
                messages.error(request, " ".join(error.messages))
                return redirect(ticket)
            add_service_errors(form, error, fallback_field="attachments")
        else:
            messages.success(request, "Your reply has been sent.")
            return redirect(ticket)
    if form.has_error("attachments"):
        messages.error(request, "Some files could not be attached. Please choose your files again.")
    context = _detail_context(request, ticket, reply_form=form)
    return render(request, "support/ticket_detail.html", context, status=400)


@require_POST
@login_required
def ticket_reopen(request, reference):
    ticket = selectors.ticket_of_requester(user=request.user, reference=reference)
    try:
        services.ticket_transition(ticket=ticket, actor=request.user, to_status=Status.OPEN, note="Reopened by the customer")
    except (ValidationError, PermissionDenied) as error:
        # Usually a stale page: the ticket was reopened or closed since it was loaded.
        messages.error(request, _error_text(error))
    else:
        messages.success(request, f"{ticket.reference} is open again. Tell us below what is still wrong.")
    return redirect(ticket)


@require_POST
@login_required
def ticket_rate(request, reference):
    ticket = selectors.ticket_of_requester(user=request.user, reference=reference)
    form = TicketRatingForm(request.POST)
    if form.is_valid():
        try:
            services.ticket_rate(
                ticket=ticket, user=request.user, rating=form.cleaned_data["rating"], comment=form.cleaned_data["comment"]
            )
        except PermissionDenied as error:
            messages.error(request, str(error))
            return redirect(ticket)
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                # Already rated, or no longer resolved: the page was stale.
                messages.error(request, " ".join(error.messages))
                return redirect(ticket)
            add_service_errors(form, error)
        else:
            messages.success(request, "Thank you for your rating.")
            return redirect(ticket)
    context = _detail_context(request, ticket, rating_form=form)
    return render(request, "support/ticket_detail.html", context, status=400)


def _error_text(error) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or "You may not change this ticket."


@login_required
@require_GET
def attachment_download(request, reference, attachment_id):
    """A ticket's file, for its requester (public files only) and for the agents who work it."""
    attachment = selectors.attachment_for(user=request.user, ticket_reference=reference, attachment_id=attachment_id)
    return attachment_response(attachment)
