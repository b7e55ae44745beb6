"""Small page trees for the home tests."""

from wagtail.models import Site

from home.models import ContactFormField, ContactPage, HelpArticlePage, HelpIndexPage, HelpTopicPage, StandardPage


def home_page():
    return Site.objects.get(is_default_site=True).root_page.specific


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def help_centre(*articles):
    """A help index with one topic and the given (title, summary, text) articles, all live."""
    index = publish(home_page(), HelpIndexPage(title="Help centre", slug="help"))
    topic = publish(index, HelpTopicPage(title="Orders", slug="orders"))
    made = [
        publish(topic, HelpArticlePage(title=title, summary=summary, body=[("paragraph", f"<p>{text}</p>")]))
        for title, summary, text in articles
    ]
    return index, topic, made


DEFAULT_ARTICLES = [
    ("Where is my parcel?", "Follow the tracking link.", "Tracking starts when the courier has the parcel."),
    ("How do I return an item?", "Send it back within 30 days.", "We email a prepaid return label."),
    ("I forgot my password", "Use Forgot password.", "The reset link is valid for three days."),
]


def standard_page(title="About us", slug="about", parent=None, **fields):
    return publish(parent or home_page(), StandardPage(title=title, slug=slug, **fields))


def contact_page(department, *, with_email=True):
    page = ContactPage(title="Contact us", slug="contact", department=department)
    fields = [ContactFormField(label="Name", field_type="singleline", required=True, sort_order=0)]
    if with_email:
        fields.append(ContactFormField(label="Email", field_type="email", required=True, sort_order=1))
    fields += [
        ContactFormField(label="Subject", field_type="singleline", required=True, sort_order=2),
        ContactFormField(label="Message", field_type="multiline", required=True, sort_order=3),
    ]
    page.form_fields = fields
    return publish(home_page(), page)
