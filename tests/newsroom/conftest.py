"""Fixtures shared by the page-cache and purge tests."""

import pytest

from newsroom.cache_purge import paths_purged


@pytest.fixture
def purged():
    """Every purge during the test, as a list of path sets."""
    calls = []

    def record(sender, paths, **kwargs):
        # The read API purges its own paths in a call of its own (api/purge.py, tests/api/).
        if not all(path.startswith("/api/") for path in paths):
            calls.append(set(paths))

    paths_purged.connect(record)
    yield calls
    paths_purged.disconnect(record)
