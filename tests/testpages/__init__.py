"""A page type that exists only in the tests (INSTALLED_APPS of newsroom/settings/test.py).

It proves that any page type works by default: routed under a rubrique or the home page, served
through the page cache and purged, without a line of routing or purge code of its own.
"""
