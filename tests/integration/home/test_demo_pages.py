"""The demo page tree: help centre, contact page, site settings and the workflow; safe to load twice."""

import pytest
from wagtail.models import Page, Site, Workflow

from home.demo import load_pages
from home.models import ContactPage, HelpArticlePage, HelpTopicPage, SiteSettings

pytestmark = pytest.mark.django_db


def test_demo_pages_are_complete_and_idempotent():
    load_pages()
    counts = Page.objects.count()
    load_pages()
    assert Page.objects.count() == counts

    assert HelpTopicPage.objects.live().count() == 3
    assert HelpArticlePage.objects.live().count() >= 12
    contact = ContactPage.objects.live().get()
    assert contact.department is not None
    assert contact.department.categories.filter(is_active=True).exists()
    assert {field.clean_name for field in contact.form_fields.all()} >= {"email", "subject", "message"}
    site = Site.objects.get(is_default_site=True)
    assert SiteSettings.for_site(site).contact_email
    assert site.root_page.specific.get_workflow() == Workflow.objects.get(name="Moderators approval")


def test_demo_articles_are_searchable_at_once():
    load_pages()
    assert HelpArticlePage.objects.live().search("parcel").count() >= 1
