"""Settings shared by every environment. Environment-specific files import from here."""

from pathlib import Path

import dj_database_url

from .env import env_bool, env_int, env_list, env_str, replica_databases

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("DJANGO_SECRET_KEY", "")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Before newsroom: Wagtail's frontend cache connects its own publish handlers (one URL, before the
    # commit) in ready(), and newsroom's ready() disconnects them for its exact after-commit purges
    # (newsroom/cache_signals.py). The app has no models, templates or static files.
    "wagtail.contrib.frontend_cache",
    "newsroom",
    "articles",
    "pages",
    "live",
    "entities",
    "partners",
    "wordpress",
    "demo",
    "api",
    "webhooks",
    "audience",
    "previews",
    "planning",
    "guides",
    "django_tasks",
    "django_tasks_db",
    # Not "rest_framework": its app only serves the browsable HTML API, which neither the read
    # API nor Wagtail's admin API should offer (inline script, answers varying on Accept).
    "wagtail.api.v2",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "newsroom.request_context.RequestIdMiddleware",
    "newsroom.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Public HTML, feeds and JSON gzipped on the way out (after the page cache stored them plain).
    "newsroom.compression.PublicGZipMiddleware",
    # Cache hits are answered here, before anything that touches the database (replica choice,
    # prepared reads, the outage answer), sessions or authentication.
    "newsroom.page_cache.PageCacheMiddleware",
    # Read replicas (only with DATABASE_REPLICA_URLS) and prepared public reads are inserted here:
    # outside the outage middleware, so that a request whose replica failed can be served again
    # from the primary.
    "newsroom.outage.DatabaseOutageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "newsroom.two_factor.RequireTwoFactorMiddleware",
    # After the second factor: a role with no page permission gets no page chooser or page API.
    "newsroom.page_access.PageChooserAccessMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # An admin POST missing fields that a Wagtail view reads without a default: French 400, not 500.
    "newsroom.admin_guards.IncompleteAdminPostMiddleware",
    # Under DEBUG (`make run`), the French 404 page rather than Django's technical one.
    "newsroom.not_found.NotFoundPageMiddleware",
    # Last, as django-axes asks: it turns its lockout signal into the French lockout answer.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out (username, address) pair is refused before the password is checked.
    # AxesBackend rather than the standalone one: it also answers get_user(), which Wagtail's test
    # utilities and force_login expect of AUTHENTICATION_BACKENDS[0].
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "articles.chrome.chrome",
            ],
        },
    },
]

# The embedded SQLite default lets `make run` work on a bare machine; every real deployment and
# the test suite set DATABASE_URL to PostgreSQL.
if not env_str("DATABASE_URL"):
    (BASE_DIR / "var").mkdir(exist_ok=True)
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Anonymous public reads bind their parameters server-side on PostgreSQL, so that a statement a
# connection runs again is prepared and its plan reused (newsroom/prepared_reads.py).
PREPARED_PUBLIC_READS = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool("DATABASE_PREPARED_READS", True)
if PREPARED_PUBLIC_READS:
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = env_int("DATABASE_PREPARE_THRESHOLD", 2)

# --- Read replicas (issue 12) ---
# DATABASE_REPLICA_URLS (comma-separated PostgreSQL streaming replicas): anonymous public reads go to
# them, everything else to DATABASE_URL (newsroom/replicas.py, docs/replicas.md). Unset: nothing
# is installed, no query changes.
DATABASES.update(replica_databases(env_list("DATABASE_REPLICA_URLS"), DATABASES["default"]))
DATABASE_ROUTERS = ["newsroom.replicas.ReplicaRouter"] if len(DATABASES) > 1 else []
if DATABASE_ROUTERS:
    MIDDLEWARE.insert(MIDDLEWARE.index("newsroom.outage.DatabaseOutageMiddleware"), "newsroom.replicas.ReplicaReadMiddleware")
# Seconds a replica that failed is left alone (per process) before it is tried again.
NEWSROOM_REPLICA_RETRY_SECONDS = env_int("NEWSROOM_REPLICA_RETRY_SECONDS", 10)
# --- end Read replicas ---
if PREPARED_PUBLIC_READS:
    MIDDLEWARE.insert(MIDDLEWARE.index("newsroom.outage.DatabaseOutageMiddleware"), "newsroom.prepared_reads.PreparedPublicReadsMiddleware")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
