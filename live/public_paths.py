"""What to purge for a live page beyond what every page gets (its URL, its rubrique, referrers).

Its update fragment and feed (new updates, corrections), the home page (the « En direct » strip)
and the Google News sitemap.
"""

from datetime import timedelta

from django.db.models import Q
from django.urls import reverse

from newsroom.cache_purge import register_page_paths
from newsroom.feature_hooks import register_listing_block, register_news_entries
from newsroom.routing import SiteRoots

# Google News takes pages of the last two days (the same window as the articles' news sitemap).
NEWS_WINDOW = timedelta(hours=48)
NEWS_LIMIT = 100


def live_paths(page, roots: SiteRoots | None = None) -> set[str]:
    """The page, its fragment of updates and its feed: what a posted update changes."""
    own = (roots or SiteRoots()).path(page.url_path)
    return {*([own] if own else []), reverse("live_updates", args=[page.pk]), reverse("live_feed", args=[page.pk])}


def live_page_paths(pages, *, leaving: bool) -> set[str]:
    """A live page's own routes, the home page's strip and the Google News sitemap."""
    roots = SiteRoots()
    paths = {"/", "/sitemap-news.xml"}
    for page in pages:
        paths |= live_paths(page, roots)
    return paths


def news_entries(now) -> list:
    """Live pages for the Google News sitemap: those first published in its 48-hour window, or
    still running (a live page is news for as long as it runs)."""
    from live.models import LivePage
    from newsroom.restrictions import public_pages

    recent = Q(first_published_at__gte=now - NEWS_WINDOW) | Q(state=LivePage.State.RUNNING)
    pages = public_pages(LivePage.objects.live()).filter(recent, first_published_at__lte=now).order_by("-first_published_at")[:NEWS_LIMIT]
    return [(page, page.first_published_at) for page in pages]


def connect() -> None:
    """Wire this app's public paths into the page-cache purge (named in its app config's `connects`)."""
    from live.listing import live_strip
    from live.models import LivePage

    register_page_paths(LivePage, live_page_paths)
    register_listing_block(live_strip)
    register_news_entries(news_entries)
