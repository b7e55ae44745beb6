"""Measure the key pages in process (django.test.Client): status, queries, median and p95 server time."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from bench.measure import ACCOUNT_PRESETS, PAGE_KEYS, ROLES, Accounts, MeasureError, main_progress, measure


class Command(BaseCommand):
    help = "Time the portal's key pages in this process and print the results as JSON (needs PORTAL_BENCH_VIEWS=1)."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=30, help="timed requests per page (default 30)")
        parser.add_argument("--warmup", type=int, default=3, help="untimed requests first (default 3)")
        parser.add_argument(
            "--checkout-repeat", type=int, default=10, help="timed checkouts (each places an order; default 10)"
        )
        parser.add_argument("--only", default="", help=f"comma-separated page keys: {','.join(PAGE_KEYS)}")
        parser.add_argument("--scale", default=None, help="the dataset's scale, recorded in the results")
        parser.add_argument("--accounts", choices=sorted(ACCOUNT_PRESETS), default="bench", help="account preset")
        for role in ROLES:
            parser.add_argument(f"--{role}", default=None, help=f"the {role}'s email (overrides the preset)")
        parser.add_argument("--password", default=None, help="checked against every account (overrides the preset)")
        parser.add_argument("--out", default=None, help="write the JSON here instead of to stdout")
        parser.add_argument("--quiet", action="store_true", help="no progress lines on stderr")

    def handle(self, *args, **options):
        preset = ACCOUNT_PRESETS[options["accounts"]]
        accounts = Accounts(
            **{role: options[role] or preset.email(role) for role in ROLES},
            password=options["password"] if options["password"] is not None else preset.password,
        )
        only = [key.strip() for key in options["only"].split(",") if key.strip()] or None
        try:
            results = measure(
                accounts=accounts,
                repeat=options["repeat"],
                warmup=options["warmup"],
                checkout_repeat=options["checkout_repeat"],
                only=only,
                scale=options["scale"],
                progress=None if options["quiet"] else main_progress,
            )
        except MeasureError as error:
            raise CommandError(str(error)) from error
        text = json.dumps(results, indent=2)
        if options["out"]:
            with open(options["out"], "w") as out:
                out.write(text + "\n")
        else:
            sys.stdout.write(text + "\n")
