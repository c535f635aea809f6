"""Purge requests to Varnish that cannot hold up a publication.

Wagtail's HTTPBackend opens each PURGE without a timeout: a Varnish that accepts the connection
and never answers would block the editor's « Publier » for good. This backend sends the same
request with a short timeout, and logs instead of raising, as Wagtail's does.
"""

import logging
from urllib.error import URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from django.conf import settings

from wagtail import __version__
from wagtail.contrib.frontend_cache.backends.http import HTTPBackend, PurgeRequest

logger = logging.getLogger("wagtail.frontendcache")


class TimeoutHTTPBackend(HTTPBackend):
    """Wagtail's HTTP purge backend with a timeout (NEWSROOM_EDGE_PURGE_TIMEOUT seconds)."""

    def purge(self, url):
        parsed = urlsplit(url)
        host = f"{parsed.hostname}:{parsed.port}" if parsed.port else parsed.hostname
        target = urlunsplit([self.cache_scheme, self.cache_netloc, parsed.path, parsed.query, ""])
        request = PurgeRequest(url=target, headers={"Host": host, "User-Agent": f"Wagtail-frontendcache/{__version__}"})
        try:
            # The scheme comes from our own NEWSROOM_VARNISH_URL, never from a request.
            with urlopen(request, timeout=settings.NEWSROOM_EDGE_PURGE_TIMEOUT):  # noqa: S310
                pass
        except (URLError, OSError) as error:  # HTTPError is a URLError; timeouts are OSErrors
            logger.error("Couldn't purge '%s' from the edge cache: %s", url, error)
