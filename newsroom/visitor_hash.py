"""Who is the same visitor today, without knowing who: a daily salted hash, stored nowhere beyond the day.

Audience counts (partner impressions and clicks, « Les plus lus ») count a visitor once per day
without cookies or personal data, as privacy-first analytics do (CNIL exemption): a visitor is
known only by a keyed hash of their address and User-Agent under a random salt of the Paris day.
The salt lives in the shared cache only and expires at midnight, Paris time, so yesterday's hashes
can never be linked to today's nor reversed; callers keep the hash in the cache (a « seen » mark
that expires at midnight too), never in the database.
"""

import datetime
import hashlib
import hmac
import secrets
from zoneinfo import ZoneInfo

from django.core.cache import cache
from django.utils import timezone

from newsroom.login_throttling import client_ip_address

PARIS = ZoneInfo("Europe/Paris")
SALT_KEY = "visitor-hash:salt:{day}"


def paris_day() -> datetime.date:
    """Today's date in Paris: the day a salt belongs to."""
    return timezone.now().astimezone(PARIS).date()


def seconds_until_paris_midnight() -> int:
    """Seconds left in today's Paris day (at least 1): how long a salt or a « seen » mark may live."""
    now = timezone.now().astimezone(PARIS)
    midnight = datetime.datetime.combine(now.date() + datetime.timedelta(days=1), datetime.time(), tzinfo=PARIS)
    return max(1, int((midnight - now).total_seconds()) + 1)


def daily_salt(day: datetime.date | None = None) -> bytes:
    """The random salt of `day` (today), created by whichever process needs it first (cache.add is atomic)."""
    key = SALT_KEY.format(day=(day or paris_day()).isoformat())
    cache.add(key, secrets.token_hex(32), timeout=seconds_until_paris_midnight())
    salt = cache.get(key)
    # A cache that lost the key between add and get (eviction) still gives a usable, unlinkable salt.
    return (salt or secrets.token_hex(32)).encode()


def keyed_digest(*parts: str) -> str:
    """HMAC-SHA256 of `parts` under today's salt: meaningless after midnight."""
    return hmac.new(daily_salt(), "\x1f".join(parts).encode(), hashlib.sha256).hexdigest()


def visitor_digest(request, *parts: str) -> str:
    """A keyed hash of the visitor (address and User-Agent) and `parts`, meaningless after today."""
    return keyed_digest(client_ip_address(request) or "", request.headers.get("User-Agent", ""), *parts)


def first_visit_today(request, *parts: str, prefix: str) -> bool:
    """True the first time today this visitor does `parts` (e.g. sees a partner in a placement).

    The mark is kept under `prefix` in the shared cache until Paris midnight, so every process agrees.
    """
    return cache.add(f"{prefix}:{visitor_digest(request, *parts)}", 1, timeout=seconds_until_paris_midnight())
