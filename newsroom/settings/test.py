"""The pytest suite: PostgreSQL from DATABASE_URL (started by `make test`), fast hashing."""

import os
import tempfile

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES
from .env import env_bool

if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql" and not os.environ.get("NEWSROOM_TEST_ALLOW_SQLITE"):
    raise ImproperlyConfigured("The tests run on PostgreSQL: use `make test`, or set DATABASE_URL to a PostgreSQL database.")

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="newsroom-test-media-")
WAGTAILADMIN_BASE_URL = "http://testserver"
STATIC_ROOT = tempfile.mkdtemp(prefix="newsroom-test-static-")
WHITENOISE_USE_FINDERS = True
# Off for tests about something else (their factory articles have no image); the checklist's own
# tests turn it on (tests/articles/test_checklist.py).
NEWSROOM_PUBLISHING_CHECKLIST = env_bool("NEWSROOM_PUBLISHING_CHECKLIST", False)
