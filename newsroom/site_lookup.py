"""Which Wagtail Site answers a request, remembered by each process instead of asked every time.

Wagtail finds the site of every request with a query (`get_site_for_hostname`: a CASE over the
sites, the root page joined), then loads the root page's specific type with another: two of the nine
queries of an uncached article. Sites change a few times in a project's life, so each process keeps
Wagtail's answer per host and port, and a version in the shared cache (the default folder or Redis,
one read per request) says when to ask again: saving or deleting a Site writes a new version, at
once and again after the transaction commits (another process may have read the old row in between),
so every process of every host follows at its next request. With read replicas (a database router
installed) Wagtail's own lookup runs on the database each request reads: rows remembered from the
primary are never mixed with a replica that has not replayed them.
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port

from wagtail.models import Site

from newsroom.page_cache import CACHE_ERRORS
from newsroom.replicas import note_primary_position

logger = logging.getLogger("newsroom.site_lookup")

VERSION_KEY = "newsroom:sites-version"
# Hosts remembered per process: a request's Host header is the client's to choose.
MAX_HOSTS = 64

_FIELDS = tuple(field.attname for field in Site._meta.concrete_fields)
_found: dict[tuple[str, int], tuple[int, tuple | None]] = {}


def _version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = time.time_ns()
        if not cache.add(VERSION_KEY, version, None):
            version = cache.get(VERSION_KEY, version)  # another process wrote it first
    return version


def forget_sites(**kwargs) -> None:
    """Make every process ask Wagtail again (a Site was saved or deleted)."""

    def write():
        # Replicas first: a process that sees the new version reads the primary until its replica
        # has replayed this change, and never remembers the old row under the new version.
        note_primary_position()
        try:
            cache.set(VERSION_KEY, time.time_ns(), None)
        except CACHE_ERRORS as exc:
            logger.warning("site version not written: %s", exc)

    write()
    transaction.on_commit(write)


def site_for_request(request) -> Site | None:
    """Wagtail's `Site.find_for_request` answer, from this process's memory while the sites are unchanged.

    A new `Site` instance each time (its row copied), so that what one request attaches to it never
    reaches another.
    """
    if settings.DATABASE_ROUTERS:
        # With read replicas, Wagtail's own lookup, on the database the request reads.
        return Site._find_for_request(request)
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()
    try:
        version = _version()
    except CACHE_ERRORS:
        return Site._find_for_request(request)
    key = (hostname, port)
    found = _found.get(key)
    if found is None or found[0] != version:
        site = Site._find_for_request(request)
        row = None if site is None else (site._state.db, tuple(getattr(site, name) for name in _FIELDS))
        if len(_found) >= MAX_HOSTS:
            _found.clear()
        found = _found[key] = (version, row)
    if found[1] is None:
        return None
    # As loaded from its database: an instance that looks unsaved would ask the router where to
    # write when a page is attached to it, and a request that "wrote" reads the primary.
    database, values = found[1]
    return Site.from_db(database, _FIELDS, values)


post_save.connect(forget_sites, sender=Site, dispatch_uid="newsroom.site_lookup.saved")
post_delete.connect(forget_sites, sender=Site, dispatch_uid="newsroom.site_lookup.deleted")
