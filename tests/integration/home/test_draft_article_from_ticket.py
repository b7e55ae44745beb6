"""An agent turns a resolved ticket into a draft help article; the report shows per-article figures."""

import pytest
from django.urls import reverse

from home.models import HelpArticlePage, HelpArticleStats, TicketDeflection
from support.models import Status
from support.services import ticket_transition

from . import builders

pytestmark = pytest.mark.django_db

RESOLUTION = "Reset the router, then pair the kettle again from the app."


@pytest.fixture
def topic(db):
    _, topic, _ = builders.help_centre(*builders.DEFAULT_ARTICLES)
    return topic


@pytest.fixture
def resolved_ticket(ticket, agent):
    ticket.title = "Kettle app cannot find the kettle"
    ticket.description = "My name is Pat Private and my kettle serial is SECRET-123."
    ticket.save()
    ticket_transition(ticket=ticket, actor=agent, to_status=Status.RESOLVED, resolution_summary=RESOLUTION)
    return ticket


def test_the_workspace_offers_a_draft_article_for_a_resolved_ticket(client, agent, resolved_ticket, topic):
    client.force_login(agent)
    response = client.get(resolved_ticket.get_admin_url())
    assert "Draft help article" in response.content.decode()


def test_drafting_makes_an_unpublished_article_without_customer_data(client, agent, resolved_ticket, topic):
    client.force_login(agent)
    url = reverse("support_admin:ticket_draft_article", kwargs={"reference": resolved_ticket.reference})
    response = client.post(url)
    assert response.status_code == 302
    article = HelpArticlePage.objects.get(title="Kettle app cannot find the kettle")
    assert not article.live
    assert article.get_parent().pk == topic.pk
    revision_text = str(article.latest_revision.content)
    assert "Reset the router" in revision_text
    for private in ("Pat Private", "SECRET-123", resolved_ticket.requester.email):
        assert private not in revision_text
        assert private not in str(article.body)


def test_an_open_ticket_cannot_become_an_article(client, agent, ticket, topic):
    client.force_login(agent)
    url = reverse("support_admin:ticket_draft_article", kwargs={"reference": ticket.reference})
    client.post(url)
    assert not HelpArticlePage.objects.filter(title=ticket.title).exists()


def test_only_people_who_work_the_ticket_may_draft(client, outsider_agent, resolved_ticket, topic):
    client.force_login(outsider_agent)
    url = reverse("support_admin:ticket_draft_article", kwargs={"reference": resolved_ticket.reference})
    assert client.post(url).status_code in (403, 404)
    assert not HelpArticlePage.objects.filter(title=resolved_ticket.title).exists()


def test_the_report_shows_views_votes_and_tickets_answered(client, lead, topic):
    article = HelpArticlePage.objects.get(title="Where is my parcel?")
    HelpArticleStats.objects.create(page=article, views=17, helpful_yes=5, helpful_no=2)
    TicketDeflection.objects.create(article=article)
    TicketDeflection.objects.create(article=article)
    client.force_login(lead)
    response = client.get(reverse("support_admin:reports"))
    assert response.status_code == 200
    row = next(row for row in response.context["help_articles"] if row.pk == article.pk)
    assert (row.view_count, row.helpful_yes, row.helpful_no, row.tickets_answered) == (17, 5, 2, 2)
    assert 'data-table="help-articles"' in response.content.decode()
