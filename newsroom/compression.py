"""Compressed HTML (and feeds, sitemaps, API JSON) for readers: gzip by Django, on public answers only.

Uncompressed, an article's 25 KB of HTML costs a phone about 150 ms on Lighthouse's throttled
profile. Static files are already served compressed by WhiteNoise; this middleware sits just
before the page cache, so the cache stores plain bodies and each answer is compressed on its way
out (with `Vary: Accept-Encoding`, a weak ETag that still matches for a 304). The page cache also
stores each entry's gzip, made once (`compressed_body`), and serves it to browsers that take gzip
(`serve_compressed`): compressing on every hit made a hit cost four times what it costs plain.

BREACH: compressing a page that reflects the reader's input next to a secret leaks the secret. The
public pages hold no secret (no CSRF token, no session: they are the same for every anonymous
reader), so only those are compressed: nothing under the admin, no request that carries a session
cookie, no answer that used a CSRF token. Django's GZipMiddleware adds its random-length padding on
top (its own BREACH mitigation).
"""

from django.conf import settings
from django.middleware.gzip import GZipMiddleware, re_accepts_gzip
from django.utils.cache import patch_vary_headers
from django.utils.text import compress_string

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
    return _textual(response)


def _textual(response) -> bool:
    content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
    return content_type in COMPRESSED_TYPES


# Answers shorter than this are not worth compressing (Django's GZipMiddleware's own threshold).
MIN_LENGTH = 200


def compressed_body(response) -> bytes | None:
    """The gzip of a public answer about to be stored by the page cache, or None when its type is not
    compressed here or gzip would not shrink it. Made once per stored entry."""
    if not _textual(response) or len(response.content) < MIN_LENGTH:
        return None
    body = compress_string(response.content, max_random_bytes=PublicGZipMiddleware.max_random_bytes)
    return body if len(body) < len(response.content) else None


def serve_compressed(request, response, body: bytes) -> None:
    """Give `response` the stored gzip `body` when the browser takes gzip, with the headers Django's
    GZipMiddleware would set (which then leaves the answer alone)."""
    patch_vary_headers(response, ("Accept-Encoding",))
    if not re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
        return
    response.content = body
    response.headers["Content-Length"] = str(len(body))
    etag = response.get("ETag")
    if etag and etag.startswith('"'):
        response.headers["ETag"] = "W/" + etag
    response.headers["Content-Encoding"] = "gzip"
