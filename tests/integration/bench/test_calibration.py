"""The benchmark's calibration views: off by default, cheap when on, the admin one for admin users only."""

import pytest

pytestmark = pytest.mark.django_db

PLAIN = "/bench/plain/"
ONE_QUERY = "/bench/one-query/"
EMPTY_ADMIN = "/admin/bench/empty/"


@pytest.fixture
def enabled(settings):
    settings.BENCH_CALIBRATION_VIEWS = True


class CalibrationViewsOffTests:
    @pytest.mark.parametrize("url", [PLAIN, ONE_QUERY])
    def test_site_views_answer_404_by_default(self, client, url):
        assert client.get(url).status_code == 404

    def test_admin_empty_page_answers_404_by_default(self, client, superuser):
        client.force_login(superuser)
        assert client.get(EMPTY_ADMIN).status_code == 404


class CalibrationViewsOnTests:
    def test_plain_is_plain_text(self, client, enabled):
        response = client.get(PLAIN)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/plain")

    def test_one_query_renders_a_template_with_exactly_one_query(self, client, enabled, django_assert_num_queries):
        with django_assert_num_queries(1):
            response = client.get(ONE_QUERY)
        assert response.status_code == 200
        assert b"<h1>" in response.content

    @pytest.mark.parametrize("user", ["superuser", "agent"])
    def test_admin_empty_page_has_the_admin_chrome(self, client, enabled, request, user):
        client.force_login(request.getfixturevalue(user))
        response = client.get(EMPTY_ADMIN)
        assert response.status_code == 200
        assert b"Benchmark: empty page" in response.content
        assert b"sidebar" in response.content

    def test_admin_empty_page_sends_an_anonymous_visitor_to_log_in(self, client, enabled):
        response = client.get(EMPTY_ADMIN)
        assert response.status_code == 302
        assert "login" in response.url

    def test_admin_empty_page_refuses_a_customer(self, client, enabled, customer):
        client.force_login(customer)
        response = client.get(EMPTY_ADMIN)
        # Wagtail's require_admin_access sends a user without admin access to the admin's login.
        assert response.status_code == 302
        assert response.url.startswith("/admin/login/")
