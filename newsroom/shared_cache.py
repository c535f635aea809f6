"""The default cache without Redis: files in one folder, shared by every process of the host.

A memory cache per process cannot be purged by another process: with `make serve` (two gunicorn
workers and the scheduler) a publication made by one worker, the scheduler or a `manage.py`
command would reach only its own memory, and the other worker would serve the old page for a day.
Files in one folder are seen by every process at once; the operating system keeps the hot ones in
memory. Writes are atomic (a temporary file renamed over the entry), so a reader never sees half an
entry.

Django's FileBasedCache lists the whole folder before every write to decide whether to cull; with
thousands of pages that makes a purge of a few hundred paths cost seconds. Here the folder is listed
at most once per `set_many` and once every `CULL_EVERY` single writes of a process: the cache may
pass MAX_ENTRIES by that many entries per process before it is culled, never more.

Values are stored pickled but not compressed: a page-cache hit reads three entries, and Django's
zlib round trip on a 25 KB page was a fifth of the time of a hit. The folder takes about four times
the room (5,000 pages ≈ 120 MB); entries written compressed by an earlier version are still read.
"""

import io
import os
import pickle
import tempfile
import time
import zlib

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.files.move import file_move_safe

CULL_EVERY = 50
READ_CHUNK = 1 << 20
# A zlib stream starts with 0x78 ("x"); a pickle of protocol 2 or later with 0x80.
_ZLIB_HEADER = b"x"
_MISSING = object()


class SharedFileCache(FileBasedCache):
    """FileBasedCache with culling checked every `CULL_EVERY` writes and once per `set_many`."""

    def __init__(self, dir, params):
        super().__init__(dir, params)
        self._writes_since_cull = 0

    def _maybe_cull(self) -> None:
        self._writes_since_cull += 1
        if self._writes_since_cull >= CULL_EVERY:
            self._writes_since_cull = 0
            self._cull()

    def validate_key(self, key) -> None:
        """Accept any key: files are named by the key's digest, so its length and characters never
        matter (Django's check, meant for memcached, scans every character of every key read)."""

    def get(self, key, default=None, version=None):
        """The value stored under `key`, or `default` when it is missing or expired."""
        return self._value(self._key_to_file(key, version), default)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        """Give `key` a new timeout (rewritten atomically, like any other write)."""
        value = self._value(self._key_to_file(key, version), _MISSING)
        if value is _MISSING:
            return False
        self._write(key, value, timeout, version)
        return True

    def _value(self, fname: str, default):
        try:
            data = _read(fname)
        except FileNotFoundError:
            return default
        found = io.BytesIO(data)
        expiry = pickle.load(found)  # noqa: S301 - our own cache folder, written only by this code
        if expiry is not None and expiry < time.time():
            self._delete(fname)
            return default
        return _loads(memoryview(data)[found.tell() :])

    def _write_content(self, file, timeout, value) -> None:
        file.write(pickle.dumps(self.get_backend_timeout(timeout), self.pickle_protocol))
        file.write(pickle.dumps(value, self.pickle_protocol))

    def _write(self, key, value, timeout, version) -> None:
        fname = self._key_to_file(key, version)
        fd, tmp_path = tempfile.mkstemp(dir=self._dir)
        renamed = False
        try:
            with open(fd, "wb") as f:
                self._write_content(f, timeout, value)
            file_move_safe(tmp_path, fname, allow_overwrite=True)
            renamed = True
        finally:
            if not renamed:
                os.remove(tmp_path)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        """Store `value` (atomically: a renamed temporary file)."""
        self._createdir()  # the folder may be deleted at any time
        self._maybe_cull()
        self._write(key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        """Store every pair, checking the folder's size once rather than once per key."""
        self._createdir()
        self._writes_since_cull = 0
        self._cull()
        for key, value in data.items():
            self._write(key, value, timeout, version)
        return []


def _read(fname: str) -> bytes:
    """The whole file, read with bare system calls: a page-cache hit reads three entries, and this
    takes half the time of Django's buffered read followed by a pickle load from the file object."""
    fd = os.open(fname, os.O_RDONLY)
    try:
        chunks = []
        while chunk := os.read(fd, READ_CHUNK):
            chunks.append(chunk)
    finally:
        os.close(fd)
    return b"".join(chunks)


def _loads(data):
    if data[:1] == _ZLIB_HEADER:
        data = zlib.decompress(data)
    return pickle.loads(data)  # noqa: S301 - our own cache folder, written only by this code
