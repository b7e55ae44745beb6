"""In-app notifications: the list, marking read, and the unread badges in the header and the admin."""

import pytest
from django.test import RequestFactory

from portal.context_processors import site_chrome
from portal.models import Notification
from portal.notifications import notify

pytestmark = pytest.mark.django_db

LIST_URL = "/accounts/notifications/"


def _notify(user, title="Your ticket was answered", url="/support/tickets/T-000001/", **extra):
    notify(recipients=[user], title=title, url=url, email=False, **extra)
    return Notification.objects.filter(recipient=user).latest("pk")


class NotificationListTests:
    def test_anonymous_is_sent_to_login(self, client):
        response = client.get(LIST_URL)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")

    def test_lists_my_notifications_unread_highlighted(self, client, customer, other_customer):
        read = _notify(customer, title="An old one")
        Notification.objects.filter(pk=read.pk).update(read_at="2024-01-01T00:00Z")
        _notify(customer, title="A fresh one")
        _notify(other_customer, title="Not for you")
        client.force_login(customer)
        html = client.get(LIST_URL).content.decode()
        assert "An old one" in html and "A fresh one" in html and "Not for you" not in html
        assert html.count("notification--unread") == 1
        assert "1 unread." in html and "Mark all as read" in html

    def test_paginated(self, client, customer):
        for n in range(25):
            _notify(customer, title=f"Note {n}")
        client.force_login(customer)
        response = client.get(LIST_URL)
        assert len(response.context["page_obj"].object_list) == 20
        assert len(client.get(LIST_URL + "?page=2").context["page_obj"].object_list) == 5

    def test_query_count_does_not_grow(self, client, customer, django_assert_num_queries):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        _notify(customer)
        client.force_login(customer)
        client.get(LIST_URL)
        with CaptureQueriesContext(connection) as one:
            client.get(LIST_URL)
        for n in range(49):
            _notify(customer, title=f"Note {n}")
        with django_assert_num_queries(len(one.captured_queries)):
            client.get(LIST_URL)


class MarkReadTests:
    def test_mark_one_read_follows_its_link(self, client, customer):
        notification = _notify(customer, url="/support/tickets/T-000042/")
        client.force_login(customer)
        response = client.post(f"/accounts/notifications/{notification.pk}/read/")
        assert response.status_code == 302 and response["Location"] == "/support/tickets/T-000042/"
        notification.refresh_from_db()
        assert notification.is_read

    def test_without_a_link_it_returns_to_the_list(self, client, customer):
        notification = _notify(customer, url="")
        client.force_login(customer)
        response = client.post(f"/accounts/notifications/{notification.pk}/read/")
        assert response["Location"] == LIST_URL

    def test_an_offsite_link_is_not_followed(self, client, customer):
        notification = _notify(customer, url="https://evil.example.com/phish")
        client.force_login(customer)
        assert client.post(f"/accounts/notifications/{notification.pk}/read/")["Location"] == LIST_URL

    def test_someone_elses_notification_is_404(self, client, customer, other_customer):
        notification = _notify(other_customer)
        client.force_login(customer)
        assert client.post(f"/accounts/notifications/{notification.pk}/read/").status_code == 404
        notification.refresh_from_db()
        assert not notification.is_read

    def test_mark_all_read_only_touches_mine(self, client, customer, other_customer):
        for n in range(3):
            _notify(customer, title=f"Mine {n}")
        theirs = _notify(other_customer)
        client.force_login(customer)
        response = client.post("/accounts/notifications/read-all/", follow=True)
        assert "Marked 3 notifications as read." in response.content.decode()
        assert not customer.portal_notifications.filter(read_at__isnull=True).exists()
        theirs.refresh_from_db()
        assert not theirs.is_read

    @pytest.mark.parametrize("path", ["read-all/", "1/read/"])
    def test_get_is_405(self, client, customer, path):
        client.force_login(customer)
        assert client.get(f"/accounts/notifications/{path}").status_code == 405

    def test_anonymous_post_is_sent_to_login(self, client):
        response = client.post("/accounts/notifications/read-all/")
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


class UnreadBadgeTests:
    def test_header_shows_the_unread_count_on_any_page(self, client, customer):
        for n in range(3):
            _notify(customer, title=f"Note {n}")
        client.force_login(customer)
        for url in ("/accounts/profile/", "/support/tickets/"):
            html = client.get(url).content.decode()
            assert 'data-unread-count="3"' in html
        Notification.objects.update(read_at="2024-01-01T00:00Z")
        assert "data-unread-count" not in client.get("/accounts/profile/").content.decode()

    def test_context_processor_costs_one_query_for_users(self, customer, django_assert_num_queries):
        _notify(customer)
        _notify(customer)
        request = RequestFactory().get("/")
        request.user = customer
        customer.has_perm("wagtailadmin.access_admin")  # warm the permission cache the other flags use
        context = site_chrome(request)
        with django_assert_num_queries(1):
            assert context["unread_notifications_count"]() == 2
            assert context["unread_notifications_count"]() == 2  # read once per request

    def test_context_processor_costs_nothing_for_anonymous(self, django_assert_num_queries):
        from django.contrib.auth.models import AnonymousUser

        request = RequestFactory().get("/")
        request.user = AnonymousUser()
        with django_assert_num_queries(0):
            assert site_chrome(request)["unread_notifications_count"] == 0

    def test_badge_costs_the_same_whatever_the_count(self, client, customer, django_assert_num_queries):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        client.force_login(customer)
        client.get("/accounts/profile/")
        with CaptureQueriesContext(connection) as none_unread:
            client.get("/accounts/profile/")
        for n in range(10):
            _notify(customer, title=f"Note {n}")
        with django_assert_num_queries(len(none_unread.captured_queries)):
            client.get("/accounts/profile/")

    def test_admin_menu_shows_the_unread_count(self, client, agent):
        _notify(agent, url="/admin/")
        _notify(agent, url="/admin/")
        client.force_login(agent)
        html = client.get("/admin/").content.decode()
        assert "Notifications (2)" in html and "Notifications: 2 unread" in html
        assert "/accounts/notifications/" in html
