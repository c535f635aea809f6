"""Readers get a French 503 page while the database is down, never a 500.

A lost database shows up as an OperationalError or InterfaceError (Django's wrappers, or
psycopg's own when raised outside Django's wrapper). Raised by a view, `process_exception` turns it
into the 503 page directly. Raised by a middleware further down (sessions, authentication, Wagtail's
redirects), Django has already turned it into a 500 response by the time it comes back up; the
`got_request_exception` signal marks the request so that this middleware swaps that 500 for the 503.

The page is rendered without a request context: no context processor, no Wagtail setting, nothing
that could query the database that is down. The connection itself is not touched here: Django
closes a broken connection at the end of the request, and the health check of persistent
connections (CONN_HEALTH_CHECKS) replaces a stale one before it is reused after recovery.
"""

import logging
import sys

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

import psycopg

from newsroom.request_context import current_request_id

logger = logging.getLogger("newsroom.outage")

DATABASE_LOST = (OperationalError, InterfaceError, psycopg.OperationalError, psycopg.InterfaceError)
_MARK = "_newsroom_database_lost"
# If even the template cannot be rendered (a missing static manifest, say), readers still get French.
_FALLBACK_PAGE = (
    '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Service momentanément indisponible</title>'
    "</head><body><h1>Le site est momentanément indisponible</h1>"
    "<p>Réessayez dans quelques instants.</p></body></html>"
)


def is_database_lost(exc: BaseException | None) -> bool:
    """True if `exc`, or an exception it was raised from, means the database cannot be reached."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, DATABASE_LOST):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def outage_response() -> HttpResponse:
    """The French 503 page, with Retry-After and never stored by any cache."""
    try:
        body = render_to_string("503.html", {"request_id": current_request_id()})
    except Exception:
        logger.exception("the 503 page could not be rendered; serving the bare fallback")
        body = _FALLBACK_PAGE
    response = HttpResponse(body, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(settings.NEWSROOM_OUTAGE_RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


def _mark_database_loss(sender, request=None, **kwargs):
    """Remember, on the request, that the exception Django is handling is a lost database."""
    if request is not None and is_database_lost(sys.exc_info()[1]):
        setattr(request, _MARK, True)


class DatabaseOutageMiddleware:
    """Turn a lost database connection into a 503 « service momentanément indisponible »."""

    def __init__(self, get_response):
        self.get_response = get_response
        got_request_exception.connect(_mark_database_loss, dispatch_uid="newsroom.outage")

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 500 and getattr(request, _MARK, False):
            return outage_response()
        return response

    def process_exception(self, request, exception):
        """A view lost the database: answer 503 at once (other exceptions go on to the 500 page)."""
        if is_database_lost(exception):
            # One line per request, no traceback: an outage would otherwise flood the logs.
            summary = (str(exception).strip().splitlines() or [""])[0][:200]
            logger.warning("database unavailable (%s): %s", exception.__class__.__name__, summary)
            return outage_response()
        return None
