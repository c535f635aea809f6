"""The pytest suite: PostgreSQL from DATABASE_URL (started by `make test`), fast hashing."""

import os
import tempfile

from django.core.exceptions import ImproperlyConfigured

from newsroom.worker import task_settings

from .base import *  # noqa: F403
from .base import DATABASES

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

# The webhook tests run a real `db_worker` process on the test database; local receivers allowed,
# and retries one second apart instead of thirty.
TASKS = task_settings("database")
NEWSROOM_WEBHOOKS_ALLOW_PRIVATE = True
NEWSROOM_WEBHOOK_MAX_ATTEMPTS = 3
NEWSROOM_WEBHOOK_RETRY_BASE = 1
NEWSROOM_WEBHOOK_TIMEOUT = 5
