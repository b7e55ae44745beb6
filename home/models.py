from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from .blocks import BodyBlock


class HomePage(Page):
    hero_title = models.CharField(max_length=120, blank=True)
    hero_text = models.TextField(blank=True)
    hero_link_text = models.CharField(max_length=60, blank=True)
    hero_link_url = models.CharField(max_length=300, blank=True)
    body = StreamField(BodyBlock(), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("hero_title"),
        FieldPanel("hero_text"),
        FieldPanel("hero_link_text"),
        FieldPanel("hero_link_url"),
        FieldPanel("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    template = "home/home_page.html"


class StandardPage(Page):
    intro = models.TextField(blank=True)
    body = StreamField(BodyBlock(), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    template = "home/standard_page.html"
