"""Honest counts without personal data: one visitor counts once per partner, placement and day.

The visitor is known only by the daily salted hash of `newsroom.visitor_hash` (nothing written to
the database). The public endpoints are also rate-limited per (hashed) address, so a script cannot
make the server work for it without limit.
"""

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from newsroom.login_throttling import client_ip_address
from newsroom.visitor_hash import first_visit_today, keyed_digest

RATE_KEY = "partners:{kind}-rate:{digest}:{window}"
# A page view sends one impression request per partner block; a reader browsing fast, or an office
# behind one address, makes many more of them than clicks.
IMPRESSION_RATE_FACTOR = 10
RATE_WINDOW_SECONDS = 60


def click_is_first_today(request, *, partner_id: int, placement: str) -> bool:
    """True the first time today this visitor clicks this partner in this placement."""
    return first_visit_today(request, str(partner_id), placement, prefix="partners:click-seen")


def impression_is_first_today(request, *, partner_id: int, placement: str) -> bool:
    """True the first time today this visitor is shown this partner in this placement."""
    return first_visit_today(request, str(partner_id), placement, prefix="partners:seen")


def click_rate_exceeded(request) -> bool:
    """True when this address made more than NEWSROOM_CLICK_RATE_LIMIT clicks in the current minute."""
    return _rate_exceeded(request, kind="click", limit=settings.NEWSROOM_CLICK_RATE_LIMIT)


def impression_rate_exceeded(request) -> bool:
    """True when this address sent more impression requests this minute than a reader could."""
    return _rate_exceeded(request, kind="seen", limit=settings.NEWSROOM_CLICK_RATE_LIMIT * IMPRESSION_RATE_FACTOR)


def _rate_exceeded(request, *, kind: str, limit: int) -> bool:
    window = int(timezone.now().timestamp()) // RATE_WINDOW_SECONDS
    # The address alone (not the User-Agent): changing one's User-Agent must not reset the limit.
    key = RATE_KEY.format(kind=kind, digest=keyed_digest(client_ip_address(request) or ""), window=window)
    cache.add(key, 0, timeout=RATE_WINDOW_SECONDS * 2)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr: start again
        cache.set(key, 1, timeout=RATE_WINDOW_SECONDS * 2)
        count = 1
    return count > limit
