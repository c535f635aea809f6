"""`{% feed_links %}`: the `<link rel="alternate">` tags announcing the feeds of the current page."""

from django import template
from django.utils.html import format_html, format_html_join

from articles.feeds import feed_url
from articles.models import ArticlePage, SectionPage

register = template.Library()

FORMATS = (("rss", "application/rss+xml", "RSS"), ("atom", "application/atom+xml", "Atom"))


def page_feeds(context) -> list[tuple[str, str | None, str]]:
    """(kind, slug, label) of every feed matching the page: the whole site first, then its subject."""
    feeds = [("site", None, "Tous les articles")]
    page = context.get("page")
    if isinstance(page, ArticlePage):
        # An article advertises its rubrique's feeds, so feed readers find them from the article.
        chrome = context.get("chrome")
        page = chrome.section_of(page) if chrome is not None else None
    if isinstance(page, SectionPage):
        feeds.append(("rubrique", page.slug, f"Rubrique {page.title}"))
    tag = context.get("tag")
    if tag is not None and getattr(tag, "slug", None):
        feeds.append(("tag", tag.slug, f"Mot-clé {tag.name}"))
    author = context.get("author")
    if author is not None and getattr(author, "slug", None):
        feeds.append(("auteur", author.slug, f"Articles de {author.name}"))
    entity = context.get("entity")
    if entity is not None and getattr(entity, "slug", None):
        feeds.append(("entite", entity.slug, f"Articles sur {entity.name}"))
    return feeds


@register.simple_tag(takes_context=True)
def feed_links(context):
    """RSS and Atom links for the site and for the rubrique, tag, author or entity shown. No query."""
    rows = [
        (mime_type, f"{label} ({name})", feed_url(kind, fmt, slug))
        for kind, slug, label in page_feeds(context)
        for fmt, mime_type, name in FORMATS
    ]
    return format_html_join("\n", '<link rel="alternate" type="{}" title="{}" href="{}">', rows) or format_html("")
