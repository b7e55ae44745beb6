"""Every kind of page renders, with breadcrumbs, SEO and Open Graph tags; sitemap, robots.txt and 404."""

from django.test import override_settings
from wagtail.test.utils import WagtailPageTestCase

from home.models import SiteSettings
from tests.factories import make_department, make_support_category

from . import builders


class PagesRenderTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = builders.home_page()
        cls.about = builders.standard_page(
            seo_title="About the Portal", search_description="Who we are and what we do.",
            intro="We make useful things.",
            body=[("heading", "Who we are"), ("paragraph", "<p>A small company.</p>"),
                  ("quote", "One account for everything."),
                  ("attributed_quote", {"text": "Best shop.", "attribution": "A customer"}),
                  ("call_to_action", {"title": "Shop", "text": "", "link_text": "Go", "link_url": "/shop/"})],
        )
        cls.index, cls.topic, cls.articles = builders.help_centre(*builders.DEFAULT_ARTICLES)
        department = make_department("Front desk")
        make_support_category("General", department=department)
        cls.contact = builders.contact_page(department)

    def test_each_page_renders(self):
        for page in (self.home, self.about, self.index, self.topic, self.articles[0], self.contact):
            with self.subTest(page=page.title):
                self.assertPageIsRenderable(page)

    def test_each_page_is_routable(self):
        for page in (self.about, self.index, self.topic, self.articles[0], self.contact):
            with self.subTest(page=page.title):
                self.assertPageIsRoutable(page)

    def test_the_home_page_lists_the_latest_help_articles(self):
        response = self.client.get("/")
        self.assertContains(response, "Latest help articles")
        for article in self.articles:
            self.assertContains(response, article.title)

    def test_a_standard_page_has_breadcrumbs_seo_and_open_graph(self):
        response = self.client.get(self.about.url)
        self.assertContains(response, "<title>About the Portal | The Portal</title>", html=True)
        self.assertContains(response, '<meta name="description" content="Who we are and what we do.">', html=True)
        self.assertContains(response, '<meta property="og:title" content="About the Portal">', html=True)
        self.assertContains(response, 'property="og:url" content="http://localhost/about/"')
        self.assertContains(response, 'aria-label="Breadcrumb"')
        self.assertContains(response, "A customer")

    def test_a_help_article_shows_related_articles_last_update_and_votes(self):
        response = self.client.get(self.articles[0].url)
        self.assertContains(response, "Related articles")
        self.assertContains(response, self.articles[1].title)
        self.assertContains(response, "Last updated")
        self.assertContains(response, "Was this helpful?")
        self.assertContains(response, 'property="og:type" content="article"')

    def test_the_help_index_lists_topics_and_searches(self):
        response = self.client.get(self.index.url)
        self.assertContains(response, self.topic.title)
        self.assertContains(response, self.articles[2].title)
        response = self.client.get(self.index.url, {"q": "parcel"})
        self.assertContains(response, "1 article for")

    def test_the_footer_comes_from_the_site_settings(self):
        settings = SiteSettings.for_site(self.home.get_site())
        settings.footer_text = "Made with care in London."
        settings.contact_email = "hello@example.org"
        settings.instagram_url = "https://www.instagram.com/example"
        settings.save()
        response = self.client.get(self.about.url)
        self.assertContains(response, "Made with care in London.")
        self.assertContains(response, "mailto:hello@example.org")
        self.assertContains(response, 'href="https://www.instagram.com/example"')

    def test_sitemap_lists_live_pages(self):
        response = self.client.get("/sitemap.xml")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "http://localhost/about/")
        self.assertContains(response, self.articles[0].url)

    def test_robots_txt_points_at_the_sitemap_and_keeps_private_areas_out(self):
        response = self.client.get("/robots.txt")
        self.assertEqual(response["Content-Type"], "text/plain")
        self.assertContains(response, "Disallow: /admin/")
        self.assertContains(response, "Sitemap: http://testserver/sitemap.xml")

    def test_not_found_is_friendly_and_in_the_site_look(self):
        response = self.client.get("/no-such-page/")
        self.assertEqual(response.status_code, 404)
        self.assertContains(response, "Page not found", status_code=404)
        self.assertContains(response, 'class="site-footer"', status_code=404)
        self.assertContains(response, 'name="q"', status_code=404)


class AdminEditorsRenderTests(WagtailPageTestCase):
    """Every page type's create and edit forms open in the admin (panels, choosers, inline fields)."""

    @classmethod
    def setUpTestData(cls):
        from tests.factories import make_superuser

        cls.admin = make_superuser(email="root@example.com")
        cls.index, cls.topic, cls.articles = builders.help_centre(*builders.DEFAULT_ARTICLES)
        department = make_department("Front desk")
        make_support_category("General", department=department)
        cls.contact = builders.contact_page(department)
        cls.about = builders.standard_page()

    def setUp(self):
        self.client.force_login(self.admin)

    def test_edit_forms_open(self):
        for page in (builders.home_page(), self.about, self.index, self.topic, self.articles[0], self.contact):
            with self.subTest(page=page.title):
                response = self.client.get(f"/admin/pages/{page.pk}/edit/")
                self.assertEqual(response.status_code, 200)

    def test_create_forms_open(self):
        home = builders.home_page()
        for model, parent in (("standardpage", home), ("contactpage", self.about), ("helparticlepage", self.topic), ("helptopicpage", self.index)):
            with self.subTest(model=model):
                response = self.client.get(f"/admin/pages/add/home/{model}/{parent.pk}/")
                self.assertEqual(response.status_code, 200)

    def test_site_settings_open(self):
        site = builders.home_page().get_site()
        response = self.client.get(f"/admin/settings/home/sitesettings/{site.pk}/")
        self.assertEqual(response.status_code, 200)
