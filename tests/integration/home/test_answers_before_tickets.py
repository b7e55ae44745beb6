"""Help articles offered while a ticket is written, "This answered my question", helpful votes."""

from django.test import Client
from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase

from home.models import HelpArticleStats, TicketDeflection
from portal import roles
from support.models import Ticket
from tests.factories import make_user

from . import builders


class HelpSuggestionTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index, cls.topic, cls.articles = builders.help_centre(*builders.DEFAULT_ARTICLES)
        cls.customer = make_user(roles.CUSTOMERS, email="customer@example.com")

    def test_matching_articles_come_back_as_json(self):
        response = self.client.get(reverse("help_suggestions"), {"q": "my parcel has not arrived"})
        self.assertEqual(response["Content-Type"], "application/json")
        results = response.json()["results"]
        self.assertEqual(results[0]["title"], "Where is my parcel?")
        self.assertEqual(results[0]["url"], self.articles[0].url)
        self.assertNotIn("I forgot my password", [result["title"] for result in results])

    def test_a_word_being_typed_already_matches(self):
        results = self.client.get(reverse("help_suggestions"), {"q": "passw"}).json()["results"]
        self.assertEqual([result["title"] for result in results], ["I forgot my password"])

    def test_short_queries_and_drafts_give_nothing(self):
        self.assertEqual(self.client.get(reverse("help_suggestions"), {"q": "my"}).json()["results"], [])
        self.articles[1].unpublish()
        results = self.client.get(reverse("help_suggestions"), {"q": "return item"}).json()["results"]
        self.assertNotIn("How do I return an item?", [result["title"] for result in results])

    def test_the_new_ticket_form_has_the_suggestions_panel_and_script(self):
        self.client.force_login(self.customer)
        response = self.client.get(reverse("support:ticket_create"))
        self.assertContains(response, "data-help-suggestions")
        self.assertContains(response, reverse("help_suggestions"))
        self.assertContains(response, "home/help_suggestions.js")

    def test_this_answered_my_question_counts_and_opens_no_ticket(self):
        self.client.force_login(self.customer)
        response = self.client.post(reverse("help_answered"), {"article": self.articles[0].pk})
        self.assertRedirects(response, self.articles[0].url, fetch_redirect_response=False)
        deflection = TicketDeflection.objects.get()
        self.assertEqual(deflection.article_id, self.articles[0].pk)
        self.assertEqual(deflection.user, self.customer)
        self.assertEqual(Ticket.objects.count(), 0)
        page = self.client.get(self.articles[0].url)
        self.assertContains(page, "We did not open a ticket")

    def test_answered_needs_post_and_csrf_and_a_live_article(self):
        self.assertEqual(self.client.get(reverse("help_answered")).status_code, 405)
        csrf_client = Client(enforce_csrf_checks=True)
        self.assertEqual(csrf_client.post(reverse("help_answered"), {"article": self.articles[0].pk}).status_code, 403)
        self.articles[2].unpublish()
        self.assertEqual(self.client.post(reverse("help_answered"), {"article": self.articles[2].pk}).status_code, 404)
        self.assertEqual(self.client.post(reverse("help_answered"), {"article": "x"}).status_code, 404)
        self.assertEqual(TicketDeflection.objects.count(), 0)


class HelpfulVoteTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index, cls.topic, cls.articles = builders.help_centre(*builders.DEFAULT_ARTICLES)

    def test_views_are_counted(self):
        article = self.articles[0]
        self.client.get(article.url)
        self.client.get(article.url)
        self.assertEqual(HelpArticleStats.objects.get(page=article).views, 2)

    def test_a_vote_counts_once_per_session(self):
        article = self.articles[0]
        url = reverse("help_vote", args=[article.pk])
        self.client.post(url, {"helpful": "yes"})
        self.client.post(url, {"helpful": "yes"})
        self.client.post(url, {"helpful": "no"})
        stats = HelpArticleStats.objects.get(page=article)
        self.assertEqual((stats.helpful_yes, stats.helpful_no), (1, 0))
        other = Client()
        other.post(url, {"helpful": "no"})
        stats.refresh_from_db()
        self.assertEqual((stats.helpful_yes, stats.helpful_no), (1, 1))
        page = self.client.get(article.url)
        self.assertContains(page, "1 found this helpful, 1 did not.")
        self.assertNotContains(page, 'name="helpful"')

    def test_a_vote_needs_post_csrf_and_yes_or_no(self):
        url = reverse("help_vote", args=[self.articles[0].pk])
        self.assertEqual(self.client.get(url).status_code, 405)
        self.assertEqual(Client(enforce_csrf_checks=True).post(url, {"helpful": "yes"}).status_code, 403)
        self.assertEqual(self.client.post(url, {"helpful": "maybe"}).status_code, 400)
        self.assertFalse(HelpArticleStats.objects.filter(helpful_yes__gt=0).exists())

    def test_publishing_a_new_revision_keeps_the_counters(self):
        article = self.articles[0]
        self.client.get(article.url)
        article.title = "Where is my parcel now?"
        article.save_revision().publish()
        self.assertEqual(HelpArticleStats.objects.get(page=article).views, 1)
