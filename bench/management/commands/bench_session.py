"""Print a Cookie header value for a logged-in session, for load tools such as wrk."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.test import Client


class Command(BaseCommand):
    help = "Log a user in (no password: a forced login) and print 'sessionid=...' for a Cookie header."

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True)

    def handle(self, *args, **options):
        user = get_user_model().objects.filter(email__iexact=options["email"]).first()
        if user is None:
            raise CommandError(f"no user {options['email']}")
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        self.stdout.write(f"{settings.SESSION_COOKIE_NAME}={cookie.value}")