# Our overrides of Wagtail's and Django's French wording, ahead of the installed catalogues.
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT", str(BASE_DIR / "var" / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env_str("DJANGO_MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT", str(BASE_DIR / "var" / "media")))

NEWSROOM_SERVE_MEDIA = env_bool("NEWSROOM_SERVE_MEDIA", True)
# « Aide » (guides/): the Markdown guides, and the screenshots the browser tests save for them.
NEWSROOM_GUIDES_DIR = BASE_DIR / "docs" / "guides"
NEWSROOM_GUIDE_SCREENSHOTS = Path(env_str("NEWSROOM_GUIDE_SCREENSHOTS", str(BASE_DIR / "test-artifacts" / "screenshots" / "guides")))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Wagtail's page editor posts one field per StreamField input.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}, "django_tasks": {"level": "WARNING"}},
}

# 1: under DEBUG, Django's technical 404 page (URL patterns listed) instead of the site's own.
NEWSROOM_TECHNICAL_404 = env_bool("NEWSROOM_TECHNICAL_404", False)

# Page slugs never taken by a route (newsroom/reserved_paths.py): the URL configuration's own
# first segments are read from it; these are served outside it (static files, media) or planned.
NEWSROOM_RESERVED_SLUGS = ["api", "static", "media", "favicon.ico", "manifest.webmanifest", ".well-known"]

# Wagtail
# ASCII tag URLs: /tags/ia-generative/ rather than percent-encoded accents.
TAGGIT_STRIP_UNICODE_WHEN_SLUGIFYING = True
TAGGIT_CASE_INSENSITIVE = True

WAGTAIL_SITE_NAME = env_str("NEWSROOM_SITE_NAME", "Newsroom")
WAGTAILADMIN_BASE_URL = env_str("NEWSROOM_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fr", "Français")]
# Our overrides of Wagtail's and Django's French wording, ahead of the installed catalogues.
LOCALE_PATHS = [BASE_DIR / "locale"]
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 15 * 1024 * 1024
# Refuse decompression bombs before Pillow allocates them (about 40 megapixels is a large photo).
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# Who downloads an embed's thumbnail when an editor adds it (newsroom/embed_thumbnails.py): by
# default HTTPS from the providers' image hosts only; tests name a fetcher for a local server.
NEWSROOM_EMBED_THUMBNAIL_FETCHER = "newsroom.embed_thumbnails.fetch_from_provider"
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_PASSWORD_RESET_ENABLED = env_bool("NEWSROOM_PASSWORD_RESET", False)

# Security defaults shared by every environment; production.py adds the HTTPS-only ones.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Wagtail's preview views override this with SAMEORIGIN for the editor's iframe.
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # Wagtail's admin JavaScript reads the CSRF cookie.

# The minute scheduler started with `make serve` (see newsroom/scheduler.py).
NEWSROOM_SCHEDULER_INTERVAL = env_int("NEWSROOM_SCHEDULER_INTERVAL", 60)
# A scheduled page still unpublished this many seconds after its go-live time is reported late.
NEWSROOM_SCHEDULE_GRACE = env_int("NEWSROOM_SCHEDULE_GRACE", 180)
# The publishing checklist's blockers (articles/checklist.py, *Paramètres › Liste de vérification*).
NEWSROOM_PUBLISHING_CHECKLIST = env_bool("NEWSROOM_PUBLISHING_CHECKLIST", True)
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no third-party avatar requests from the admin
WAGTAILADMIN_USER_LOGIN_FORM = "newsroom.admin_forms.LoginForm"

# --- Partners ---
# Every image upload (admin add view and multiple uploader) goes through the partners app's checks:
# full decode, hidden markup, PNG/JPEG/WebP only for partner logos, French error messages.
WAGTAILIMAGES_IMAGE_FORM_BASE = "partners.forms.SafeImageForm"
# --- end Partners ---

# --- Search ---
# On PostgreSQL, Wagtail's database backend indexes and queries with the French, accent-insensitive
# configuration created by articles/migrations/0006 (« securite » finds « sécurité »). Settings are
# read before any connection, hence the engine test. SQLite's FTS5 ignores accents on its own.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "french_unaccent"
# --- end Search ---

