"""The home page and a help article run a small, fixed number of queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.test.utils import WagtailPageTestCase

from home.models import HelpArticlePage
from tests.factories import make_products

from . import builders

# Anonymous visits. Most of the article's budget is Wagtail routing three levels deep (two queries
# a level) and its view-restriction checks; the rest: the view counter (UPDATE + SELECT), related
# articles, breadcrumbs, menu and site settings.
HOME_PAGE_BUDGET = 20
HELP_ARTICLE_BUDGET = 18


class QueryCountTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index, cls.topic, cls.articles = builders.help_centre(*builders.DEFAULT_ARTICLES)
        make_products(4)

    def _count(self, url):
        self.client.get(url)  # warm caches filled once per process (content types, site root paths)
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return len(queries.captured_queries)

    def test_the_home_page_stays_within_budget(self):
        count = self._count("/")
        self.assertLessEqual(count, HOME_PAGE_BUDGET)
        make_products(8)
        self.assertEqual(self._count("/"), count)

    def test_a_help_article_stays_within_budget(self):
        count = self._count(self.articles[0].url)
        self.assertLessEqual(count, HELP_ARTICLE_BUDGET)
        for n in range(6):
            builders.publish(self.topic, HelpArticlePage(title=f"More help {n}", slug=f"more-help-{n}"))
        self.assertEqual(self._count(self.articles[0].url), count)


def _print_queries(client, url):  # handy when the budget is exceeded
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    for query in queries.captured_queries:
        print(query["sql"][:300])
