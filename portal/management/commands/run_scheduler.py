"""Queue the registered periodic jobs (``portal.scheduling``) at their intervals; the worker runs them."""

import logging
import signal
from time import monotonic, sleep

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections

from portal.scheduling import Scheduler, autodiscover

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Queue periodic background jobs when they are due (run it next to `manage.py db_worker`)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Queue every job that is due now, then exit.")
        parser.add_argument(
            "--max-sleep",
            type=float,
            default=60.0,
            help="Longest pause between checks, in seconds (default 60).",
        )

    def handle(self, *args, once=False, max_sleep=60.0, **options):
        jobs = autodiscover()
        scheduler = Scheduler(jobs)
        if not once:
            self.stdout.write(f"Scheduling {len(jobs)} periodic job(s):")
            for job in jobs:
                self.stdout.write(f"  {job.name} every {job.every}")
        self._stopping = False
        if once:
            self._queue_due(scheduler)
            return
        previous = {signum: signal.signal(signum, self._stop) for signum in (signal.SIGTERM, signal.SIGINT)}
        try:
            while not self._stopping:
                close_old_connections()
                try:
                    self._queue_due(scheduler)
                    wait = min(max_sleep, max(1.0, scheduler.seconds_until_next()))
                except DatabaseError:
                    # A database restart should not stop the clock: try again at the next check.
                    logger.exception("Could not queue periodic jobs")
                    wait = max_sleep
                # Sleep in short steps so a stop signal is honoured within a second.
                deadline = monotonic() + wait
                while not self._stopping and monotonic() < deadline:
                    sleep(min(1.0, deadline - monotonic()))
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)
        self.stdout.write("Scheduler stopped.")

    def _queue_due(self, scheduler):
        for job in scheduler.run_due():
            self.stdout.write(f"Queued {job.name}")

    def _stop(self, signum, frame):
        self._stopping = True
