"""Production: `make serve`. Refuses to start without DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS."""

from newsroom.log_format import logging_config

from .base import *  # noqa: F403
from .base import STORAGES
from .env import env_bool, env_int, env_list, env_required, env_str

DEBUG = False
SECRET_KEY = env_required("DJANGO_SECRET_KEY")
env_required("DJANGO_ALLOWED_HOSTS")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")

# Hashed, compressed static files: whitenoise serves the hashed names with far-future,
# immutable cache headers and the unhashed ones with a short max-age.
STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}

# HTTPS everywhere. Behind a TLS-terminating proxy, it must set X-Forwarded-Proto.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# One JSON object per log line (request id, method, path, user id): what log collectors parse.
LOGGING = logging_config(env_str("DJANGO_LOG_FORMAT", "json"), env_str("DJANGO_LOG_LEVEL", "INFO"))
