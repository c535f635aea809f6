"""The default cache without Redis (newsroom/shared_cache.py): one folder, every process, bounded."""

import os
import pickle
import time
import zlib

from newsroom.shared_cache import CULL_EVERY, SharedFileCache


def caches(tmp_path, max_entries=100):
    """Two cache objects on one folder: what two processes of the host see."""
    return [SharedFileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": max_entries}}) for _ in range(2)]


def test_what_one_process_writes_or_deletes_the_other_sees_at_once(tmp_path):
    worker, scheduler = caches(tmp_path)
    worker.set("page", "ancienne version", 3600)
    assert scheduler.get("page") == "ancienne version"
    scheduler.set_many({"page": "nouvelle version", "version:/": 42}, None)
    assert worker.get_many(["page", "version:/"]) == {"page": "nouvelle version", "version:/": 42}
    scheduler.delete("page")
    assert worker.get("page") is None


def test_the_folder_stays_bounded(tmp_path):
    cache, _ = caches(tmp_path, max_entries=100)
    for number in range(1000):
        cache.set(f"page-{number}", "x" * 100, 3600)
    files = [name for name in os.listdir(tmp_path) if name.endswith(".djcache")]
    assert len(files) <= 100 + CULL_EVERY
    cache.set_many({f"version-{number}": number for number in range(30)}, None)
    assert len([name for name in os.listdir(tmp_path) if name.endswith(".djcache")]) <= 100 + CULL_EVERY + 30


def test_entries_are_stored_uncompressed_and_compressed_ones_still_read(tmp_path):
    cache, other = caches(tmp_path)
    page = ("version", 200, [("Content-Type", "text/html")], "<p>L’article</p>".encode() * 500, "/")
    cache.set("page", page, 3600)
    (path,) = tmp_path.glob("*.djcache")
    stored = path.read_bytes()
    assert page[3] in stored  # plain bytes on disk, no zlib round trip on each hit
    # An entry written by Django's own FileBasedCache (expiry, then zlib-compressed pickle).
    path.write_bytes(pickle.dumps(time.time() + 60, pickle.HIGHEST_PROTOCOL) + zlib.compress(pickle.dumps(page, pickle.HIGHEST_PROTOCOL)))
    assert other.get("page") == page


def test_an_expired_entry_is_missing_and_removed(tmp_path):
    cache, other = caches(tmp_path)
    cache.set("page", "ancienne version", 3600)
    assert other.touch("page", 1)
    assert cache.get("page") == "ancienne version"
    (path,) = tmp_path.glob("*.djcache")
    os.utime(path)  # the entry's own expiry is what counts, not the file's dates
    cache.set("old", "périmée", -1)
    assert other.get("old", "absente") == "absente"
    assert len(list(tmp_path.glob("*.djcache"))) == 1
    assert other.touch("old") is False
