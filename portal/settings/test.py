"""pytest: fast hashing, mail in memory, background jobs run immediately."""

import os
import tempfile

from .base import *  # noqa: F401,F403

SECRET_KEY = "test-only-key"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
_tmp = tempfile.mkdtemp(prefix="portal-test-")
MEDIA_ROOT = os.path.join(_tmp, "media")
PRIVATE_MEDIA_ROOT = os.path.join(_tmp, "private")
STORAGES = {
    **STORAGES,  # noqa: F405
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"  # the embedded default (base.py)
# Off, so a test sees its own changes on the next request; tests of the page cache turn it on.
PAGE_CACHE_SECONDS = 0
WHITENOISE_AUTOREFRESH = True

# For quick local runs: `PORTAL_TEST_DB=/tmp/mine.sqlite3 pytest --reuse-db` keeps the migrated test
# database in that file between runs (pass --create-db after a migration changes). Unset (CI),
# SQLite tests use a fresh in-memory database.
if os.environ.get("PORTAL_TEST_DB") and DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": os.environ["PORTAL_TEST_DB"]}  # noqa: F405

# The API's throttles count in the shared cache; high rates keep tests independent of each other
# (the throttling tests set their own low rate).
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {"token": "10000/min", "create": "10000/min"},
}
SIMPLE_JWT = {**SIMPLE_JWT, "SIGNING_KEY": "test-only-jwt-signing-key-long-enough-for-hs256"}  # noqa: F405
