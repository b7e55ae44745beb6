"""Demo pages under the home page."""

from wagtail.models import Page, Site, Workflow, WorkflowPage

from .models import (
    ContactFormField,
    ContactPage,
    HelpArticlePage,
    HelpIndexPage,
    HelpTopicPage,
    HomePage,
    SiteSettings,
    StandardPage,
)

PAGES = [
    {
        "slug": "about",
        "title": "About us",
        "show_in_menus": True,
        "intro": "We make useful things, sell them here and help you get the most out of them.",
        "body": [
            ("heading", "Who we are"),
            ("paragraph", "<p>A small company with a shop, a help centre and a support team that answers.</p>"),
            ("quote", "One account for everything: your orders, your questions and our answers."),
            ("call_to_action", {"title": "Browse the shop", "text": "New products every month.",
                                "link_text": "Go to the shop", "link_url": "/shop/"}),
        ],
    },
    {
        "slug": "delivery",
        "title": "Delivery and returns",
        "show_in_menus": True,
        "intro": "How we deliver your order and how to send something back.",
        "body": [
            ("heading", "Delivery"),
            ("paragraph", "<p>Orders ship within two working days. Delivery is free over the threshold shown at checkout.</p>"),
            ("heading", "Returns"),
            ("paragraph", "<p>Send unused items back within 30 days. Open a ticket from your order to start.</p>"),
        ],
    },
    {
        "slug": "privacy",
        "title": "Privacy",
        "show_in_menus": False,
        "intro": "What we keep about you and why.",
        "body": [("paragraph", "<p>We keep what we need to deliver your orders and answer your questions.</p>")],
    },
]


def _home():
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    if not isinstance(home, HomePage):
        home = HomePage.objects.first()
    return home


def load_pages():
    home = _home()
    if not home.body:
        home.hero_title = "Everything in one place"
        home.hero_text = "Read, shop and get help, all with one account."
        home.hero_link_text = "Visit the shop"
        home.hero_link_url = "/shop/"
        home.body = [
            ("heading", "Welcome"),
            ("paragraph", "<p>Browse the shop, read our guides, and when you need us, open a ticket from your account.</p>"),
            ("call_to_action", {"title": "New here?", "text": "Create an account to track orders and tickets.",
                                "link_text": "Create an account", "link_url": "/accounts/signup/"}),
        ]
        home.save_revision().publish()
    existing = set(Page.objects.child_of(home).values_list("slug", flat=True))
    for spec in PAGES:
        if spec["slug"] in existing:
            continue
        page = StandardPage(
            title=spec["title"],
            slug=spec["slug"],
            show_in_menus=spec["show_in_menus"],
            intro=spec["intro"],
            body=spec["body"],
        )
        home.add_child(instance=page)
        page.save_revision().publish()
    load_help_centre(home)
    load_contact_page(home)
    load_site_settings()
    load_workflow()
    _index_pages(home)


def _index_pages(home):
    """Wagtail 8 indexes saved pages in a background task; index the demo pages now, so search
    works before the worker has run."""
    from wagtail.search.index import insert_or_update_object

    for page in Page.objects.descendant_of(home, inclusive=True).specific():
        insert_or_update_object(page)


def _p(*paragraphs):
    return "".join(f"<p>{text}</p>" for text in paragraphs)


