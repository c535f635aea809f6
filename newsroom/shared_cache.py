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
"""

import os
import tempfile

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.files.move import file_move_safe

CULL_EVERY = 50


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
