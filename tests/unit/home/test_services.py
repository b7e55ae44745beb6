"""The CMS side's services: contact requesters, counters and help-article drafts."""

import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.contrib.sessions.backends.db import SessionStore

from home import services
from home.models import HelpArticleStats
from portal import roles
from tests.factories import make_user
from tests.integration.home import builders

pytestmark = pytest.mark.django_db


class TestContactRequester:
    def test_a_new_address_makes_a_customer_without_a_usable_password(self):
        user = services.contact_requester(email="new@example.net", name="New Person")
        assert not user.has_usable_password()
        assert user.display_name == "New Person"
        assert list(user.groups.values_list("name", flat=True)) == [roles.CUSTOMERS]

    def test_a_known_address_is_found_whatever_its_case(self):
        known = make_user(roles.CUSTOMERS, email="known@example.net")
        assert services.contact_requester(email="KNOWN@example.net") == known

    def test_a_bad_address_is_refused(self):
        with pytest.raises(ValidationError):
            services.contact_requester(email="nope")


class TestArticleCounters:
    def _request(self):
        request = RequestFactory().get("/")
        request.session = SessionStore()
        return request

    def test_views_add_up(self):
        _, _, (article, *_) = builders.help_centre(*builders.DEFAULT_ARTICLES)
        services.help_article_record_view(article=article)
        stats = services.help_article_record_view(article=article)
        assert stats.views == 2

    def test_one_vote_per_session(self):
        _, _, (article, *_) = builders.help_centre(*builders.DEFAULT_ARTICLES)
        request = self._request()
        assert services.help_article_vote(request=request, article=article, helpful=True)
        assert not services.help_article_vote(request=request, article=article, helpful=False)
        assert services.help_article_voted(request=request, article=article)
        stats = HelpArticleStats.objects.get(page=article)
        assert (stats.helpful_yes, stats.helpful_no) == (1, 0)


class TestDraftFromTicket:
    def test_html_in_a_resolution_is_escaped(self, ticket, agent):
        from support.models import Status
        from support.services import ticket_transition

        builders.help_centre()
        ticket_transition(ticket=ticket, actor=agent, to_status=Status.RESOLVED, resolution_summary="<script>x</script>")
        article = services.help_article_draft_from_ticket(ticket=ticket, actor=agent)
        assert "<script>" not in str(article.body)
        assert "&lt;script&gt;" in str(article.body.raw_data)

    def test_the_slug_is_unique_among_siblings(self, ticket, agent):
        from support.models import Status
        from support.services import ticket_transition

        builders.help_centre()
        ticket_transition(ticket=ticket, actor=agent, to_status=Status.RESOLVED, resolution_summary="Fixed.")
        first = services.help_article_draft_from_ticket(ticket=ticket, actor=agent)
        second = services.help_article_draft_from_ticket(ticket=ticket, actor=agent)
        assert first.slug != second.slug
