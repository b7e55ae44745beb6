"""storefront.selectors.category_sidebar and category_trail."""

import pytest

from storefront.selectors import category_sidebar, category_trail
from storefront.templatetags.category_nav import category_nav_items
from tests.factories import make_category

pytestmark = pytest.mark.django_db


def _outline(links):
    return [("  " * link.level) + link.name + ("*" if link.is_current else "") for link in links]


@pytest.fixture
def tree():
    clothing = make_category("Clothing")
    tshirts = make_category("T-shirts", clothing)
    make_category("Hoodies", clothing)
    vintage = make_category("Vintage", tshirts)
    make_category("Books")
    return {"clothing": clothing, "tshirts": tshirts, "vintage": vintage}


class CategorySidebarTests:
    def test_shows_two_levels_in_tree_order(self, tree, django_assert_num_queries):
        with django_assert_num_queries(1):
            links = category_sidebar()

        assert _outline(links) == ["Clothing", "  T-shirts", "  Hoodies", "Books"]

    def test_opens_the_branch_of_the_current_category(self, tree):
        links = category_sidebar(current=tree["tshirts"])

        assert _outline(links) == ["Clothing", "  T-shirts*", "    Vintage", "  Hoodies", "Books"]

    def test_tells_the_template_where_nested_lists_end(self, tree):
        links = {link.name: link for link in category_sidebar(current=tree["vintage"])}

        assert [child.name for child in links["Clothing"].children] == ["T-shirts", "Hoodies"]
        assert len(links["Vintage"].closes) == 1
        assert len(links["Hoodies"].closes) == 1
        assert len(links["Books"].closes) == 0

    def test_builds_the_urls_oscar_builds(self, tree):
        urls = {link.name: link.url for link in category_sidebar(current=tree["vintage"])}

        assert urls["Vintage"] == tree["vintage"].get_absolute_url()
        assert urls["T-shirts"] == tree["tshirts"].get_absolute_url()

    def test_leaves_out_non_public_and_menu_excluded_categories_with_their_children(self, tree):
        make_category("Hidden", is_public=False)
        tree["clothing"].exclude_from_menu = True
        tree["clothing"].save()

        assert _outline(category_sidebar()) == ["Books"]


class CategoryTrailTests:
    def test_lists_ancestors_then_the_category_with_urls(self, tree):
        trail = category_trail(category=tree["vintage"])

        assert [(link.name, link.is_current) for link in trail] == [
            ("Clothing", False),
            ("T-shirts", False),
            ("Vintage", True),
        ]
        assert trail[-1].url == tree["vintage"].get_absolute_url()


class CategoryUrlTests:
    def test_quotes_slugs_as_reverse_does(self, db):
        cafe = make_category("Café", slug="café")
        tables = make_category("Tables", cafe, slug="tables")

        urls = {link.name: link.url for link in category_sidebar(current=tables)}

        assert urls["Café"] == cafe.get_absolute_url() == "/shop/catalogue/category/caf%C3%A9_{}/".format(cafe.pk)
        assert urls["Tables"] == tables.get_absolute_url()


class CategoryNavItemsTests:
    def test_nests_the_branch_and_escapes_names(self, tree):
        make_category("Pens & <Pencils>", slug="pens")
        links = category_sidebar(current=tree["tshirts"])

        html = category_nav_items(links)

        def item(category, after, current=False):
            flag = ' aria-current="page"' if current else ""
            return f'<li class="mt-1"><a href="{category.get_absolute_url()}"{flag}>{category.name}</a>{after}'

        names = {link.name: link for link in links}
        hoodies = names["Hoodies"]
        assert html.split("\n") == [
            item(tree["clothing"], "<ul>"),
            item(tree["tshirts"], "<ul>", current=True),
            item(tree["vintage"], "</li></ul></li>"),
            f'<li class="mt-1"><a href="{hoodies.url}">Hoodies</a></li></ul></li>',
            f'<li class="mt-1"><a href="{names["Books"].url}">Books</a></li>',
            f'<li class="mt-1"><a href="{names["Pens & <Pencils>"].url}">Pens &amp; &lt;Pencils&gt;</a></li>',
        ]
