"""The CMS pages: home, standard pages, the help centre, the contact form, and the site settings.

Counters that change on every visit (article views, helpful votes, tickets an article answered)
live in their own tables, never on the page: publishing a revision rewrites every page field
from the revision, which would roll the counters back.
"""

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, Site
from wagtail.search import index

from portal import pagecache
from portal.pagecache import CachedForVisitorsMixin

from .blocks import BodyBlock, HelpBodyBlock, ProductsBlock


class SeoMixin(models.Model):
    """The picture shown when a page is shared; title and description come from Wagtail's promote tab."""

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown when the page is shared on social media (Open Graph).",
    )

    promote_panels = Page.promote_panels + [FieldPanel("social_image")]
    og_type = "website"

    class Meta:
        abstract = True


NEW_PRODUCTS_ON_HOME = 4


class HomePage(CachedForVisitorsMixin, SeoMixin, Page):
    hero_title = models.CharField(max_length=120, blank=True)
    hero_text = models.TextField(blank=True)
    hero_link_text = models.CharField(max_length=60, blank=True)
    hero_link_url = models.CharField(max_length=300, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = StreamField(BodyBlock(), blank=True)
    featured_products = StreamField(
        ProductsBlock(),
        blank=True,
        help_text="Products shown under the body: add a 'Featured products' or 'Products from a category' block.",
    )
    latest_articles_count = models.PositiveSmallIntegerField(
        default=4, help_text="How many of the newest help articles to list; 0 hides the list."
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("hero_title"), FieldPanel("hero_text"), FieldPanel("hero_image"),
             FieldRowPanel([FieldPanel("hero_link_text"), FieldPanel("hero_link_url")])],
            heading="Hero",
        ),
        FieldPanel("body"),
        FieldPanel("featured_products"),
        FieldPanel("latest_articles_count"),
    ]
    search_fields = Page.search_fields + [index.SearchField("hero_text"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["home.StandardPage", "home.HelpIndexPage", "home.ContactPage"]
    max_count = 1
    template = "home/home_page.html"

    def get_context(self, request, *args, **kwargs):
        from .selectors import latest_help_articles

        context = super().get_context(request, *args, **kwargs)
        context["latest_articles"] = latest_help_articles(limit=self.latest_articles_count)
        if not self.featured_products:
            # Until an editor picks products, the home page shows the shop's newest.
            from storefront.selectors import SORT_NEWEST, product_list

            context["new_products"] = list(product_list(sort=SORT_NEWEST)[:NEW_PRODUCTS_ON_HOME])
            context["new_products_heading"] = {"heading": "New in the shop"}
        return context


class StandardPage(CachedForVisitorsMixin, SeoMixin, Page):
    intro = models.TextField(blank=True)
    body = StreamField(BodyBlock(), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage", "home.ContactPage"]
    template = "home/standard_page.html"


# --- help centre ------------------------------------------------------------------------------


class HelpIndexPage(CachedForVisitorsMixin, SeoMixin, Page):
    """The help centre: its topics, and a search over the articles."""

    intro = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.HelpTopicPage"]
    max_count = 1
    template = "home/help_index_page.html"

    def get_context(self, request, *args, **kwargs):
        from .selectors import help_topics_with_articles, search_help_articles

        context = super().get_context(request, *args, **kwargs)
        query = request.GET.get("q", "").strip()
        context["query"] = query
        context["results"] = search_help_articles(query=query, limit=20) if query else None
        context["topics"] = help_topics_with_articles(index=self)
        return context


class HelpTopicPage(CachedForVisitorsMixin, SeoMixin, Page):
    intro = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HelpIndexPage"]
    subpage_types = ["home.HelpArticlePage"]
    template = "home/help_topic_page.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = HelpArticlePage.objects.child_of(self).live().public().order_by("title")
        return context


class HelpArticlePage(SeoMixin, Page):
    summary = models.TextField(blank=True, help_text="One or two sentences; shown in lists and search results.")
    body = StreamField(HelpBodyBlock(), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("related_links", label="Related articles", max_num=6),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.AutocompleteField("title"),
    ]

    parent_page_types = ["home.HelpTopicPage"]
    subpage_types = []
    template = "home/help_article_page.html"
    og_type = "article"

    @property
    def last_updated(self):
        return self.last_published_at or self.latest_revision_created_at or self.first_published_at

    def get_context(self, request, *args, **kwargs):
        from .selectors import related_help_articles
        from .services import help_article_voted

        context = super().get_context(request, *args, **kwargs)
        context["related_articles"] = related_help_articles(article=self)
        context["stats"] = getattr(self, "_stats", None) or HelpArticleStats(page_id=self.pk)
        context["has_voted"] = help_article_voted(request=request, article=self)
        return context

    def serve(self, request, *args, **kwargs):
        from .services import help_article_record_view

        if request.method == "GET" and not getattr(request, "is_preview", False):
            self._stats = help_article_record_view(article=self)
        return super().serve(request, *args, **kwargs)


class RelatedHelpArticle(Orderable):
    article = ParentalKey(HelpArticlePage, on_delete=models.CASCADE, related_name="related_links")
    related = models.ForeignKey(HelpArticlePage, on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("related")]


class HelpArticleStats(models.Model):
    """How an article does: views and helpful votes, updated with F() so concurrent visits add up."""

    page = models.OneToOneField(HelpArticlePage, on_delete=models.CASCADE, primary_key=True, related_name="stats")
    views = models.PositiveIntegerField(default=0)
    helpful_yes = models.PositiveIntegerField(default=0)
    helpful_no = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "help article statistics"
        verbose_name_plural = "help article statistics"

    def __str__(self):
        return f"Statistics of page {self.page_id}"


class TicketDeflection(models.Model):
    """A customer about to open a ticket read an article and said it answered their question."""

    article = models.ForeignKey(HelpArticlePage, on_delete=models.CASCADE, related_name="deflections")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Article {self.article_id} answered a question on {self.created_at:%Y-%m-%d}"


# --- contact form -----------------------------------------------------------------------------


class ContactFormField(AbstractFormField):
    page = ParentalKey("ContactPage", on_delete=models.CASCADE, related_name="form_fields")


class ContactPage(SeoMixin, AbstractEmailForm):
    """A form built by editors; each submission becomes a support ticket in the chosen department.

    Fields with the names ``email``, ``name`` and ``subject`` (the label "Email" gives the name
    "email") say who asks and what about; every other field goes into the ticket's description.
    """

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])
    thank_you_text = RichTextField(blank=True, features=["bold", "italic", "link"])
    department = models.ForeignKey(
        "support.Department",
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Submissions become tickets of this department (in its first active topic).",
    )

    content_panels = AbstractEmailForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        FieldPanel("department"),
        InlinePanel("form_fields", label="Form fields"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]), FieldPanel("subject")],
            heading="Email a copy (optional)",
        ),
    ]
    promote_panels = SeoMixin.promote_panels

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = []
    template = "home/contact_page.html"
    landing_page_template = "home/contact_page_landing.html"

    def clean(self):
        super().clean()
        if self.department_id and not self.department.categories.filter(is_active=True).exists():
            raise ValidationError({"department": "This department has no active topic, so tickets cannot be filed in it."})

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        user = kwargs.get("user")
        if user is not None and user.is_authenticated:
            # We know who is asking; the ticket goes to their account.
            for name in ("email", "name"):
                form.fields.pop(name, None)
        return form

    def serve(self, request, *args, **kwargs):
        from django.template.response import TemplateResponse

        from support.forms import add_service_errors

        from .services import contact_ticket_create

        if request.method != "POST":
            return super().serve(request, *args, **kwargs)
        form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
        if form.is_valid():
            try:
                submission, ticket = contact_ticket_create(page=self, form=form, user=request.user)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                response = self.render_landing_page(request, submission, *args, **kwargs)
                response.context_data["ticket"] = ticket
                return response
        context = self.get_context(request)
        context["form"] = form
        return TemplateResponse(request, self.get_template(request), context, status=400)


