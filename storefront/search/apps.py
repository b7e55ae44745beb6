import oscar.apps.search.apps as apps


class SearchConfig(apps.SearchConfig):
    """Oscar's search app, forked so that browsing and search run on the ORM, not haystack."""

    name = "storefront.search"
