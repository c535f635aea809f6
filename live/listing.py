"""The « En direct » strip at the top of the home page and the rubrique of a running live page.

The running lives of the site are kept in the shared cache (one query when missing) and forgotten
when a live page is published, unpublished, moved or deleted (live/signals.py), so a listing costs
no query for them in the steady state.
"""

from django.core.cache import cache
from django.template.loader import render_to_string

from live.selectors import running_lives
from newsroom.routing import SiteRoots

CACHE_KEY = "newsroom:live:running:v1"
# A safety net only (a view restriction added above a running live): the signals forget it at once.
CACHE_SECONDS = 10 * 60


def running_entries() -> list[tuple[str, str, str]]:
    """(tree path, title, site-relative URL) of every running, live, public live page."""
    entries = cache.get(CACHE_KEY)
    if entries is None:
        roots = SiteRoots()
        rows = running_lives().values_list("path", "title", "url_path")
        entries = [(path, title, url) for path, title, url_path in rows if (url := roots.path(url_path))]
        cache.set(CACHE_KEY, entries, CACHE_SECONDS)
    return entries


def forget_running() -> None:
    """Drop the cached list (a live page changed state, moved or went away)."""
    cache.delete(CACHE_KEY)


def live_strip(request, page) -> str:
    """The strip for a listing page: the running lives below it (home page: all of the site's)."""
    if page is None or not getattr(page, "path", None):
        return ""
    lives = [(title, url) for path, title, url in running_entries() if path.startswith(page.path)]
    if not lives:
        return ""
    return render_to_string("live/includes/strip.html", {"lives": lives})
