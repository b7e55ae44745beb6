"""The contact page's submissions become support tickets in the department the editor chose."""

from django.contrib.auth import get_user_model
from wagtail.contrib.forms.models import FormSubmission
from wagtail.test.utils import WagtailPageTestCase

from portal import roles
from support.models import Ticket
from tests.factories import make_department, make_support_category, make_user

from . import builders

User = get_user_model()


class ContactPageTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.department = make_department("Front desk")
        cls.category = make_support_category("General", department=cls.department)
        cls.page = builders.contact_page(cls.department)

    def _post(self, **data):
        fields = {"name": "Sam Visitor", "email": "sam@example.net", "subject": "Opening hours",
                  "message": "Are you open on Sundays?"}
        fields.update(data)
        return self.client.post(self.page.url, fields)

    def test_an_anonymous_visitor_gets_a_ticket_and_an_account_without_password(self):
        response = self._post()
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Thank you")
        ticket = Ticket.objects.get()
        self.assertContains(response, ticket.reference)
        self.assertEqual(ticket.title, "Opening hours")
        self.assertEqual(ticket.department, self.department)
        self.assertIn("Are you open on Sundays?", ticket.description)
        requester = ticket.requester
        self.assertEqual(requester.email, "sam@example.net")
        self.assertFalse(requester.has_usable_password())
        self.assertEqual(list(requester.groups.values_list("name", flat=True)), [roles.CUSTOMERS])
        self.assertEqual(FormSubmission.objects.filter(page=self.page).count(), 1)

    def test_a_known_address_files_the_ticket_under_that_account(self):
        customer = make_user(roles.CUSTOMERS, email="sam@example.net")
        self._post(email="SAM@example.net")
        self.assertEqual(Ticket.objects.get().requester, customer)
        self.assertEqual(User.objects.filter(email__iexact="sam@example.net").count(), 1)

    def test_a_logged_in_customer_is_the_requester_and_is_not_asked_for_an_email(self):
        customer = make_user(roles.CUSTOMERS, email="me@example.com")
        self.client.force_login(customer)
        form_page = self.client.get(self.page.url)
        self.assertNotContains(form_page, 'name="email"')
        self.client.post(self.page.url, {"subject": "Hello", "message": "A question"})
        self.assertEqual(Ticket.objects.get().requester, customer)

    def test_bad_input_is_refused_and_everything_typed_is_kept(self):
        response = self._post(email="not-an-address", message="Please keep this text")
        self.assertEqual(response.status_code, 400)
        self.assertEqual(Ticket.objects.count(), 0)
        self.assertEqual(FormSubmission.objects.count(), 0)
        self.assertContains(response, "Please keep this text", status_code=400)
        self.assertContains(response, 'value="Opening hours"', status_code=400)
        self.assertContains(response, 'value="Sam Visitor"', status_code=400)
        self.assertContains(response, "errorlist", status_code=400)

    def test_a_missing_required_field_is_refused(self):
        response = self._post(subject="")
        self.assertEqual(response.status_code, 400)
        self.assertEqual(Ticket.objects.count(), 0)

    def test_a_department_without_topics_refuses_politely_and_keeps_the_text(self):
        self.category.is_active = False
        self.category.save()
        response = self._post(message="Keep me")
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Keep me", status_code=400)
        self.assertContains(response, "Please email us instead", status_code=400)
        self.assertEqual(Ticket.objects.count(), 0)
        self.assertFalse(User.objects.filter(email="sam@example.net").exists())

    def test_the_form_is_csrf_protected(self):
        from django.test import Client

        response = Client(enforce_csrf_checks=True).post(self.page.url, {"name": "x"})
        self.assertEqual(response.status_code, 403)
