"""Read replicas: anonymous public reads go to a PostgreSQL streaming replica, the rest to the primary.

Turned on by `DATABASE_REPLICA_URLS` (comma-separated): each URL becomes `DATABASES["replica_N"]`
(`newsroom/settings/env.py`), `ReplicaRouter` joins DATABASE_ROUTERS and `ReplicaReadMiddleware` the
middleware. Without the variable none of this is installed: no extra query, the same budgets.

Who reads where. The middleware marks, in a context variable, the requests that may read a
replica: GET or HEAD, no session cookie, no Authorization header, outside the admin and the other
paths the page cache never serves (pages, feeds, sitemaps, search and the read API qualify). The
router sends their reads to one replica, chosen once per request; every write goes to the primary,
and so does every read after a write in the same request or inside a transaction. Logged-in users
(a session cookie), the admin, commands, the scheduler and the workers read the primary.

Stale re-caching. A publication purges the page cache after its commit; a replica replays that
commit later (streaming lag, or `recovery_min_apply_delay`). A reader arriving in between would
render the old rows and store them under the new version for a day. So every purge first records
the primary's WAL position (`pg_current_wal_lsn()`) in the shared cache (`note_primary_position`,
called by newsroom/cache_purge.py before it writes the new versions), and a request reads a
replica only once that replica's `pg_last_wal_replay_lsn()` has passed it; until then it reads
the primary. Chosen over « the primary for N seconds after a purge » because it is exact: it
holds whatever the lag (a replica minutes behind during a long vacuum included) and costs the
primary nothing once the replica has caught up. The check costs one cache read per request that
queries, and one one-row query on the replica only while this process has not yet seen the replica
past the recorded position (replay positions only grow, so the last one seen is remembered).
Caches rebuilt by readers (the chrome, the partner block) benefit alike: their invalidations come
with a purge.

A replica that is down: a failed check marks it down in this process for
`NEWSROOM_REPLICA_RETRY_SECONDS` and the request reads the primary; a replica lost in the middle of
a request (its answer is a 500 or the 503 page, and a probe of the replica fails) makes the
middleware serve that read-only request again from the primary. Readers never see a 500 for it.
"""

import contextlib
import contextvars
import logging
import random
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

from newsroom.outage import DATABASE_LOST
from newsroom.page_cache import CACHE_ERRORS, is_anonymous_public_read
from newsroom.settings.env import REPLICA_PREFIX

logger = logging.getLogger("newsroom.replicas")

# The primary's WAL position at the latest purge, as an integer (shared by every process).
PURGE_POSITION_KEY = "newsroom:replica:purge-lsn"
_REPLICA_ERRORS = (DatabaseError, *DATABASE_LOST)

_state: contextvars.ContextVar["ReadState | None"] = contextvars.ContextVar("newsroom_replica_reads", default=None)
# Per process: the highest replay position seen on each replica, and until when a replica is down.
_replayed: dict[str, int] = {}
_down_until: dict[str, float] = {}


def replica_aliases() -> list[str]:
    """The configured replicas' aliases (empty without DATABASE_REPLICA_URLS)."""
    return [alias for alias in settings.DATABASES if alias.startswith(REPLICA_PREFIX)]


def parse_lsn(text: str | None) -> int | None:
    """A PostgreSQL LSN (« 16/B374D848 ») as an integer, None for NULL."""
    if not text:
        return None
    high, low = str(text).split("/")
    return (int(high, 16) << 32) + int(low, 16)


def note_primary_position() -> None:
    """Record the primary's current WAL position as the one replicas must reach before serving reads.

    Called by every purge after its commit, before the new versions are written: a reader that
    sees a new version therefore sees this position too. No-op (no query) without replicas. Two
    processes purging at the same instant may write in either order; the larger value is kept
    unless both read the key before either wrote it (a window of microseconds).
    """
    if not replica_aliases():
        return
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT pg_current_wal_lsn()::text")
            position = parse_lsn(cursor.fetchone()[0])
        known = cache.get(PURGE_POSITION_KEY) or 0
        if position is not None and position > known:
            cache.set(PURGE_POSITION_KEY, position, None)
    except (*_REPLICA_ERRORS, *CACHE_ERRORS):
        logger.exception("could not record the primary's WAL position: replicas may serve an old page for their lag")