# --- Page cache (issue 6: full-page cache, Redis) ---
# Anonymous public pages are kept whole in the default cache (newsroom/page_cache.py) and purged
# by exact URL sets when content changes (newsroom/cache_purge.py). With several app servers the
# cache must be shared, or a purge on one would not reach the others: set REDIS_URL.
# Without REDIS_URL, the cache is a folder of files shared by every process of the host
# (newsroom/shared_cache.py): `make serve`'s workers, its scheduler and `manage.py` commands purge
# and read the same entries, so a publication made by any of them is seen by all at once.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("NEWSROOM_CACHE_PREFIX", "newsroom"),
        }
    }
    CACHES["renditions"] = {**CACHES["default"], "BACKEND": "newsroom.rendition_cache.RedisRenditionCache"}
else:
    CACHES = {
        "default": {
            "BACKEND": "newsroom.shared_cache.SharedFileCache",
            "LOCATION": env_str("NEWSROOM_CACHE_DIR", str(BASE_DIR / "var" / "cache")),
            # Whole pages need more room than Django's 300-entry default (culled by a third when full).
            "OPTIONS": {"MAX_ENTRIES": env_int("NEWSROOM_CACHE_MAX_ENTRIES", env_int("NEWSROOM_LOCMEM_MAX_ENTRIES", 5000))},
        }
    }
    CACHES["renditions"] = {**CACHES["default"], "BACKEND": "newsroom.rendition_cache.FileRenditionCache"}
# Wagtail rewrites a rendition's cache entry each time it uses it; the renditions cache (same
# store) skips a write of what the process has just read (newsroom/rendition_cache.py).
NEWSROOM_PAGE_CACHE = env_bool("NEWSROOM_PAGE_CACHE", True)
# How long the edge (Varnish, a CDN) may keep a page: it is purged on change, so this is long.
NEWSROOM_EDGE_TTL = env_int("NEWSROOM_EDGE_TTL", 86_400)
# How long the application cache keeps a page (purged on change too).
NEWSROOM_PAGE_CACHE_TTL = env_int("NEWSROOM_PAGE_CACHE_TTL", 86_400)
# Pages purged by no signal get short lives: « page introuvable » answers, the search results
# (one entry per query typed) and the Google News sitemap, whose 48-hour window slides by itself.
NEWSROOM_PAGE_CACHE_SHORT_TTLS = {"404": 60, "/recherche/": 300, "/sitemap-news.xml": 900, "/audience/plus-lus/": 120}
# Beyond this many paths, one purge drops the whole application cache (one write) rather than
# writing a version per path, and sends the edge one `PURGE /*` (a ban of every page).
NEWSROOM_PAGE_CACHE_BULK_LIMIT = env_int("NEWSROOM_PAGE_CACHE_BULK_LIMIT", 2000)
# Query-string variants of one path kept at once (`?page=2`, `?q=…`): beyond this, a new variant is
# rendered but not stored, so random query strings cannot push every other page out of the cache.
NEWSROOM_PAGE_CACHE_MAX_VARIANTS = env_int("NEWSROOM_PAGE_CACHE_MAX_VARIANTS", 100)
# --- end Page cache ---

# « En direct » (live/): how often a reader's page asks for new updates (static/js/live.js).
NEWSROOM_LIVE_POLL_SECONDS = env_int("NEWSROOM_LIVE_POLL_SECONDS", 20)

# --- Edge cache (issue 6: Varnish, frontend_cache) ---
# Varnish in front of the app (deploy/varnish/newsroom.vcl). Publishing sends one PURGE per URL
# through Wagtail's frontend cache to each address of NEWSROOM_VARNISH_URL (comma-separated: every
# Varnish's `purge` listener); the VCL bans every query variant of the path. Empty: no edge cache.
NEWSROOM_VARNISH_URLS = env_list("NEWSROOM_VARNISH_URL")
WAGTAILFRONTENDCACHE = {
    f"varnish-{number}": {"BACKEND": "newsroom.edge_purge.TimeoutHTTPBackend", "LOCATION": location}
    for number, location in enumerate(NEWSROOM_VARNISH_URLS, start=1)
}
# Seconds a PURGE may take before it is logged and given up: publishing never waits on a stuck edge.
NEWSROOM_EDGE_PURGE_TIMEOUT = env_int("NEWSROOM_EDGE_PURGE_TIMEOUT", 2)
# One site language and no language prefix in URLs: one purge per URL, not one per language.
WAGTAILFRONTENDCACHE_LANGUAGES = []
# --- end Edge cache ---

