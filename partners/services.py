"""Writes: counting a click, and forgetting the cached partner blocks when a partner changes."""

from django.core.cache import cache
from django.db import IntegrityError, transaction
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
        generation = 1
        cache.add(GENERATION_KEY, generation, timeout=None)
    return generation


def block_cache_invalidate() -> None:
    """Every cached partner block becomes stale at once: bump the generation in the key."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, timeout=None)
