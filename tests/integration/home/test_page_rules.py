"""Which page may go under which, checked with Wagtail's own page test assertions."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from home.models import ContactPage, HelpArticlePage, HelpIndexPage, HelpTopicPage, HomePage, StandardPage


class PageRulesTests(WagtailPageTestCase):
    def test_the_home_page_goes_only_under_the_root(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(HomePage, HomePage)
        self.assertCanNotCreateAt(StandardPage, HomePage)

    def test_what_goes_under_the_home_page(self):
        self.assertAllowedSubpageTypes(HomePage, {StandardPage, HelpIndexPage, ContactPage})

    def test_standard_pages_nest_and_take_a_contact_page(self):
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage, ContactPage})
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedParentPageTypes(ContactPage, {HomePage, StandardPage})

    def test_the_help_centre_is_index_then_topic_then_article(self):
        self.assertAllowedSubpageTypes(HelpIndexPage, {HelpTopicPage})
        self.assertAllowedSubpageTypes(HelpTopicPage, {HelpArticlePage})
        self.assertAllowedSubpageTypes(HelpArticlePage, set())
        self.assertCanNotCreateAt(HomePage, HelpArticlePage)
        self.assertCanNotCreateAt(HelpIndexPage, HelpArticlePage)
        self.assertCanNotCreateAt(StandardPage, HelpTopicPage)

    def test_articles_and_contact_pages_take_no_children(self):
        self.assertAllowedSubpageTypes(ContactPage, set())

    def test_one_help_centre_per_site(self):
        self.assertEqual(HelpIndexPage.max_count, 1)
        self.assertEqual(HomePage.max_count, 1)
