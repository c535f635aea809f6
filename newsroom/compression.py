"""Compressed HTML (and feeds, sitemaps, API JSON) for readers: gzip by Django, on public answers only.

Uncompressed, an article's 25 KB of HTML costs a phone about 150 ms on Lighthouse's throttled
profile. Static files are already served compressed by WhiteNoise; this middleware sits just
before the page cache, so the cache stores plain bodies and each answer is compressed on its way
out (with `Vary: Accept-Encoding`, a weak ETag that still matches for a 304).

BREACH: compressing a page that reflects the reader's input next to a secret leaks the secret. The
public pages hold no secret (no CSRF token, no session: they are the same for every anonymous
reader), so only those are compressed: nothing under the admin, no request that carries a session
cookie, no answer that used a CSRF token. Django's GZipMiddleware adds its random-length padding on
top (its own BREACH mitigation).
"""

from django.conf import settings
from django.middleware.gzip import GZipMiddleware

COMPRESSED_TYPES = (
    "text/html",
    "application/xhtml+xml",
    "application/json",
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
)


class PublicGZipMiddleware(GZipMiddleware):
    """GZipMiddleware limited to anonymous, token-free answers of a textual type."""

    def process_response(self, request, response):
        if not _compressible(request, response):
            return response
        return super().process_response(request, response)


def _compressible(request, response) -> bool:
    if request.COOKIES.get(settings.SESSION_COOKIE_NAME) or request.META.get("CSRF_COOKIE_USED"):
        return False
    if request.path.startswith(("/admin/", "/django-admin/")):
        return False
    content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
    return content_type in COMPRESSED_TYPES
