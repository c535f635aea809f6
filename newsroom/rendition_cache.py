"""The cache of image renditions: Wagtail's, without rewriting an entry it has just read.

Wagtail's `get_rendition` ends with `cache.set(key, rendition)` every time, also when the
rendition came from that very cache or from the renditions the page prefetched. A home page shows
fifteen images: fifteen writes per render, each a temporary file renamed over the old one in the
shared folder cache (about 1 ms each, a tenth of the page's time), or fifteen Redis round trips.

Here a process remembers, for a while, which rendition it last read or wrote under each key and
skips a write that would store the same rendition again. The memo only ever *skips a write*: reads
always go to the shared cache, so a rendition deleted by another process (its cache entry purged)
is never served from it. If the shared entry was culled meanwhile, other processes miss it and read
the rendition from the database, as they would without any cache.
"""

import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

from newsroom.shared_cache import SharedFileCache

# A write is skipped only if this process saw the same rendition under the key this recently.
REMEMBER_SECONDS = 3600
MAX_REMEMBERED = 20_000


def _identity(value):
    """What tells two cached renditions apart: the image, the filter and the file (a rendition
    read from the cache may carry no primary key, so the row's id is not used)."""
    file = getattr(value, "file", None)
    if not file:
        return None
    return (type(value).__name__, getattr(value, "image_id", None), getattr(value, "filter_spec", None), str(file))


class SkipSameRewriteMixin:
    """A cache backend that does not store again what this process just read or stored."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._seen: dict[str, tuple] = {}

    def _remember(self, key, version, value) -> None:
        identity = _identity(value)
        if identity is None:
            return
        if len(self._seen) >= MAX_REMEMBERED:
            self._seen.clear()
        self._seen[self.make_key(key, version)] = (identity, time.monotonic())

    def _seen_recently(self, key, version, value) -> bool:
        known = self._seen.get(self.make_key(key, version))
        identity = _identity(value)
        return identity is not None and known is not None and known[0] == identity and time.monotonic() - known[1] < REMEMBER_SECONDS

    def get(self, key, default=None, version=None):
        """The shared entry (always read from the cache itself), remembered."""
        value = super().get(key, default, version)
        if value is not default:
            self._remember(key, version, value)
        return value

    def get_many(self, keys, version=None):
        """The shared entries (a page's renditions, read at once by articles/renditions.py), remembered."""
        found = super().get_many(keys, version)
        for key, value in found.items():
            self._remember(key, version, value)
        return found

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        """Store each pair (the database's renditions of a page), remembered."""
        failed = super().set_many(data, timeout, version)
        for key, value in data.items():
            self._remember(key, version, value)
        return failed

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        """Store `value`, unless this process read or stored this same rendition under `key` lately."""
        if self._seen_recently(key, version, value):
            return
        super().set(key, value, timeout, version)
        self._remember(key, version, value)

    def delete(self, key, version=None):
        """Forget and delete (Wagtail purges a deleted rendition's entry)."""
        self._seen.pop(self.make_key(key, version), None)
        return super().delete(key, version)

    def clear(self):
        """Forget everything and empty the cache."""
        self._seen.clear()
        return super().clear()


class FileRenditionCache(SkipSameRewriteMixin, SharedFileCache):
    """Renditions in the shared folder cache (no REDIS_URL)."""


class RedisRenditionCache(SkipSameRewriteMixin, RedisCache):
    """Renditions in Redis."""
