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
SESSION_ENGINE = "django.contrib.sessions.backends.db"
WHITENOISE_AUTOREFRESH = True