# --- site settings ----------------------------------------------------------------------------


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    address = models.TextField(blank=True)
    footer_text = models.CharField(max_length=300, blank=True, default="Our website, shop and support desk in one place.")
    twitter_url = models.URLField("X / Twitter", blank=True)
    facebook_url = models.URLField("Facebook", blank=True)
    instagram_url = models.URLField("Instagram", blank=True)
    linkedin_url = models.URLField("LinkedIn", blank=True)

    panels = [
        MultiFieldPanel([FieldPanel("contact_email"), FieldPanel("contact_phone"), FieldPanel("address")], heading="Contact details"),
        FieldPanel("footer_text"),
        MultiFieldPanel(
            [FieldPanel("twitter_url"), FieldPanel("facebook_url"), FieldPanel("instagram_url"), FieldPanel("linkedin_url")],
            heading="Social links",
        ),
    ]

    class Meta:
        verbose_name = "site settings"

    # How long a process may keep the settings after another process saved them (with the
    # local-memory cache each has its own copy; a save empties this process's at once).
    CACHE_SECONDS = 60

    @classmethod
    def for_request(cls, request):
        """The settings of the request's site, from the cache: every page's footer reads them.

        The key carries the page cache's version, which saving or deleting the settings changes
        (``portal.pagecache``). The admin's edit view reads them with ``for_site``, uncached.
        """
        attr_name = cls.get_cache_attr_name()
        if hasattr(request, attr_name):
            return getattr(request, attr_name)
        site = Site.find_for_request(request)
        if site is None:
            return super().for_request(request)
        key = f"home:site-settings:{pagecache.version()}:{site.pk}"
        site_settings = cache.get(key)
        if site_settings is None:
            site_settings = cls.for_site(site)
            cache.set(key, site_settings, cls.CACHE_SECONDS)
        site_settings._request = request
        setattr(request, attr_name, site_settings)
        return site_settings

    @property
    def social_links(self):
        links = [("X / Twitter", self.twitter_url), ("Facebook", self.facebook_url),
                 ("Instagram", self.instagram_url), ("LinkedIn", self.linkedin_url)]
        return [(label, url) for label, url in links if url]
