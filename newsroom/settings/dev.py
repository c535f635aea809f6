"""Local development: `make run`. Never use these settings on a server."""

from newsroom.worker import task_settings

from .base import *  # noqa: F403
from .env import env_bool, env_str

DEBUG = env_bool("DJANGO_DEBUG", True)
# A fixed key is acceptable only because these settings never leave a developer's machine.
SECRET_KEY = env_str("DJANGO_SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = ["*"]
WHITENOISE_USE_FINDERS = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)

# Background tasks run inside the request unless you start `manage.py db_worker --backend background`
# with NEWSROOM_TASK_BACKEND=database (webhook retries need the worker). Local receivers are allowed.
TASKS = task_settings(env_str("NEWSROOM_TASK_BACKEND", "immediate"))
NEWSROOM_WEBHOOKS_ALLOW_PRIVATE = env_bool("NEWSROOM_WEBHOOKS_ALLOW_PRIVATE", True)

# With no mail server configured, `make run` prints e-mails (the newsletter's confirmation link, a
# preview's test send) in the terminal instead of failing against localhost:25.
if not (env_str("EMAIL_URL", "") or env_str("EMAIL_HOST", "")):
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
