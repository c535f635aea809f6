"""Deployment tests: real varnishd (Debian's `varnish`) and gunicorn processes on loopback ports."""


def pytest_configure(config):
    """Register the `edge` marker here, so `pytest -m edge` (or `-m "not edge"`) selects these tests."""
    config.addinivalue_line("markers", "edge: starts a real varnishd in front of the app (tests/deploy/)")