HELP_TOPICS = [
    ("orders-and-delivery", "Orders and delivery", "Tracking, delivery times and problems with a parcel.", [
        ("Where is my parcel?", "Follow your parcel with the tracking link in your order confirmation.",
         _p("Every order confirmation has a tracking link. Tracking starts a few hours after we hand the parcel to the courier.",
            "If the tracking has not moved for three working days, open a ticket from your order and we will chase the courier.")),
        ("How long does delivery take?", "Standard delivery takes two to four working days.",
         _p("We ship within two working days. Standard delivery then takes two to four working days; express the next working day.")),
        ("My parcel arrived damaged", "Take a photo and open a ticket from your order: we replace or refund.",
         _p("Keep the packaging and take a photo of the damage.", "Open a ticket from the order page and attach the photo; we send a replacement or refund you.")),
        ("Can I change my delivery address?", "You can change it until the order is dispatched.",
         _p("Open a ticket from the order as soon as possible. Once the parcel is dispatched the courier can no longer redirect it.")),
    ]),
    ("returns-and-refunds", "Returns and refunds", "Sending things back and getting your money back.", [
        ("How do I return an item?", "Unused items can go back within 30 days with a free return label.",
         _p("Open a ticket from your order and choose the items. We email you a prepaid return label.", "Drop the parcel at any post office within 14 days of getting the label.")),
        ("When will I get my refund?", "Refunds reach your account three to five working days after we receive the return.",
         _p("We refund to the payment method you used. Your bank usually shows it within three to five working days.")),
        ("Can I exchange an item?", "Return the item and order the one you want: it is the fastest way.",
         _p("We do not hold stock for exchanges. Return the item for a refund and place a new order.")),
        ("Which items cannot be returned?", "Personalised items and opened consumables cannot be returned.",
         _p("Personalised products and opened consumables such as filters cannot be returned unless they are faulty.")),
    ]),
    ("account-and-payment", "Account and payment", "Logging in, your details and paying.", [
        ("I forgot my password", "Use “Forgot password?” on the login page to set a new one.",
         _p("Choose “Forgot password?” on the login page and enter your email address. The link in the email is valid for three days.")),
        ("Which payment methods do you accept?", "We accept debit and credit cards and bank transfer.",
         _p("Pay by card at checkout, or choose bank transfer: we ship when the payment arrives.")),
        ("How do I change my email address?", "Change it on your profile page in the account area.",
         _p("Go to My account, then Profile, and enter the new address. We use it for order and ticket emails from then on.")),
        ("Where do I find my invoice?", "Every order page has a printable invoice.",
         _p("Open the order in My orders and choose “Invoice”. It shows the VAT you paid.")),
    ]),
]


def load_help_centre(home):
    index = HelpIndexPage.objects.child_of(home).first()
    if index is None:
        index = HelpIndexPage(
            title="Help centre",
            slug="help",
            show_in_menus=True,
            intro="Answers to the questions we hear most. Cannot find yours? Open a ticket and we will help.",
            search_description="Answers about orders, delivery, returns, refunds and your account.",
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    for slug, title, intro, articles in HELP_TOPICS:
        topic = HelpTopicPage.objects.child_of(index).filter(slug=slug).first()
        if topic is None:
            topic = HelpTopicPage(title=title, slug=slug, intro=intro)
            index.add_child(instance=topic)
            topic.save_revision().publish()
        existing = set(Page.objects.child_of(topic).values_list("title", flat=True))
        for article_title, summary, body in articles:
            if article_title in existing:
                continue
            article = HelpArticlePage(title=article_title, summary=summary, search_description=summary,
                                      body=[("paragraph", body)])
            topic.add_child(instance=article)
            article.save_revision().publish()


def load_contact_page(home):
    from support.models import Category, Department

    if ContactPage.objects.exists():
        return
    from django.contrib.auth import get_user_model

    # The support lead runs it; the users are loaded before the pages.
    lead = get_user_model().objects.filter(email="lead@example.com").first()
    department, _ = Department.objects.get_or_create(name="Customer service", defaults={"lead": lead})
    Category.objects.get_or_create(name="General enquiry", defaults={"department": department})
    page = ContactPage(
        title="Contact us",
        slug="contact",
        show_in_menus=True,
        intro="<p>Questions about anything? Write to us and we answer by email, usually within a working day.</p>",
        thank_you_text="<p>Thank you. We have your message and will answer by email.</p>",
        department=department,
    )
    page.form_fields = [
        ContactFormField(label="Name", field_type="singleline", required=True, sort_order=0),
        ContactFormField(label="Email", field_type="email", required=True, sort_order=1),
        ContactFormField(label="Subject", field_type="singleline", required=True, sort_order=2),
        ContactFormField(label="Message", field_type="multiline", required=True, sort_order=3),
    ]
    home.add_child(instance=page)
    page.save_revision().publish()


def load_site_settings():
    site = Site.objects.get(is_default_site=True)
    settings = SiteSettings.for_site(site)
    if not settings.contact_email:
        settings.contact_email = "hello@example.com"
        settings.contact_phone = "+44 20 7946 0000"
        settings.address = "1 Example Street\nLondon EC1A 1AA"
        settings.footer_text = "Our website, shop and support desk in one place."
        settings.twitter_url = "https://x.com/example"
        settings.instagram_url = "https://www.instagram.com/example"
        settings.save()


def load_workflow():
    """Editors submit, Moderators approve: the data migration sets this up; make sure of it here too."""
    workflow = Workflow.objects.filter(name="Moderators approval").first()
    root = Page.get_first_root_node()
    if workflow is not None and not WorkflowPage.objects.filter(page=root).exists():
        WorkflowPage.objects.create(page=root, workflow=workflow)
