"""Page passwords throttled like the admin login: per page and address (issue 18, finding 4).

Wagtail's `/_util/authenticate_with_password/<restriction>/<page>/` answered every guess: 40 wrong
passwords in 2 s, then the right one worked. This view wraps it: after NEWSROOM_LOGIN_FAILURE_LIMIT
wrong passwords for one page from one address, that page refuses further tries from that address
for NEWSROOM_LOGIN_LOCKOUT_MINUTES (a French page, HTTP 429, `Retry-After`); each further try
restarts the delay; the right password clears the count. Other pages and other addresses are not
affected. The address is the one the admin login counts (newsroom.login_throttling).

The counts live in the cache every process shares (a folder by default, Redis in production), so
two workers count together. Read-then-write: two guesses racing on the two sync workers may both
be counted as the first, so at most one extra guess per worker gets through, never a flood.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from wagtail.views import authenticate_with_password

from newsroom.login_throttling import client_ip_address
from newsroom.page_cache import CACHE_ERRORS

logger = logging.getLogger("newsroom.security")

KEY_PREFIX = "newsroom:page-password-failures:"
LOCKED_TEMPLATE = "page_password_locked.html"


def failures_key(page_id: int, address: str | None) -> str:
    """The cache key counting wrong passwords for one page from one address."""
    return f"{KEY_PREFIX}{page_id}:{address or 'inconnue'}"


def _lockout_seconds() -> int:
    return settings.NEWSROOM_LOGIN_LOCKOUT_MINUTES * 60


def _locked_response(request):
    minutes = settings.NEWSROOM_LOGIN_LOCKOUT_MINUTES
    context = {"cool_off_minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT}
    response = render(request, LOCKED_TEMPLATE, context, status=429)
    response["Retry-After"] = str(_lockout_seconds())
    return response


@never_cache
def throttled_authenticate_with_password(request, page_view_restriction_id: int, page_id: int):
    """Wagtail's page-password form, refused after too many wrong passwords (see the module docstring)."""
    key = failures_key(page_id, client_ip_address(request))
    try:
        failures = cache.get(key, 0)
    except CACHE_ERRORS:
        failures = 0
    limit = settings.AXES_FAILURE_LIMIT
    if request.method == "POST" and failures >= limit:
        # Still guessing while locked out: the delay starts again, as for the admin login.
        cache.set(key, failures + 1, _lockout_seconds())
        logger.warning("page password locked out: page=%s ip_address=%s", page_id, client_ip_address(request))
        return _locked_response(request)
    response = authenticate_with_password(request, page_view_restriction_id, page_id)
    if request.method == "POST":
        if response.status_code == 302:
            cache.delete(key)
        else:
            # Wagtail shows the form again: a wrong password (or an empty one).
            cache.set(key, failures + 1, _lockout_seconds())
            if failures + 1 >= limit:
                logger.warning("page password locked out: page=%s ip_address=%s", page_id, client_ip_address(request))
    return response
