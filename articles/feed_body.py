"""The bodies of a feed's articles, rendered by the block templates of the page.

A feed item carries the whole article. Its heading, paragraph, quote and « Lire aussi » blocks go
through the very templates the article page uses (`templates/blocks/`), so the page and the feed
cannot drift apart. Two kinds of block have a feed template of their own
(`templates/blocks/feed/`), because a feed reader runs no script and loads no frame: an image is
one `<img>` at a fixed width (no `srcset`, no lazy loading) and an embed is a plain link to the
video or post (no oEmbed lookup, no iframe). The partners strip is advertising and stays on the
site. Every site-relative `href` and `src` is then made absolute: a feed has no base URL.

Everything the bodies point at is loaded once for the whole feed (images and their renditions,
« Lire aussi » targets, internal links of the rich text), whatever the number of items.
"""

import re

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from wagtail.rich_text import expand_db_html

from articles.article_body import IMAGE_BLOCK, READ_ALSO_BLOCK, load_images, prepared_body
from articles.models import ArticlePage
from articles.renditions import attach_renditions
from newsroom.restrictions import public_pages

# The enclosure: the social-card size, the one every reader and aggregator knows how to crop.
ENCLOSURE_RENDITION = "fill-1200x630"
BODY_RENDITION = "width-960"
FIGURE_TEMPLATE = "blocks/feed/figure.html"
EMBED_TEMPLATE = "blocks/feed/embed.html"
LEFT_OUT = ("partner_strip",)
# Splits the rich text of every item, expanded in one pass so that internal links cost one
# lookup for the whole feed instead of one per item. An HTML comment never survives from the
# editor (Draftail strips them), so it cannot collide with content.
_SPLIT = "<!--newsroom-feed-split-->"
# href and src values that are site-relative paths (not protocol-relative `//host/…`).
_RELATIVE_URL = re.compile(r'(\s(?:href|src)=")(/(?!/)[^"]*)"')


def base_url(request) -> str:
    """`https://host` of the request: links in feeds and sitemaps must be absolute."""
    return f"{request.scheme}://{request.get_host()}"


def absolutize(html: str, base: str) -> str:
    """Site-relative `href` and `src` made absolute: a feed reader has no base URL to resolve them."""
    return _RELATIVE_URL.sub(lambda match: f'{match.group(1)}{base}{match.group(2)}"', html)


class FeedBodies:
    """Renders the bodies of many articles with one lookup per kind of related object."""

    def __init__(self, articles, request):
        self.request = request
        self.base = base_url(request)
        image_ids = {article.hero_image_id for article in articles if article.hero_image_id}
        target_ids = set()
        paragraphs = []
        for article in articles:
            for block in article.body.raw_data:
                value = block["value"] or {}
                if block["type"] == IMAGE_BLOCK and value.get("image"):
                    image_ids.add(value["image"])
                elif block["type"] == READ_ALSO_BLOCK and value.get("article"):
                    target_ids.add(value["article"])
                elif block["type"] == "paragraph":
                    paragraphs.append(value or "")
        self.images = load_images(image_ids)
        # Renditions from Wagtail's cache, else one query for all (articles/renditions.py).
        attach_renditions([(image, (ENCLOSURE_RENDITION, BODY_RENDITION)) for image in self.images.values()])
        # Only live, public targets: a « Lire aussi » to a draft or private page is left out, as on the site.
        self.targets = public_pages(ArticlePage.objects.live()).defer_streamfields().in_bulk(target_ids) if target_ids else {}
        # Every paragraph expanded at once: one query per kind of internal link for the whole feed.
        self.paragraphs = iter(expand_db_html(_SPLIT.join(paragraphs)).split(_SPLIT) if paragraphs else [])

    def rendition(self, image, spec):
        """A rendition, or None when the image is gone or its file is missing on the storage.

        A lost media file must cost one picture, not the whole feed.
        """
        if image is None:
            return None
        try:
            return image.get_rendition(spec)
        except OSError:  # SourceImageIOError included
            return None

    def hero(self, article):
        """The enclosure rendition of the article's hero image, or None."""
        return self.rendition(self.images.get(article.hero_image_id), ENCLOSURE_RENDITION)

    def render(self, article, hero) -> str:
        """The article's hero figure and body as absolute HTML (call in the order given to __init__)."""
        context = {"request": self.request, "page": article}
        parts = [self._figure(hero, article.hero_alt, article.hero_caption, article.hero_credit)]
        body = prepared_body(article.body, images=self.images, articles=self.targets, leave_out=LEFT_OUT)
        for child in body:
            if child.block_type == "paragraph":
                # The paragraph template, on the text already expanded with the others.
                parts.append(child.block.render(mark_safe(next(self.paragraphs)), context))  # noqa: S308 - our rich text
            elif child.block_type == IMAGE_BLOCK:
                value = child.value
                parts.append(self._figure(self.rendition(value["image"], BODY_RENDITION), value["alt"], value["caption"], value["credit"]))
            elif child.block_type == "embed":
                parts.append(render_to_string(EMBED_TEMPLATE, {"value": child.value}))
            else:
                parts.append(child.render(context))
        return absolutize("\n".join(part.strip() for part in parts if part.strip()), self.base)

    def _figure(self, rendition, alt, caption, credit) -> str:
        return render_to_string(FIGURE_TEMPLATE, {"rendition": rendition, "alt": alt, "caption": caption, "credit": credit})
