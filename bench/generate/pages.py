"""A published help centre, so the harness has help article pages to request.

Built with Wagtail's normal ``add_child`` and publish (home.demo.load_help_centre, which only
adds what is missing): a handful of pages, not bulk data.
"""

from wagtail.models import Page, Site

from home.models import HelpArticlePage, HomePage


def load_help_centre() -> int:
    """Make sure at least one help article is live; returns how many pages were added."""
    if HelpArticlePage.objects.live().exists():
        return 0
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    home = site.root_page.specific if site else None
    if not isinstance(home, HomePage):
        home = HomePage.objects.first()
    if home is None:
        return 0
    from home.demo import load_help_centre as add_help_pages

    before = set(Page.objects.values_list("pk", flat=True))
    add_help_pages(home)
    added = Page.objects.exclude(pk__in=before)
    # Wagtail indexes saved pages in a background task; index these now so help search finds them.
    from wagtail.search.index import insert_or_update_object

    for page in added.specific():
        insert_or_update_object(page)
    return added.count()
