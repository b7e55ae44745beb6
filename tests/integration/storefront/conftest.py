"""Catalogue fixtures; the helpers live in tests/factories.py."""

import pytest

from tests.factories import make_category


@pytest.fixture
def clothing(db):
    """Clothing > T-shirts, Clothing > Hoodies, and Books beside them."""
    clothing = make_category("Clothing")
    return {
        "clothing": clothing,
        "tshirts": make_category("T-shirts", clothing),
        "hoodies": make_category("Hoodies", clothing),
        "books": make_category("Books"),
    }
