"""What feature apps add to pages and sitemaps another app serves, without either importing the other.

- `register_listing_block(fn)`: `fn(request, page)` returns HTML (safe) shown at the top of the home
  page and rubrique listings (`{% listing_blocks page %}` of newsroom's `feature_hooks` library),
  for instance the « En direct » strip of live/. It must cost no query in the steady state.
- `register_news_entries(fn)`: `fn(now)` returns `(page, published_at)` pairs of pages that belong in
  the Google News sitemap besides articles.
"""

from collections.abc import Callable

ListingBlock = Callable[..., str]
NewsEntries = Callable[..., list]

_listing_blocks: list[ListingBlock] = []
_news_entries: list[NewsEntries] = []


def register_listing_block(fn: ListingBlock) -> None:
    """Add `fn(request, page) -> html` to the top of listings. Call it from `ready()`."""
    if fn not in _listing_blocks:
        _listing_blocks.append(fn)


def register_news_entries(fn: NewsEntries) -> None:
    """Add `fn(now) -> [(page, published_at)]` to the Google News sitemap. Call it from `ready()`."""
    if fn not in _news_entries:
        _news_entries.append(fn)


def listing_blocks(request, page) -> list[str]:
    """The HTML every registered app adds to the listing of `page`."""
    return [html for fn in _listing_blocks if (html := fn(request, page))]


def news_entries(now) -> list:
    """The extra (page, published_at) pairs of the Google News sitemap."""
    return [entry for fn in _news_entries for entry in fn(now)]
