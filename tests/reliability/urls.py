"""The project's URLs plus views that fail on purpose, for the error-page and outage tests."""

from django.db import OperationalError
from django.urls import path

import psycopg

from newsroom.urls import urlpatterns as project_urlpatterns


class DeliberateError(RuntimeError):
    """A bug, as far as the error page and the logs can tell."""


def broken_view(request):
    """Resolve the user (so logs can name them), log a line, then fail like a bug would."""
    request.user.is_authenticated  # noqa: B018 - forces the lazy user, as most admin views do
    import logging

    logging.getLogger("tests.reliability").warning("about to fail")
    raise DeliberateError("secret-internal-detail")


def database_lost_view(request):
    """Fail the way a view does when PostgreSQL goes away mid-request (Django's wrapper)."""
    raise OperationalError("server closed the connection unexpectedly")


def psycopg_lost_view(request):
    """psycopg's own error, raised outside Django's wrapper, chained under another exception."""
    try:
        raise psycopg.OperationalError("connection is lost")
    except psycopg.OperationalError as exc:
        raise RuntimeError("could not render the page") from exc


urlpatterns = [
    path("essai/erreur/", broken_view),
    path("essai/base-perdue/", database_lost_view),
    path("essai/psycopg-perdu/", psycopg_lost_view),
    *project_urlpatterns,
]
