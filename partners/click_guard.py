"""Honest click counts without personal data: one visitor counts once per partner, placement and day.

A visitor is known only by a keyed hash of their address and User-Agent under a salt of the day
(as privacy-first analytics do): the salt is random, lives in the shared cache only and expires at
midnight, Paris time, so yesterday's hashes can never be linked to today's, nor reversed, and no
address, User-Agent or hash is ever written to the database. The endpoint is also rate-limited per
(hashed) address, so a script cannot make the server work for it without limit.
"""

import datetime
import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from newsroom.login_throttling import client_ip_address
from partners.models import PARIS, paris_today

SALT_KEY = "partners:click-salt:{day}"
SEEN_KEY = "partners:click-seen:{digest}"
RATE_KEY = "partners:click-rate:{digest}:{window}"
RATE_WINDOW_SECONDS = 60


def seconds_until_paris_midnight() -> int:
    """Seconds left in today's Paris day (at least 1): how long a salt or a « seen » mark may live."""
    now = timezone.now().astimezone(PARIS)
    midnight = datetime.datetime.combine(now.date() + datetime.timedelta(days=1), datetime.time(), tzinfo=PARIS)
    return max(1, int((midnight - now).total_seconds()) + 1)


def daily_salt(day: datetime.date) -> bytes:
    """The random salt of `day`, created by whichever process needs it first (cache.add is atomic)."""
    key = SALT_KEY.format(day=day.isoformat())
    cache.add(key, secrets.token_hex(32), timeout=seconds_until_paris_midnight())
    salt = cache.get(key)
    # A cache that lost the key between add and get (eviction) still gives a usable, unlinkable salt.
    return (salt or secrets.token_hex(32)).encode()


def visitor_digest(request, *parts: str) -> str:
    """A keyed hash of the visitor (address and User-Agent) and `parts`, meaningless after today."""
    day = paris_today()
    message = "\x1f".join([client_ip_address(request) or "", request.headers.get("User-Agent", ""), *parts])
    return hmac.new(daily_salt(day), message.encode(), hashlib.sha256).hexdigest()


def click_is_first_today(request, *, partner_id: int, placement: str) -> bool:
    """True the first time today this visitor clicks this partner in this placement."""
    key = SEEN_KEY.format(digest=visitor_digest(request, str(partner_id), placement))
    return cache.add(key, 1, timeout=seconds_until_paris_midnight())


def click_rate_exceeded(request) -> bool:
    """True when this address made more than NEWSROOM_CLICK_RATE_LIMIT clicks in the current minute."""
    window = int(timezone.now().timestamp()) // RATE_WINDOW_SECONDS
    # The address alone (not the User-Agent): changing one's User-Agent must not reset the limit.
    day = paris_today()
    digest = hmac.new(daily_salt(day), (client_ip_address(request) or "").encode(), hashlib.sha256).hexdigest()
    key = RATE_KEY.format(digest=digest, window=window)
    cache.add(key, 0, timeout=RATE_WINDOW_SECONDS * 2)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr: start again
        cache.set(key, 1, timeout=RATE_WINDOW_SECONDS * 2)
        count = 1
    return count > settings.NEWSROOM_CLICK_RATE_LIMIT