def _is_down(alias: str) -> bool:
    return _down_until.get(alias, 0.0) > time.monotonic()


def mark_down(alias: str, reason: object) -> None:
    """Read the primary instead of `alias` in this process for NEWSROOM_REPLICA_RETRY_SECONDS."""
    _down_until[alias] = time.monotonic() + settings.NEWSROOM_REPLICA_RETRY_SECONDS
    summary = (str(reason).strip().splitlines() or [""])[0][:200]
    logger.warning("replica %s unavailable, reading the primary: %s", alias, summary)
    with contextlib.suppress(*_REPLICA_ERRORS):
        connections[alias].close()


def _replay_position(alias: str) -> int:
    """How far `alias` has replayed the primary's WAL (a server that is not a standby: everything)."""
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn()::text")
        in_recovery, replayed = cursor.fetchone()
    if not in_recovery:
        return 2**64
    return parse_lsn(replayed) or 0


def _caught_up(alias: str, needed: int) -> bool:
    if _replayed.get(alias, -1) >= needed:
        return True
    try:
        _replayed[alias] = max(_replayed.get(alias, 0), _replay_position(alias))
    except _REPLICA_ERRORS as exc:
        mark_down(alias, exc)
        return False
    return _replayed[alias] >= needed


def choose_replica() -> str:
    """A replica that is up and has replayed the latest purge, or the primary (`default`)."""
    candidates = [alias for alias in replica_aliases() if not _is_down(alias)]
    if not candidates:
        return DEFAULT_DB_ALIAS
    try:
        needed = cache.get(PURGE_POSITION_KEY) or 0
    except CACHE_ERRORS:
        # Without the shared cache the latest purge is unknown: the primary is always fresh.
        return DEFAULT_DB_ALIAS
    random.shuffle(candidates)
    for alias in candidates:
        if _caught_up(alias, needed):
            return alias
    return DEFAULT_DB_ALIAS


@dataclass
class ReadState:
    """What one public request has done: the replica it reads (chosen at its first read), whether it wrote."""

    alias: str | None = None
    wrote: bool = False
    primary_only: bool = False

    def read_alias(self) -> str:
        """Where the next read goes."""
        if self.wrote or self.primary_only or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        if self.alias is None:
            self.alias = choose_replica()
        return self.alias


class ReplicaRouter:
    """Reads of marked public requests to their replica; everything else, and every write, to the primary."""

    def db_for_read(self, model, **hints):
        state = _state.get()
        return state.read_alias() if state is not None else DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        state = _state.get()
        if state is not None:
            state.wrote = True
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # Replicas hold the primary's data: an object read from one may point at one from the other.
        return True

    def allow_migrate(self, db, app_label, **hints):
        return db == DEFAULT_DB_ALIAS


def _probe(alias: str) -> bool:
    """Whether `alias` answers a trivial query (after a failed request: is the replica the cause?)."""
    try:
        connections[alias].close()
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
    except _REPLICA_ERRORS as exc:
        mark_down(alias, exc)
        return False
    return True


class ReplicaReadMiddleware:
    """Mark anonymous public reads for the router; serve them again from the primary if their replica failed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_anonymous_public_read(request):
            return self.get_response(request)
        state = ReadState()
        token = _state.set(state)
        try:
            response = self.get_response(request)
            replica = state.alias
            if response.status_code >= 500 and replica not in (None, DEFAULT_DB_ALIAS) and not state.wrote and not _probe(replica):
                _state.set(ReadState(primary_only=True))
                response = self.get_response(request)
            return response
        finally:
            _state.reset(token)
