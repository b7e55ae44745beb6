"""Every write of the CMS side that is not an editor's page edit: counters, votes, deflections,
contact-form tickets and help-article drafts made from tickets."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.utils.text import slugify

from portal import roles

from .models import HelpArticlePage, HelpArticleStats, HelpTopicPage, TicketDeflection

VOTES_SESSION_KEY = "home:helpful_votes"


# --- article counters ---------------------------------------------------------------------------


def _bump(article_id, **increments):
    """Add to an article's counters in one UPDATE; the row is made on the first count."""
    changes = {field: F(field) + amount for field, amount in increments.items()}
    if not HelpArticleStats.objects.filter(page_id=article_id).update(**changes):
        HelpArticleStats.objects.get_or_create(page_id=article_id)
        HelpArticleStats.objects.filter(page_id=article_id).update(**changes)


def help_article_record_view(*, article) -> HelpArticleStats:
    """Count one view and return the counters to show on the page."""
    _bump(article.pk, views=1)
    return HelpArticleStats.objects.get(page_id=article.pk)


def help_article_voted(*, request, article) -> bool:
    return str(article.pk) in request.session.get(VOTES_SESSION_KEY, {})


def help_article_vote(*, request, article, helpful: bool) -> bool:
    """Count a "Was this helpful?" answer once per session; returns False if this session already voted."""
    votes = dict(request.session.get(VOTES_SESSION_KEY, {}))
    key = str(article.pk)
    if key in votes:
        return False
    votes[key] = "yes" if helpful else "no"
    request.session[VOTES_SESSION_KEY] = votes
    _bump(article.pk, **({"helpful_yes": 1} if helpful else {"helpful_no": 1}))
    return True


def help_deflection_record(*, article, user=None) -> TicketDeflection:
    """A customer writing a ticket says ``article`` answered their question: no ticket, one deflection."""
    if not article.live:
        raise ValidationError("That article is not published.")
    return TicketDeflection.objects.create(article=article, user=user if user and user.is_authenticated else None)


# --- contact form -----------------------------------------------------------------------------


def contact_requester(*, email: str, name: str = ""):
    """The account of whoever wrote to us: theirs if the address is known, else a new customer account
    without a usable password (they can set one with "Forgot password" after signing up)."""
    from portal.services import user_set_roles

    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": "Please enter a valid email address so we can answer you."})
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        return user
    user = User(email=User.objects.normalize_email(email), display_name=(name or "").strip()[:150])
    user.set_unusable_password()
    user.save()
    user_set_roles(user=user, role_names=[roles.CUSTOMERS])
    return user


def _field_value(value):
    if isinstance(value, (list, tuple)):
        return ", ".join(str(item) for item in value)
    return str(value if value is not None else "")


@transaction.atomic
def contact_ticket_create(*, page, form, user):
    """Turn a valid contact-form submission into a form submission and a ticket in the page's department."""
    from support.services import ticket_create

    data = form.cleaned_data
    if page.department_id is None:
        raise ValidationError("This form is not connected to our support desk yet. Please email us instead.")
    category = page.department.categories.filter(is_active=True).order_by("name").first()
    if category is None:
        raise ValidationError("This form cannot take messages at the moment. Please email us instead.")
    if user is not None and user.is_authenticated:
        requester = user
    else:
        requester = contact_requester(email=data.get("email", ""), name=_field_value(data.get("name", "")))
    title = _field_value(data.get("subject", "")).strip() or f"Message from the {page.title.lower()} form"
    labels = {field.clean_name: field.label for field in page.get_form_fields()}
    lines = [
        f"{labels.get(name, name)}: {_field_value(value)}"
        for name, value in data.items()
        if name not in ("email", "name", "subject") and _field_value(value).strip()
    ]
    description = "\n\n".join(lines) or title
    ticket = ticket_create(
        requester=requester, title=title[:200], description=description, category=category, created_by=requester
    )
    submission = page.process_form_submission(form)
    return submission, ticket


# --- help articles from tickets -----------------------------------------------------------------


def _unique_slug(parent, base):
    base = slugify(base)[:70] or "article"
    slug, n = base, 2
    siblings = set(parent.get_children().values_list("slug", flat=True))
    while slug in siblings:
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def help_article_draft_from_ticket(*, ticket, actor, topic=None) -> HelpArticlePage:
    """A draft article for editors from a resolved ticket's title and resolution summary.

    Nothing about the customer is copied: not their name, address or description.
    """
    from support import permissions
    from support.models import Status

    if actor is not None and not permissions.can_work_ticket(actor, ticket):
        raise PermissionDenied("You may not use this ticket.")
    if ticket.status not in (Status.RESOLVED, Status.CLOSED) or not ticket.resolution_summary.strip():
        raise ValidationError("Only a resolved ticket with a resolution summary can become a help article.")
    topic = topic or HelpTopicPage.objects.order_by("path").first()
    if topic is None:
        raise ValidationError("There is no help topic to put the article in yet; ask an editor to add one.")
    title = ticket.title.strip()
    article = HelpArticlePage(
        title=title,
        slug=_unique_slug(topic, title),
        summary="",
        body=[("paragraph", "".join(f"<p>{line}</p>" for line in _escaped_lines(ticket.resolution_summary)))],
        live=False,
        owner=actor,
    )
    topic.add_child(instance=article)
    article.save_revision(user=actor, log_action=True)
    return article


def _escaped_lines(text):
    from django.utils.html import escape

    return [escape(line.strip()) for line in text.splitlines() if line.strip()]
