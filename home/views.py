"""Views of the CMS side that are not pages: site search, help suggestions, votes, robots.txt."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Page

from . import selectors, services
from .models import HelpArticlePage

RESULTS_PER_PAGE = 10
PREVIEW_PER_GROUP = 5
MAX_QUERY_LENGTH = 200


def _search_groups(query):
    from storefront.selectors import product_list

    articles = selectors.published_help_articles().search(query, operator="or")
    pages = Page.objects.live().public().not_type(HelpArticlePage).exclude(depth=1).search(query, operator="or")
    products = product_list(query=query)
    return [
        {"key": "pages", "label": "Pages", "results": pages},
        {"key": "articles", "label": "Help articles", "results": articles},
        {"key": "products", "label": "Products", "results": products},
    ]


@require_GET
def search(request):
    """Pages, help articles and products for ``?q=``; ``&type=`` shows one group, paginated."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    kind = request.GET.get("type", "")
    groups = []
    if query:
        for group in _search_groups(query):
            if kind and group["key"] != kind:
                continue
            per_page = RESULTS_PER_PAGE if kind else PREVIEW_PER_GROUP
            page_obj = Paginator(group["results"], per_page).get_page(request.GET.get("page") if kind else 1)
            group["page_obj"] = page_obj
            group["count"] = page_obj.paginator.count
            group["items"] = list(page_obj.object_list)
            groups.append(group)
    context = {
        "query": query,
        "kind": kind,
        "groups": groups,
        "total": sum(group["count"] for group in groups),
    }
    return render(request, "home/search_results.html", context)


@require_GET
def help_suggestions(request):
    """Help articles that may answer a ticket being typed, as JSON for the new-ticket form."""
    articles = selectors.help_suggestions(query=request.GET.get("q", ""))
    return JsonResponse(
        {
            "results": [
                {"id": article.pk, "title": article.title, "summary": article.summary, "url": article.get_url(request)}
                for article in articles
            ]
        }
    )


@require_POST
def help_answered(request):
    """"This answered my question": count the article, drop the ticket draft, show the article."""
    article_id = request.POST.get("article", "")
    if not article_id.isdigit():
        raise Http404
    article = get_object_or_404(HelpArticlePage.objects.live().public(), pk=int(article_id))
    try:
        services.help_deflection_record(article=article, user=request.user)
    except ValidationError:
        raise Http404
    messages.success(request, "Glad that helped. We did not open a ticket; you can always open one later.")
    return redirect(article.get_url(request))


@require_POST
def help_vote(request, article_id):
    article = get_object_or_404(HelpArticlePage.objects.live().public(), pk=article_id)
    helpful = request.POST.get("helpful")
    if helpful not in ("yes", "no"):
        return HttpResponse("Answer yes or no.", status=400)
    counted = services.help_article_vote(request=request, article=article, helpful=helpful == "yes")
    if counted:
        messages.success(request, "Thank you for your feedback.")
    else:
        messages.info(request, "You have already told us about this article.")
    return redirect(article.get_url(request) + "#helpful")


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        "Disallow: /support/",
        "Disallow: /search/",
        "Disallow: /shop/basket/",
        "Disallow: /shop/checkout/",
        "Disallow: /shop/dashboard/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
