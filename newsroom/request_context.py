"""Per-request identifier for logs and error reports.

Every request gets an id: the one the proxy sent in `X-Request-ID` when it looks sane, a new one
otherwise. It is echoed in the response header of the same name, printed on the 500 and 503 pages
(so a reader can quote it) and added, with the method, the path and the user id, to every log
record emitted while the request runs. The values live in a context variable, so they follow the
request and never leak into the next one a worker serves.

What is deliberately never logged: query strings (search terms, tokens), cookies, headers other
than the request id, passwords, and the secret part of password-reset links.
"""

import contextvars
import logging
import re
import uuid

from django.utils.functional import LazyObject, empty

REQUEST_ID_HEADER = "X-Request-ID"
# Proxies send UUIDs or hex/base64-ish tokens; anything else (spaces, quotes, control characters,
# megabytes) could forge or break log lines, so it is replaced by an id of our own.
_SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:+/=-]{7,127}")
# Django's and Wagtail's password-reset confirmation URLs carry a one-time token in the path.
_RESET_TOKEN = re.compile(r"(/reset/[^/]+/)[^/]+")
_MAX_LOGGED_PATH = 300

_current_request = contextvars.ContextVar("newsroom_request", default=None)


def new_request_id() -> str:
    """A fresh, unguessable request id (32 hexadecimal characters)."""
    return uuid.uuid4().hex


def incoming_request_id(value: str | None) -> str | None:
    """The proxy's request id if it is safe to log and echo, else None."""
    if value and _SANE_REQUEST_ID.fullmatch(value):
        return value
    return None


def current_request_id() -> str | None:
    """The id of the request being served by this thread or task, None outside a request."""
    request = _current_request.get()
    return getattr(request, "request_id", None) if request is not None else None


def loggable_path(path: str) -> str:
    """The request path as logs may show it: no token, bounded length."""
    return _RESET_TOKEN.sub(r"\1…", path)[:_MAX_LOGGED_PATH]


def _resolved_user_id(request):
    """The user's id if authentication already ran for this request, without querying for it.

    `request.user` is lazy: reading it here could hit the database from inside a log call (and,
    during an outage, fail there). Only an already-resolved user is reported.
    """
    user = request.__dict__.get("user")
    if user is None:
        return None
    if isinstance(user, LazyObject):
        user = user._wrapped
        if user is empty:
            return None
    return getattr(user, "pk", None)


class RequestIdMiddleware:
    """Give every request an id, echoed in the response and in every log line it causes."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = incoming_request_id(request.headers.get(REQUEST_ID_HEADER)) or new_request_id()
        token = _current_request.set(request)
        try:
            response = self.get_response(request)
        finally:
            _current_request.reset(token)
        response[REQUEST_ID_HEADER] = request.request_id
        return response


class RequestContextFilter(logging.Filter):
    """Add request_id, method, path and user_id to every record logged during a request.

    Outside a request (management commands, the scheduler) the fields are present and empty, so
    a JSON log always has the same keys.
    """

    def filter(self, record):
        request = _current_request.get()
        if request is None:
            # Records that carry their own fields (gunicorn's access lines) keep them.
            for field in ("request_id", "method", "path", "user_id"):
                if not hasattr(record, field):
                    setattr(record, field, None)
            return True
        record.request_id = getattr(request, "request_id", None)
        record.method = request.method
        record.path = loggable_path(request.path)
        record.user_id = _resolved_user_id(request)
        return True
