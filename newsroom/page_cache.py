"""Full-page cache of anonymous GET responses, answered before sessions, authentication or any query.

A public page is the same for every reader without a session, so its rendered response is kept in
Django's default cache (per process by default, shared through Redis with `REDIS_URL`) and served
again until something it shows changes. Invalidation is by path (newsroom/cache_purge.py): every
stored entry carries the version of its path read *before* it was rendered, and a purge writes a new
version, so one write drops every query-string variant of the path (`?page=2`, `?q=…`) on every app
server at once, and a response rendered while a purge ran is never served as fresh.

One read per request (`get_many` of the entry, its path's version and the cache generation: a
single `MGET` on Redis). A path's first request writes its version: a version missing later (culled,
evicted) is replaced by a new one, never read as an old one (`_fresh_stamp`). Entries also carry
the Paris date, so that partner campaigns, which start and end at midnight without any save, never
show a day late, and their gzip, made once (newsroom/compression.py), for browsers that take it.

Never cached: requests with a session cookie or an Authorization header (decided on the cookie, as
sessions and authentication run after this middleware), other methods than GET (HEAD is answered
from a GET entry), the admin and previews, documents, health checks and partner click redirects,
responses that set a cookie or used the CSRF token, `private`, `no-cache` or `no-store` responses
(Wagtail marks pages with view restrictions so), responses varying on anything but the cookie (which
an anonymous request does not carry) and the language (one language here), streaming responses,
and statuses other than 200 and 404 (404s live one minute: a published page or a new redirect
purges its path anyway; redirects are cheap to compute and outlive deleted redirects if stored).
"""

import datetime
import hashlib
import logging
import time
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse, QueryDict
from django.utils import timezone
from django.utils.cache import cc_delim_re, get_conditional_response, patch_cache_control, set_response_etag
from django.utils.http import http_date, parse_http_date_safe

from redis.exceptions import RedisError

from newsroom.compression import compressed_body, serve_compressed

logger = logging.getLogger("newsroom.page_cache")

