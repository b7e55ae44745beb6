"""Fill the configured database with the benchmark data set; prints one JSON line at the end."""

import json

from django.core.management.base import BaseCommand, CommandError

from bench.generate import PUBLIC_SCALES, SCALES, GenerationRefused, generate


class Command(BaseCommand):
    help = (
        "Fill the database (DATABASE_URL) with a deterministic benchmark data set: small (~1k tickets), "
        "medium (~50k) or large (~300k). Well-known logins (password 'bench'): bench-agent@, bench-lead@, "
        "bench-customer@ and bench-admin@example.com. Prints one JSON line: scale, seconds, steps, counts."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", required=True, choices=list(SCALES), metavar="{%s}" % ",".join(PUBLIC_SCALES),
            help="How much data to generate.",
        )
        parser.add_argument("--seed", type=int, default=1, help="Another seed gives another, equally sized, data set.")
        parser.add_argument(
            "--force", action="store_true", help="Add the data even though the database already has tickets."
        )

    def handle(self, *args, scale, seed, force, verbosity=1, **options):
        log = (lambda message: self.stderr.write(message)) if verbosity >= 1 else None
        try:
            summary = generate(scale, seed, force=force, log=log)
        except GenerationRefused as refusal:
            raise CommandError(str(refusal)) from None
        self.stdout.write(json.dumps(summary))
