"""Builds the demo portal: pages, catalogue, one user per role, support tickets. Safe to run again: it only adds what is missing."""

from django.core.management.base import BaseCommand
from django.db import transaction

from home.demo import load_pages
from portal.demo import DEMO_PASSWORD, load_users
from storefront.demo import load_catalogue, load_orders
from support.demo import load_support
from worktasks.demo import load_tasks


class Command(BaseCommand):
    help = "Load the demo pages, catalogue, users, support desk and work tasks (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if the demo users already exist (used by `make run`).",
        )

    def handle(self, *args, if_empty=False, **options):
        from django.contrib.auth import get_user_model

        if if_empty and get_user_model().objects.filter(email="admin@example.com").exists():
            self.stdout.write("Demo data already loaded.")
            return
        with transaction.atomic():
            users = load_users()
            load_pages()
        # The catalogue writes image files: keep it out of the transaction above.
        load_catalogue(stdout=self.stdout)
        load_orders(stdout=self.stdout)
        # Tickets write attachment files and commit one ticket at a time.
        load_support(stdout=self.stdout)
        # Tasks come after tickets, so some can be linked to them.
        load_tasks(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Logins (password %r, demo only):" % DEMO_PASSWORD))
        for email, role in users:
            self.stdout.write(f"  {email:<24} {role}")
