"""Customer reviews: moderated by shop managers, the average rating shown on product pages and listings."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from tests.factories import make_product

pytestmark = pytest.mark.django_db

ProductReview = get_model("reviews", "ProductReview")


def write_review(client, product, score, title="Great"):
    return client.post(
        reverse("catalogue:reviews-add", kwargs={"product_slug": product.slug, "product_pk": product.pk}),
        {"title": title, "score": score, "body": "Does what it says."},
    )


class ReviewModerationTests:
    def test_a_review_waits_for_moderation_before_it_counts(self, client, customer):
        product = make_product("Brass Desk Lamp")
        client.force_login(customer)

        write_review(client, product, 4)

        review = ProductReview.objects.get()
        assert review.status == ProductReview.FOR_MODERATION
        product.refresh_from_db()
        assert product.rating is None
        assert "Does what it says." not in client.get(product.get_absolute_url()).content.decode()

    def test_approved_reviews_set_the_average_rating_shown_on_product_page_and_listing(
        self, client, customer, other_customer, shop_manager
    ):
        product = make_product("Brass Desk Lamp")
        for person, score in [(customer, 5), (other_customer, 2)]:
            client.force_login(person)
            write_review(client, product, score)

        client.force_login(shop_manager)
        response = client.post(
            reverse("dashboard:reviews-list"),
            {
                "action": "update_selected_review_status",
                "selected_review": list(ProductReview.objects.values_list("pk", flat=True)),
                "status": ProductReview.APPROVED,
            },
        )

        assert response.status_code == 302
        product.refresh_from_db()
        assert product.rating == 3.5
        assert "Rated 3.5 out of 5" in client.get(reverse("catalogue:index")).content.decode()
        assert "Does what it says." in client.get(product.get_absolute_url()).content.decode()

    def test_customers_cannot_moderate(self, client, customer):
        client.force_login(customer)

        assert client.get(reverse("dashboard:reviews-list")).status_code == 403