# --- Authentication (issue 7: login throttling, second factor) ---
# One failure counter per (username, address): an attacker elsewhere cannot lock a journalist out.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = env_int("NEWSROOM_LOGIN_FAILURE_LIMIT", 5)
NEWSROOM_LOGIN_LOCKOUT_MINUTES = env_int("NEWSROOM_LOGIN_LOCKOUT_MINUTES", 15)
AXES_COOLOFF_TIME = NEWSROOM_LOGIN_LOCKOUT_MINUTES / 60  # a float is read as hours
AXES_RESET_ON_SUCCESS = True
# No looser per-address limit against password spraying: axes compares every parameter set with
# the same failure limit, so adding "ip_address" would lock a whole office out after 5 typos.
# django-ipware is not installed: newsroom.login_throttling reads X-Forwarded-For itself, and only
# behind as many trusted proxies as declared here (0: REMOTE_ADDR, the one address a client cannot forge).
NEWSROOM_TRUSTED_PROXY_COUNT = env_int("NEWSROOM_TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "newsroom.login_throttling.client_ip_address"
AXES_LOCKOUT_CALLABLE = "newsroom.login_throttling.lockout_response"
AXES_COOLOFF_MESSAGE = f"Trop d’essais de connexion infructueux\u00a0: réessayez dans {NEWSROOM_LOGIN_LOCKOUT_MINUTES}\u00a0minutes."
AXES_PERMALOCK_MESSAGE = "Trop d’essais de connexion infructueux\u00a0: demandez à un administrateur de débloquer le compte."
# Second factor (newsroom/two_factor.py). 1 forces it for the Rédaction en chef and superusers,
# whatever « Paramètres › Double authentification » says; unset or 0 leaves the choice to that setting.
NEWSROOM_REQUIRE_2FA = env_bool("NEWSROOM_REQUIRE_2FA", False)
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
# --- end Authentication ---

# --- Uploads (issue 7: hostile files) ---
# A multipart body over this size is not read: its files are dropped as they stream in (nothing in
# memory, nothing on disk) and the form says « trop lourd » (newsroom.uploads.CappedUploadHandler).
# It is the largest allowed file (documents, 19 MiB) plus room for the form's other fields, and
# matches `client_max_body_size 20m` in deploy/nginx/newsroom.conf.
WAGTAILDOCS_MAX_UPLOAD_SIZE = 19 * 1024 * 1024
NEWSROOM_MAX_UPLOAD_REQUEST_SIZE = 20 * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "newsroom.uploads.CappedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # Django's default: larger files stream to a temporary file
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # non-file fields; Wagtail's page editor stays far below
FILE_UPLOAD_PERMISSIONS = 0o644
WAGTAILDOCS_DOCUMENT_FORM_BASE = "newsroom.document_forms.SafeDocumentForm"
# Documents are downloaded (Content-Disposition: attachment), except PDFs, which open in the
# browser's viewer under Wagtail's `default-src 'none'` policy; `nosniff` on every one. The form
# refuses PDFs with actions and any document that is really HTML or SVG.
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
WAGTAILDOCS_CONTENT_TYPES = {
    "csv": "text/csv",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "txt": "text/plain",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# --- end Uploads ---

# --- Reliability (issue 7: logs, outages, errors) ---
# Logs go to stdout with the request id, method, path and user id of the request that caused
# them: plain lines by default, one JSON object per line with DJANGO_LOG_FORMAT=json (production).
from newsroom.log_format import logging_config  # noqa: E402

LOGGING = logging_config(env_str("DJANGO_LOG_FORMAT", "plain"), env_str("DJANGO_LOG_LEVEL", "INFO"))
# Seconds a reader is told to wait (Retry-After) when the database is unreachable.
NEWSROOM_OUTAGE_RETRY_AFTER = env_int("NEWSROOM_OUTAGE_RETRY_AFTER", 30)
# --- end Reliability ---

# --- Partner clicks (issue 18, finding 8) ---
# Clicks per minute one address may make on /partenaires/<id>/<placement>/ before a 429 (a reader
# clicks a few logos; a script is stopped). A visitor counts once per partner, placement and day.
NEWSROOM_CLICK_RATE_LIMIT = env_int("NEWSROOM_CLICK_RATE_LIMIT", 30)
# --- end Partner clicks ---

# --- Background worker (issue 13: api) ---
# Two task backends (django-tasks). "default" keeps Wagtail's own tasks (reference index, focal
# points, file deletion, edge purges) inside the request, as before: the exact purges read the
# reference index right after a save. "background" is the queue of work that must never slow an
# editor down (webhooks, and e-mail next): the database backend of django-tasks-db, run by
# `manage.py db_worker --backend background` processes (started by gunicorn.conf.py with
# `make serve`). NEWSROOM_TASK_BACKEND=immediate runs them in the request instead (make run).
NEWSROOM_TASK_BACKEND = env_str("NEWSROOM_TASK_BACKEND", "database")
from newsroom.worker import task_settings  # noqa: E402

TASKS = task_settings(NEWSROOM_TASK_BACKEND)
# --- end Background worker ---

# --- Webhooks (issue 13: api) ---
# Endpoints that resolve to loopback, private, link-local or reserved addresses are refused (SSRF),
# and so is plain http, unless this is on: tests and `make run` only.
NEWSROOM_WEBHOOKS_ALLOW_PRIVATE = env_bool("NEWSROOM_WEBHOOKS_ALLOW_PRIVATE", False)
# Attempts per delivery, and the first retry delay in seconds (doubled at each attempt:
# 30 s, 1 min, 2 min, 4 min, 8 min with the defaults).
NEWSROOM_WEBHOOK_MAX_ATTEMPTS = env_int("NEWSROOM_WEBHOOK_MAX_ATTEMPTS", 6)
NEWSROOM_WEBHOOK_RETRY_BASE = env_int("NEWSROOM_WEBHOOK_RETRY_BASE", 30)
# Seconds to connect to and to hear back from a receiver.
NEWSROOM_WEBHOOK_TIMEOUT = env_int("NEWSROOM_WEBHOOK_TIMEOUT", 10)
# --- end Webhooks ---

# --- Read API (issue 13: api) ---
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILAPI_SEARCH_ENABLED = False
REST_FRAMEWORK = {
    # Anonymous, read-only and JSON only: no session authentication (no CSRF, no per-user answer),
    # no browsable HTML renderer (its pages would vary on Accept and carry inline script).
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "UNAUTHENTICATED_USER": None,
}
# --- end Read API ---

# --- Audience (issue 16: newsletter, entity alerts, « Les plus lus ») ---
# Outgoing mail: EMAIL_URL (smtp://user:password@host:587, smtp+tls://…, smtps://…:465), else the
# EMAIL_HOST / EMAIL_PORT / EMAIL_HOST_USER / EMAIL_HOST_PASSWORD / EMAIL_USE_TLS variables.
from newsroom.settings.env import email_settings  # noqa: E402

globals().update(email_settings(env_str("EMAIL_URL")))
DEFAULT_FROM_EMAIL = env_str("NEWSROOM_NEWSLETTER_FROM", "La rédaction <lettre@localhost>")
# A confirmation link is valid this many hours; sign-up requests per address (IP) and 10 minutes.
NEWSROOM_NEWSLETTER_CONFIRM_HOURS = env_int("NEWSROOM_NEWSLETTER_CONFIRM_HOURS", 48)
NEWSROOM_NEWSLETTER_SIGNUP_LIMIT = env_int("NEWSROOM_NEWSLETTER_SIGNUP_LIMIT", 5)
# Messages per second one worker sends (the SMTP relay's limit), attempts and first retry delay.
NEWSROOM_NEWSLETTER_RATE = env_int("NEWSROOM_NEWSLETTER_RATE", 20)
NEWSROOM_NEWSLETTER_MAX_ATTEMPTS = env_int("NEWSROOM_NEWSLETTER_MAX_ATTEMPTS", 5)
NEWSROOM_NEWSLETTER_RETRY_BASE = env_int("NEWSROOM_NEWSLETTER_RETRY_BASE", 60)
# At most one entity alert per reader in this many minutes (later articles wait for the next one).
NEWSROOM_ALERT_INTERVAL_MINUTES = env_int("NEWSROOM_ALERT_INTERVAL_MINUTES", 60)
# Seconds the « Les plus lus » box is kept before it is counted again.
NEWSROOM_MOST_READ_TTL = env_int("NEWSROOM_MOST_READ_TTL", 300)
# --- end Audience ---
