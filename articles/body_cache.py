"""The article body rendered once per version of what it shows, kept in the shared cache.

Rendering a body means turning its stored JSON into block objects, running each block template,
French typography on every text and, when asked, linking the first mention of each entity: about
a third of an uncached article render. The result depends only on the stored body, the option of
linked mentions and the objects the body points at (images, « Lire aussi » articles, entities),
so the cache key is a digest of exactly those: a new revision, a renamed linked article or a
replaced image gives a new key, and a draft (preview) can never be served to readers under the
published version's key, since its text is part of the key. The shared cache (Redis in
production) makes one render serve every worker and host.
"""

import hashlib
import json

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

# Bump when a block template or the typography changes what a body renders to.
RENDER_VERSION = 2
TIMEOUT = 7 * 24 * 3600


def body_cache_key(article, *, images: dict, articles: dict, entities: list) -> str:
    """The digest of everything the body's HTML depends on (no query: the objects are loaded)."""
    digest = hashlib.sha256()
    digest.update(json.dumps(list(article.body.raw_data), sort_keys=True, default=str).encode())
    digest.update(
        repr(
            (
                RENDER_VERSION,
                article.link_entities_in_body,
                sorted((image.pk, image.file.name, image.focal_point_x, image.focal_point_y) for image in images.values()),
                sorted((page.pk, page.url_path, page.title) for page in articles.values()),
                sorted((entity.pk, entity.slug, tuple(entity.names)) for entity in entities) if article.link_entities_in_body else (),
            )
        ).encode()
    )
    return f"article-body:{digest.hexdigest()}"


def cached_body(key: str) -> tuple[SafeString, int] | None:
    """(HTML, word count) stored under `key`, or None."""
    found = cache.get(key)
    if found is None:
        return None
    html, words = found
    return mark_safe(html), words  # noqa: S308 - HTML we rendered from trusted blocks


def render_body(article, *, overrides: dict, request, key: str) -> SafeString:
    """Render the body's blocks (with the mention links of `overrides`), store it under `key`."""
    html = render_to_string("articles/article_body.html", {"page": article, "body_html": overrides, "request": request}).strip()
    cache.set(key, (str(html), article.word_count), TIMEOUT)
    return mark_safe(html)  # noqa: S308 - rendered by our templates
