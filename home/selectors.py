"""Reads of the CMS side: help articles for lists, search and suggestions, and their statistics."""

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from wagtail.models import Page

from .models import HelpArticlePage, HelpArticleStats, HelpTopicPage, TicketDeflection

MAX_SUGGESTIONS = 5
RELATED_ARTICLES = 4


def published_help_articles():
    return HelpArticlePage.objects.live().public()


def latest_help_articles(*, limit: int = 4):
    if not limit:
        return []
    return list(published_help_articles().order_by("-last_published_at", "-pk")[:limit])


def help_topics_with_articles(*, index):
    """The index's live topics, each with ``.articles`` (its live articles by title): two queries in all."""
    topics = list(HelpTopicPage.objects.child_of(index).live().public().order_by("path"))
    by_parent_path = {}
    for article in published_help_articles().descendant_of(index).order_by("title"):
        by_parent_path.setdefault(article.path[: -Page.steplen], []).append(article)
    for topic in topics:
        topic.articles = by_parent_path.get(topic.path, [])
    return topics


def search_help_articles(*, query: str, limit: int | None = None):
    """Live articles matching any word of ``query``, best first (Wagtail's search backend)."""
    query = (query or "").strip()
    if not query:
        return []
    results = published_help_articles().search(query, operator="or")
    return list(results[:limit]) if limit else results


# Words that say nothing about the problem; in an any-word search they would match every article.
STOP_WORDS = frozenset(
    "a an and are but can cannot can't could did does doesn't don't for from has have how i i'm is isn't it it's "
    "my not of on or our the this to was what when where which who why will with won't you your".split()
)


def _meaningful(query: str) -> str:
    words = [word for word in query.split() if len(word) > 2 and word.lower().strip("?!.,") not in STOP_WORDS]
    return " ".join(words)


def help_suggestions(*, query: str, limit: int = MAX_SUGGESTIONS) -> list:
    """Articles that may answer a ticket being written: full words first, then the word being typed."""
    query = _meaningful((query or "").strip()[:200])
    if len(query) < 3:
        return []
    found = search_help_articles(query=query, limit=limit)
    if len(found) < limit:
        seen = {article.pk for article in found}
        for article in published_help_articles().autocomplete(query)[: limit]:
            if article.pk not in seen and len(found) < limit:
                found.append(article)
    return found


def related_help_articles(*, article, limit: int = RELATED_ARTICLES) -> list:
    """The editor's chosen related articles, topped up with others of the same topic."""
    chosen = [
        link.related
        for link in article.related_links.select_related("related").all()
        if link.related.live and link.related_id != article.pk
    ][:limit]
    if len(chosen) < limit:
        exclude = [article.pk, *(page.pk for page in chosen)]
        siblings = (
            published_help_articles().sibling_of(article, inclusive=False).exclude(pk__in=exclude).order_by("title")
        )
        chosen += list(siblings[: limit - len(chosen)])
    return chosen


def help_article_stats(*, limit: int = 50):
    """Per article: views, helpful votes and tickets it answered, most viewed first."""
    stats = HelpArticleStats.objects.filter(page=OuterRef("pk"))
    answered = (
        TicketDeflection.objects.filter(article=OuterRef("pk"))
        .order_by()
        .values("article")
        .annotate(n=Count("pk"))
        .values("n")
    )
    zero = Value(0)
    return (
        HelpArticlePage.objects.annotate(
            view_count=Coalesce(Subquery(stats.values("views")[:1]), zero, output_field=IntegerField()),
            helpful_yes=Coalesce(Subquery(stats.values("helpful_yes")[:1]), zero, output_field=IntegerField()),
            helpful_no=Coalesce(Subquery(stats.values("helpful_no")[:1]), zero, output_field=IntegerField()),
            tickets_answered=Coalesce(Subquery(answered), zero, output_field=IntegerField()),
        )
        .filter(Q(view_count__gt=0) | Q(helpful_yes__gt=0) | Q(helpful_no__gt=0) | Q(tickets_answered__gt=0) | Q(live=True))
        .order_by("-view_count", "-tickets_answered", "title")
        .only("pk", "title", "live", "url_path")[:limit]
    )
