"""Writes: counting a click, and forgetting the cached partner blocks when a partner changes."""

import time

from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.db.models import F

from partners.models import ClickCount, Partner, paris_today

GENERATION_KEY = "partners:generation"


def click_record(*, partner: Partner, placement: str) -> None:
    """Add one click for today (Paris): an atomic UPDATE … SET clicks = clicks + 1, row created on first click."""
    day = paris_today()
    rows = ClickCount.objects.filter(partner=partner, placement=placement, day=day)
    if rows.update(clicks=F("clicks") + 1):
        return
    try:
        with transaction.atomic():
            ClickCount.objects.create(partner=partner, placement=placement, day=day, clicks=1)
    except IntegrityError:
        # Another request created today's row between our UPDATE and INSERT: count on it.
        rows.update(clicks=F("clicks") + 1)


def block_cache_generation() -> int:
    """The current generation of cached partner blocks (part of every block's cache key)."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # Lost (never set, or evicted from a full cache): a fresh clock value can never bring
        # back blocks stored under an earlier generation, as restarting from 1 would.
        generation = time.time_ns()
        if not cache.add(GENERATION_KEY, generation, timeout=None):
            generation = cache.get(GENERATION_KEY, generation)  # another process set it first
    return generation


def block_cache_invalidate() -> None:
    """Every cached partner block becomes stale at once, in every process sharing the cache: a
    new generation in the key (a clock value, not an increment, so two processes invalidating at
    once cannot write the same number)."""
    cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def impressions_record(*, partner_ids: list[int], placement: str) -> None:
    """Add one impression for today (Paris) to each partner, in one statement whatever their number.

    `INSERT … ON CONFLICT DO UPDATE SET impressions = impressions + 1` (PostgreSQL and SQLite):
    atomic under concurrent requests, no read before the write.
    """
    if not partner_ids:
        return
    table = connection.ops.quote_name(ClickCount._meta.db_table)
    rows = ", ".join(["(%s, %s, %s, 0, 1)"] * len(partner_ids))
    params = []
    day = paris_today()
    for partner_id in partner_ids:
        params += [partner_id, placement, day]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (partner_id, placement, day, clicks, impressions) VALUES {rows} "  # noqa: S608 - table name from the model, values bound
            f"ON CONFLICT (partner_id, placement, day) DO UPDATE SET impressions = {table}.impressions + 1",
            params,
        )
