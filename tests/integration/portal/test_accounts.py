import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from portal import roles
from tests.factories import DEFAULT_PASSWORD, make_superuser, make_user

pytestmark = pytest.mark.django_db
User = get_user_model()


def _login(client, email, password=DEFAULT_PASSWORD, **extra):
    return client.post("/accounts/login/", {"username": email, "password": password, **extra}, REMOTE_ADDR="10.0.0.1")


class SignupTests:
    def test_signup_creates_a_logged_in_customer(self, client):
        response = client.post(
            "/accounts/signup/",
            {"email": "new@example.com", "display_name": "Nia New", "password1": "Plenty-long-pw-9", "password2": "Plenty-long-pw-9"},
        )
        assert response.status_code == 302 and response["Location"] == "/accounts/"
        user = User.objects.get(email="new@example.com")
        assert user.groups.filter(name=roles.CUSTOMERS).exists()
        assert client.get("/accounts/").context["user"] == user

    def test_mismatched_passwords_keep_what_was_typed(self, client):
        response = client.post(
            "/accounts/signup/",
            {"email": "new@example.com", "display_name": "Nia New", "password1": "Plenty-long-pw-9", "password2": "other-pw-1234"},
        )
        assert response.status_code == 200
        html = response.content.decode()
        assert "The two passwords do not match." in html
        assert 'value="new@example.com"' in html and 'value="Nia New"' in html
        assert not User.objects.filter(email="new@example.com").exists()

    def test_existing_email_is_refused_whatever_its_case(self, client, customer):
        response = client.post(
            "/accounts/signup/",
            {"email": "CUSTOMER@example.com", "password1": "Plenty-long-pw-9", "password2": "Plenty-long-pw-9"},
        )
        assert "An account with this email already exists" in response.content.decode()
        assert User.objects.filter(email__iexact="customer@example.com").count() == 1

    def test_weak_password_and_bad_email_are_explained(self, client):
        response = client.post("/accounts/signup/", {"email": "not-an-email", "password1": "123", "password2": "123"})
        errors = response.context["form"].errors
        assert "email" in errors and "password1" in errors
        assert User.objects.count() == 0

    def test_oversized_display_name_is_refused(self, client):
        response = client.post(
            "/accounts/signup/",
            {"email": "n@example.com", "display_name": "x" * 500, "password1": "Plenty-long-pw-9", "password2": "Plenty-long-pw-9"},
        )
        assert "display_name" in response.context["form"].errors
        assert not User.objects.filter(email="n@example.com").exists()


class LoginLandingTests:
    @pytest.mark.parametrize(
        "role, landing",
        [
            (roles.CUSTOMERS, "/accounts/"),
            (roles.AGENTS, "/admin/"),
            (roles.SUPPORT_LEADS, "/admin/"),
            (roles.EDITORS, "/admin/"),
            (roles.MODERATORS, "/admin/"),
            (roles.SHOP_MANAGERS, "/shop/dashboard/"),
        ],
    )
    def test_each_role_lands_where_it_works(self, client, role, landing):
        user = make_user(role)
        response = _login(client, user.email)
        assert response.status_code == 302
        assert client.get(response["Location"])["Location"] == landing

    def test_superuser_lands_in_the_admin(self, client):
        user = make_superuser()
        _login(client, user.email)
        assert client.get("/accounts/welcome/")["Location"] == "/admin/"

    def test_next_parameter_wins(self, client, customer):
        response = _login(client, customer.email, next="/shop/basket/")
        assert response["Location"] == "/shop/basket/"

    def test_wrong_password_shows_an_error_and_keeps_the_email(self, client, customer):
        response = _login(client, customer.email, password="wrong")
        html = response.content.decode()
        assert response.status_code == 200
        assert "Please enter a correct email and password" in html
        assert f'value="{customer.email}"' in html

    def test_logout_needs_a_post(self, client, customer):
        client.force_login(customer)
        assert client.get("/accounts/logout/").status_code == 405
        assert client.post("/accounts/logout/").status_code == 302
        assert client.get("/accounts/").status_code == 302


class LoginThrottleTests:
    def test_five_failures_lock_the_account_even_for_the_right_password(self, client, customer):
        for _ in range(5):
            _login(client, customer.email, password="wrong")
        response = _login(client, customer.email)
        assert response.status_code == 429
        assert "Too many failed log-in attempts" in response.content.decode()
        assert "_auth_user_id" not in client.session

    def test_a_lock_does_not_hit_other_accounts(self, client, customer, other_customer):
        for _ in range(5):
            _login(client, customer.email, password="wrong")
        assert _login(client, other_customer.email).status_code == 302


class ProfileTests:
    def test_user_edits_name_and_email(self, client, customer):
        client.force_login(customer)
        response = client.post(
            "/accounts/profile/",
            {"display_name": "Casey C.", "first_name": "Casey", "last_name": "Cole", "email": "casey@example.com"},
        )
        assert response.status_code == 302
        customer.refresh_from_db()
        assert (customer.display_name, customer.email) == ("Casey C.", "casey@example.com")
        assert str(customer) == "Casey C."

    def test_another_accounts_email_is_refused_and_nothing_changes(self, client, customer, other_customer):
        client.force_login(customer)
        response = client.post("/accounts/profile/", {"display_name": "Changed", "email": other_customer.email})
        assert "Another account already uses this email." in response.content.decode()
        assert 'value="Changed"' in response.content.decode()
        customer.refresh_from_db()
        assert customer.email == "customer@example.com" and customer.display_name != "Changed"

    def test_empty_email_is_refused(self, client, customer):
        client.force_login(customer)
        response = client.post("/accounts/profile/", {"display_name": "X", "email": ""})
        assert "email" in response.context["form"].errors


class PasswordResetTests:
    def test_reset_email_link_sets_a_new_password(self, client, customer, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/accounts/password/reset/", {"email": customer.email})
        assert response["Location"] == "/accounts/password/reset/sent/"
        assert len(mail.outbox) == 1
        link = re.search(r"http://[^/]+(/accounts/password/reset/\S+/)", mail.outbox[0].body).group(1)
        form_page = client.get(link, follow=True)
        response = client.post(
            form_page.redirect_chain[-1][0], {"new_password1": "Brand-new-pw-77", "new_password2": "Brand-new-pw-77"}
        )
        assert response.status_code == 302
        customer.refresh_from_db()
        assert customer.check_password("Brand-new-pw-77")

    def test_unknown_email_sends_nothing_but_says_the_same(self, client, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/accounts/password/reset/", {"email": "nobody@example.com"})
        assert response["Location"] == "/accounts/password/reset/sent/"
        assert mail.outbox == []


class OscarAccountPagesTests:
    def test_oscar_login_and_register_lead_to_the_portal_pages(self, client):
        assert client.get("/shop/accounts/login/?next=/shop/basket/")["Location"] == "/accounts/login/?next=/shop/basket/"
        assert client.get("/shop/accounts/register/")["Location"] == "/accounts/signup/"