ENTRY_PREFIX = "newsroom:page:"
VERSION_PREFIX = "newsroom:page-version:"
GENERATION_KEY = "newsroom:page-generation"
HEADER = "X-Cache"
# Paths that are never pages for readers (the static and media prefixes are added from settings).
EXCLUDED_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/health/", "/partenaires/", "/_util/", "/apercu/", "/planning/")
VARIANTS_PREFIX = "newsroom:page-variants:"
# Campaign tags that no view reads: stripped from the key so a shared link does not miss the cache,
# and from the request the page is rendered for, so a stored page never shows them (finding 5 of
# issue 18: an attacker's `?utm_source=…` in the canonical link of every reader's copy). Names are
# compared in lower case, with every `utm_…`; deploy/varnish/newsroom.vcl strips the same set.
TRACKING_PARAMS = frozenset({"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "_ga", "xtor"})
TRACKING_PREFIX = "utm_"
CACHEABLE_STATUSES = (200, 404)
# A shared cache that is down costs readers its speed, never the page: they get it rendered.
CACHE_ERRORS = (RedisError, OSError)
# A stored response may vary on these: an anonymous request carries no session cookie, and the site
# speaks one language whatever Accept-Language says.
HARMLESS_VARY = frozenset({"cookie", "accept-language"})
_CONDITIONAL_HEADERS = frozenset({"HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_MATCH", "HTTP_IF_UNMODIFIED_SINCE"})
_REFUSING_DIRECTIVES = frozenset({"private", "no-cache", "no-store"})


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()


def version_key(path: str) -> str:
    """The cache key holding the version of `path` (all its query strings, all hosts)."""
    return VERSION_PREFIX + _digest(path)


def normalised_query(query_string: str) -> str:
    """The query string with tracking tags dropped and parameters in name order (values kept in order)."""
    if not query_string:
        return ""
    pairs = [(name, value) for name, value in parse_qsl(query_string, keep_blank_values=True) if not is_tracking_param(name)]
    pairs.sort(key=lambda pair: pair[0])
    return urlencode(pairs)


def is_tracking_param(name: str) -> bool:
    """Whether a query parameter is a campaign tag that no page reads (stripped before rendering)."""
    name = name.lower()
    return name in TRACKING_PARAMS or name.startswith(TRACKING_PREFIX)


def variants_key(path: str) -> str:
    """The cache key counting the stored query-string variants of `path`."""
    return VARIANTS_PREFIX + _digest(path)


def _render_with_normalised_query(request, normalised: str) -> None:
    """Make the view see exactly the query the cache key was made of (sorted, campaign tags dropped)."""
    if request.META.get("QUERY_STRING", "") != normalised:
        request.META["QUERY_STRING"] = normalised
        request.GET = QueryDict(normalised, encoding=request.encoding)


def entry_key(scheme: str, host: str, path: str, query_string: str) -> str:
    """The cache key of one variant of a page: scheme, host, path and normalised query."""
    return ENTRY_PREFIX + _digest(f"{scheme}://{host}{path}?{normalised_query(query_string)}")


def new_version() -> int:
    """A version no earlier purge can have written, even if the previous one was evicted."""
    return time.time_ns()


def _excluded_prefixes() -> tuple[str, ...]:
    extra = tuple(prefix for prefix in (settings.STATIC_URL, settings.MEDIA_URL) if prefix and prefix.startswith("/"))
    return EXCLUDED_PREFIXES + extra


def _ttls(path: str, status: int) -> tuple[int, int]:
    """(application timeout, edge s-maxage) for a response of `path` with `status`."""
    short = settings.NEWSROOM_PAGE_CACHE_SHORT_TTLS
    if status == 404:
        return short["404"], short["404"]
    if path in short:
        return short[path], short[path]
    return settings.NEWSROOM_PAGE_CACHE_TTL, min(settings.NEWSROOM_EDGE_TTL, _seconds_to_midnight())


def _seconds_to_midnight() -> int:
    """Seconds until the next midnight in Paris, when partner campaigns change without any save."""
    return max(1, int(_paris_day()[2] - timezone.now().timestamp()))


# (today's date in Paris as ISO text, its first and its next midnight as POSIX timestamps): every
# request needs the date, and converting to the local time zone cost a hit about as much as reading
# its entry.
_day: tuple[str, float, float] = ("", 0.0, 0.0)


def _paris_day() -> tuple[str, float, float]:
    """Today's date in the site's time zone and the timestamps of its two midnights, computed again
    when the clock leaves that day (either way: tests and NTP move it back too)."""
    global _day
    now = timezone.now().timestamp()
    if not _day[1] <= now < _day[2]:
        local = timezone.localtime()
        start = datetime.datetime.combine(local.date(), datetime.time.min, tzinfo=local.tzinfo)
        end = datetime.datetime.combine(local.date() + datetime.timedelta(days=1), datetime.time.min, tzinfo=local.tzinfo)
        _day = (local.date().isoformat(), start.timestamp(), end.timestamp())
    return _day


def _fresh_stamp(vkey: str, version, generation) -> tuple[int, int]:
    """The path's version and the cache generation, writing a new one for whichever is missing.

    A missing key is never read as « version 0 »: a cache that culls or evicts entries (the folder
    cache past its size, Redis under `allkeys-lru`) may drop the version a purge wrote, and entries
    stored before that purge, stamped with the older value, would be served again as fresh. A new
    value (a timestamp, later than any written before) matches no stored entry. `add` keeps the
    first value written when several processes find the key missing at once.
    """
    stamp = []
    for key, value in ((vkey, version), (GENERATION_KEY, generation)):
        if value is None:
            fresh = new_version()
            value = fresh if cache.add(key, fresh, None) else cache.get(key, fresh)
        stamp.append(value)
    return stamp[0], stamp[1]


def _is_public_cacheable(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    return not (settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META)


def is_anonymous_public_read(request) -> bool:
    """A GET or HEAD with no session cookie and no Authorization header, outside the admin and the
    other paths the page cache never serves (pages, feeds, sitemaps, search and the read API
    qualify): what a read replica may answer and what binds its parameters server-side."""
    if not _is_public_cacheable(request):
        return False
    excluded = EXCLUDED_PREFIXES + tuple(p for p in (settings.STATIC_URL, settings.MEDIA_URL) if p and p.startswith("/"))
    return not request.path.startswith(excluded)


def _refusal(request, response) -> str | None:
    """Why `response` must not be stored, or None when it may be."""
    if request.method != "GET":
        return "method"
    if response.streaming:
        return "streaming"
    if response.status_code not in CACHEABLE_STATUSES:
        return "status"
    if response.cookies:
        return "set-cookie"
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return "csrf"
    if getattr(request, "is_preview", False):
        return "preview"
    directives = {part.split("=")[0].strip().lower() for part in cc_delim_re.split(response.get("Cache-Control", ""))}
    if directives & _REFUSING_DIRECTIVES:
        return "cache-control"
    vary = {header.strip().lower() for header in cc_delim_re.split(response.get("Vary", "")) if header.strip()}
    harmless = HARMLESS_VARY if len(settings.LANGUAGES) == 1 else HARMLESS_VARY - {"accept-language"}
    if vary - harmless:
        return "vary"
    return None


def _public_headers(response, edge_ttl: int) -> None:
    """Browsers revalidate every time (ETag, Last-Modified); shared caches keep it until purged."""
    response["Cache-Control"] = f"public, max-age=0, s-maxage={edge_ttl}"


def _conditional(request, response):
    if not _CONDITIONAL_HEADERS.intersection(request.META):
        return response
    return get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
        response=response,
    )


class PageCacheMiddleware:
    """Serve and store anonymous public pages from Django's cache (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.excluded = _excluded_prefixes()

    def __call__(self, request):
        if not settings.NEWSROOM_PAGE_CACHE or request.path.startswith(self.excluded):
            return self.get_response(request)
        if not _is_public_cacheable(request):
            response = self.get_response(request)
            # A reader's own view of a public page must never land in a shared cache.
            if not response.has_header("Cache-Control"):
                patch_cache_control(response, private=True)
            response[HEADER] = "BYPASS"
            return response
        try:
            host = request.get_host()
        except DisallowedHost:
            # Let Django answer its 400 further down.
            return self.get_response(request)

        normalised = normalised_query(request.META.get("QUERY_STRING", ""))
        key = entry_key(request.scheme, host, request.path, normalised)
        vkey = version_key(request.path)
        try:
            found = cache.get_many([key, vkey, GENERATION_KEY])
            version = found.get(vkey)
            generation = found.get(GENERATION_KEY)
            if version is None or generation is None:
                version, generation = _fresh_stamp(vkey, version, generation)
        except CACHE_ERRORS as exc:
            logger.warning("page cache unavailable, serving uncached: %s", exc)
            response = self.get_response(request)
            response[HEADER] = "PASS"
            return response
        today = _paris_day()[0]
        entry = found.get(key)
        if entry is not None and entry[0] == (generation, version, today):
            return self._serve(request, entry)

        _render_with_normalised_query(request, normalised)
        response = self.get_response(request)
        if _refusal(request, response) is not None:
            response[HEADER] = "PASS"
            return response
        app_ttl, edge_ttl = _ttls(request.path, response.status_code)
        if normalised and not self._count_variant(request.path, (generation, version, today), app_ttl):
            # Too many variants of this path already: rendered for this reader, not kept.
            _public_headers(response, 0)
            response[HEADER] = "PASS"
            return response
        if not response.has_header("ETag"):
            set_response_etag(response)
        if not response.has_header("Last-Modified"):
            response["Last-Modified"] = http_date()
        if len(settings.LANGUAGES) == 1 and response.has_header("Vary"):
            kept = [header for header in cc_delim_re.split(response["Vary"]) if header.strip().lower() != "accept-language"]
            if kept:
                response["Vary"] = ", ".join(kept)
            else:
                del response["Vary"]
        del response["Cache-Control"]
        headers = list(response.items())
        gzipped = compressed_body(response)
        try:
            cache.set(key, ((generation, version, today), response.status_code, headers, response.content, request.path, gzipped), app_ttl)
        except CACHE_ERRORS as exc:
            logger.warning("page cache unavailable, page not stored: %s", exc)
        _public_headers(response, edge_ttl)
        return self._answer(request, response, gzipped, "MISS")

    def _count_variant(self, path: str, stamp, ttl: int) -> bool:
        """Count one more stored query variant of `path`; False past NEWSROOM_PAGE_CACHE_MAX_VARIANTS.

        The count restarts when the path is purged (its stamp changes). Not atomic across processes:
        concurrent misses may store a few variants past the cap, never without limit.
        """
        counter = variants_key(path)
        try:
            found = cache.get(counter)
            count = found[1] if found is not None and found[0] == stamp else 0
            if count >= settings.NEWSROOM_PAGE_CACHE_MAX_VARIANTS:
                return False
            cache.set(counter, (stamp, count + 1), ttl)
        except CACHE_ERRORS:
            return False
        return True

    def _serve(self, request, entry):
        # Entries stored before the gzip was kept have five fields.
        _stamp, status, headers, content, path, *stored = entry
        response = HttpResponse(content, status=status, headers=dict(headers))
        _public_headers(response, _ttls(path, status)[1])
        return self._answer(request, response, stored[0] if stored else None, "HIT")

    @staticmethod
    def _answer(request, response, gzipped: bytes | None, outcome: str):
        """The stored answer, a 304 when the browser's copy is current, the stored gzip when it takes
        gzip (without one, PublicGZipMiddleware compresses on the way out)."""
        response[HEADER] = outcome
        conditional = _conditional(request, response)
        if conditional is response and gzipped is not None:
            serve_compressed(request, response, gzipped)
        conditional[HEADER] = outcome
        return conditional
