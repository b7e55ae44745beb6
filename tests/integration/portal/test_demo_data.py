import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page

from portal.demo import DEMO_PASSWORD, DEMO_USERS

pytestmark = pytest.mark.django_db


def test_demo_data_is_complete_and_idempotent():
    call_command("load_demo_data")
    counts = (get_user_model().objects.count(), Page.objects.count())
    call_command("load_demo_data")
    assert (get_user_model().objects.count(), Page.objects.count()) == counts

    for email, _, role_names in DEMO_USERS:
        user = get_user_model().objects.get(email=email)
        assert user.check_password(DEMO_PASSWORD), email
        assert set(user.groups.values_list("name", flat=True)) == set(role_names)
    assert Page.objects.live().filter(slug="about").exists()

    from oscar.core.loading import get_model

    Product = get_model("catalogue", "Product")
    Category = get_model("catalogue", "Category")
    assert Product.objects.filter(is_public=True).count() >= 30
    assert Category.objects.count() >= 5
    assert Product.objects.filter(images__isnull=False).distinct().count() >= 30
