"""The listing form: a search query and a sort order, read from GET.

Replaces Oscar's haystack ``SearchForm`` (Oscar's ``search_form`` context processor
loads it by name with ``get_class``), so no page builds a SearchQuerySet any more.
"""

from django import forms

from storefront.selectors import SORT_CHOICES

MAX_QUERY_LENGTH = 200


class SearchInput(forms.TextInput):
    input_type = "search"


class SearchForm(forms.Form):
    q = forms.CharField(
        required=False,
        label="Search",
        widget=SearchInput({"placeholder": "Search products", "class": "form-control"}),
    )
    sort_by = forms.ChoiceField(
        label="Sort by",
        choices=SORT_CHOICES,
        required=False,
        widget=forms.Select({"class": "form-control form-control-sm"}),
    )

    def listing_options(self) -> tuple[str, str]:
        """(query, sort) from whatever was valid; an unknown sort falls back to the default order."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return (cleaned.get("q") or "").strip()[:MAX_QUERY_LENGTH], cleaned.get("sort_by") or ""
