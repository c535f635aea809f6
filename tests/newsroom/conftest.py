"""Fixtures shared by the page-cache and purge tests."""

import pytest

from newsroom.cache_purge import paths_purged


@pytest.fixture
def purged():
    """Every purge during the test, as a list of path sets."""
    calls = []

    def record(sender, paths, **kwargs):
        # The read API's paths are checked in tests/api/: these tests look at the HTML site.
        site = {path for path in paths if not path.startswith("/api/")}
        if site:
            calls.append(site)

    paths_purged.connect(record)
    yield calls
    paths_purged.disconnect(record)
