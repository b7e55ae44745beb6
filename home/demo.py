"""Demo pages under the home page."""

from wagtail.models import Page, Site

from .models import HomePage, StandardPage

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
