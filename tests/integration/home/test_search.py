"""/search/ finds pages, help articles and products together, grouped and paginated."""

from wagtail.test.utils import WagtailPageTestCase

from tests.factories import make_product

from . import builders


class SiteSearchTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        builders.standard_page(title="Kettle care guide", slug="kettle-care", intro="Descale your kettle monthly.")
        builders.help_centre(
            ("My kettle leaks", "What to do about a leaking kettle.", "Check the lid seal."),
            ("Where is my parcel?", "Tracking.", "Follow the link."),
        )
        make_product("Steel Kettle", description="A kettle for the stove.")
        make_product("Teapot", description="Porcelain.")

    def test_results_of_the_three_kinds_are_grouped(self):
        response = self.client.get("/search/", {"q": "kettle"})
        self.assertEqual(response.status_code, 200)
        groups = {group["key"]: group for group in response.context["groups"]}
        self.assertEqual([page.title for page in groups["pages"]["items"]], ["Kettle care guide"])
        self.assertEqual([page.title for page in groups["articles"]["items"]], ["My kettle leaks"])
        self.assertEqual([product.title for product in groups["products"]["items"]], ["Steel Kettle"])
        self.assertContains(response, 'data-group="products"')
        self.assertNotContains(response, "Teapot")
        self.assertNotContains(response, "Where is my parcel?")

    def test_the_header_search_box_on_every_page_leads_here(self):
        for path in ("/", "/shop/catalogue/"):
            response = self.client.get(path)
            self.assertContains(response, 'action="/search/" role="search"')

    def test_one_group_is_paginated(self):
        for n in range(12):
            make_product(f"Kettle model {n}")
        response = self.client.get("/search/", {"q": "kettle", "type": "products"})
        group = response.context["groups"][0]
        self.assertEqual(group["key"], "products")
        self.assertEqual(group["count"], 13)
        self.assertEqual(len(group["items"]), 10)
        self.assertContains(response, "Page 1 of 2")
        second = self.client.get("/search/", {"q": "kettle", "type": "products", "page": 2})
        self.assertEqual(len(second.context["groups"][0]["items"]), 3)

    def test_the_overview_links_to_the_rest_of_a_large_group(self):
        for n in range(6):
            make_product(f"Kettle model {n}")
        response = self.client.get("/search/", {"q": "kettle"})
        self.assertContains(response, "All 7 products")

    def test_an_empty_query_shows_the_form_only(self):
        response = self.client.get("/search/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["groups"], [])

    def test_nothing_found_says_so(self):
        response = self.client.get("/search/", {"q": "zzzzqqq"})
        self.assertContains(response, "Nothing matches")
