"""Prepared statements for anonymous public reads (PostgreSQL).

PostgreSQL spent longer planning the public pages' queries than running them: the home page's
rubrique query planned in 4.9 ms and ran in 1.5 ms. With the parameters sent apart from the SQL
(psycopg's server-side binding), a statement that a connection runs again has the same text, so
psycopg prepares it (`DATABASE_PREPARE_THRESHOLD` runs, 2 by default) and PostgreSQL reuses the
plan: in process, the article page went from 46 to 37 ms, the home page from 79 to 69 ms
(benchmarks/README.md).

Only for the requests a read replica would answer (`is_anonymous_public_read`: anonymous GET or
HEAD outside the admin), whose queries are ours and covered by the public pages' tests. Django
documents that server-side binding breaks some queries, and Wagtail's admin has one: a
`SELECT DISTINCT … ORDER BY CASE …` whose parameters PostgreSQL then sees as different expressions
(« for SELECT DISTINCT, ORDER BY expressions must appear in select list »). The admin, logged-in
readers, commands, the scheduler and the workers keep Django's default client-side binding.

The choice is the psycopg connection's `cursor_factory`, set when a public read starts and put
back when it ends, on every open PostgreSQL connection of the thread and on any opened meanwhile
(`connection_created`): a persistent connection goes from a reader's request to an editor's with
the right binding for each. `DATABASE_PREPARED_READS=0` turns it off (a pooler that drops prepared
statements, e.g. PgBouncer before 1.21 in transaction mode).
"""

import contextvars

from django.db import connections
from django.db.backends.signals import connection_created
from django.dispatch import receiver

from newsroom.page_cache import is_anonymous_public_read

_server_binding = contextvars.ContextVar("newsroom_server_binding", default=False)


def _cursor_classes():
    from django.db.backends.postgresql.base import Cursor, ServerBindingCursor

    return Cursor, ServerBindingCursor


def _bind(wrapper) -> None:
    """Give `wrapper`'s open psycopg connection the cursor class of the current request."""
    raw = getattr(wrapper, "connection", None)
    if raw is None or wrapper.vendor != "postgresql":
        return
    client, server = _cursor_classes()
    raw.cursor_factory = server if _server_binding.get() else client


def _bind_open_connections() -> None:
    for wrapper in connections.all(initialized_only=True):
        _bind(wrapper)


@receiver(connection_created)
def _bind_new_connection(sender, connection, **kwargs):
    _bind(connection)


class PreparedPublicReadsMiddleware:
    """Anonymous public reads bind their parameters server-side, so their statements get prepared."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_anonymous_public_read(request):
            return self.get_response(request)
        token = _server_binding.set(True)
        _bind_open_connections()
        try:
            return self.get_response(request)
        finally:
            _server_binding.reset(token)
            _bind_open_connections()
