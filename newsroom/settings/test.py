"""The pytest suite: PostgreSQL from DATABASE_URL (started by `make test`), fast hashing."""

import os
import tempfile

from django.core.exceptions import ImproperlyConfigured

from newsroom.worker import task_settings

from .base import *  # noqa: F403
from .base import DATABASES, REDIS_URL
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

# A page type that exists only in the tests (tests/testpages/): proves any page type is routed,
# cached and purged without code of its own.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.testpages"]

# One process runs the suite: a memory cache, cleared before each test (tests/conftest.py). The
# servers the integration tests start get the real default (a shared folder) or their Redis.
if not REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "newsroom", "OPTIONS": {"MAX_ENTRIES": 5000}}
    }

# The webhook tests run a real `db_worker` process on the test database; local receivers allowed,
# and retries one second apart instead of thirty.
TASKS = task_settings("database")
NEWSROOM_WEBHOOKS_ALLOW_PRIVATE = True
NEWSROOM_WEBHOOK_MAX_ATTEMPTS = 3
NEWSROOM_WEBHOOK_RETRY_BASE = 1
NEWSROOM_WEBHOOK_TIMEOUT = 5

# Off for tests about something else (their factory articles have no image); the checklist's own
# tests turn it on (tests/articles/test_checklist.py).
NEWSROOM_PUBLISHING_CHECKLIST = env_bool("NEWSROOM_PUBLISHING_CHECKLIST", False)
