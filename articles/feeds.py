"""RSS 2.0 and Atom feeds: the whole site, a rubrique, a tag, an author, an entity.

Each feed lists the newest live, public articles with their chapô as summary and their whole body
as content. Everything an item needs is loaded up front in a fixed number of queries (authors,
tags, images and renditions, internal links, « Lire aussi » targets), whatever the number of items;
the body goes through the block templates of the page (articles/feed_body.py).
"""

import mimetypes
import re
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.http import Http404
from django.templatetags.static import static
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed, rfc3339_date
from django.utils.html import escape
from django.utils.xmlutils import SimplerXMLGenerator

from taggit.models import Tag

from articles.chrome import load_chrome
from articles.feed_body import FeedBodies, base_url
from articles.models import ArticleAuthor, ArticleEntity, ArticlePage, ArticleTag, Author, SectionPage
from entities.models import Entity
from newsroom.dates import machine_datetime
from newsroom.restrictions import public_pages
from partners.templatetags.partner_tags import sponsor_label

ITEM_COUNT = 30
SPONSORED_CATEGORY = "Contenu sponsorisé"

CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"


# Characters XML 1.0 cannot carry (Django's generator raises on them, a 500 for the whole feed).
# An editor can paste them from a word processor; they have no visible meaning, so they go.
_XML_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(value):
    if isinstance(value, str):
        return _XML_FORBIDDEN.sub("", value)
    if isinstance(value, list | tuple):
        return type(value)(_xml_safe(item) for item in value)
    return value


class XmlSafeFeedMixin:
    """Strip the characters XML 1.0 forbids from the feed's and every item's text."""

    def __init__(self, *args, **kwargs):
        super().__init__(*[_xml_safe(arg) for arg in args], **{key: _xml_safe(value) for key, value in kwargs.items()})

    def add_item(self, *args, **kwargs):
        super().add_item(*[_xml_safe(arg) for arg in args], **{key: _xml_safe(value) for key, value in kwargs.items()})


class MachineDatesFeedMixin:
    """The feed's own date (`lastBuildDate`, Atom `updated`) to the second at the Paris offset:
    Django falls back to now(), in UTC with microseconds, for a feed without entries."""

    def latest_post_date(self):
        return machine_datetime(super().latest_post_date())


class NewsroomRssFeed(MachineDatesFeedMixin, XmlSafeFeedMixin, Rss201rev2Feed):
    """RSS 2.0 with every author as `dc:creator` and the full text in `content:encoded`."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:content": CONTENT_NS, "xmlns:dc": DC_NS}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        # RSS 2.0 has no update date: Atom's, in its namespace (already declared by Django), is the usual extension.
        if item["updateddate"] is not None:
            handler.addQuickElement("atom:updated", rfc3339_date(item["updateddate"]))
        for name in item.get("authors", ()):
            handler.addQuickElement("dc:creator", name)
        if item.get("content"):
            handler.addQuickElement("content:encoded", item["content"])


class NewsroomAtomFeed(MachineDatesFeedMixin, XmlSafeFeedMixin, Atom1Feed):
    """Atom with every author as an `author` element and the full text as `content`, and, like
    Django's RSS, its browser stylesheet (Django writes none for Atom)."""

    def write(self, outfile, encoding):
        handler = SimplerXMLGenerator(outfile, encoding, short_empty_elements=True)
        handler.startDocument()
        for stylesheet in self.feed["stylesheets"] or []:
            handler.processingInstruction("xml-stylesheet", stylesheet)
        handler.startElement("feed", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        handler.endElement("feed")

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name in item.get("authors", ()):
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.endElement("author")
        if item.get("content"):
            handler.addQuickElement("content", item["content"], {"type": "html"})


@dataclass
class FeedSubject:
    """What a feed is about, with the request: Feed instances are shared between threads."""

    request: object
    title: str
    link: str
    description: str
    filters: dict = field(default_factory=dict)
    section: SectionPage | None = None


@dataclass
class FeedItem:
    """An article with everything its entry shows, computed before the feed is written."""

    title: str
    link: str
    guid: str
    pubdate: datetime | None
    updateddate: datetime | None
    authors: list[str]
    categories: list[str]
    description: str
    content: str
    enclosure: Enclosure | None


def absolute_url(url: str, base: str) -> str:
    """`url` with the scheme and host of `base` when it is a site-relative path."""
    return base + url if url.startswith("/") and not url.startswith("//") else url


def feed_articles(*, filters: dict | None = None, section: SectionPage | None = None, limit: int = ITEM_COUNT) -> list[ArticlePage]:
    """The newest live, public articles of a feed, with bylines, tags and sponsor in a fixed number of queries.

    Filters go through a subquery of ids so that an article linked twice to the same entity or
    author is listed once.
    """
    queryset = public_pages(ArticlePage.objects.live())
    if section is not None:
        queryset = queryset.child_of(section)
    if filters:
        queryset = queryset.filter(pk__in=ArticlePage.objects.filter(**filters).values("pk"))
    return list(
        queryset.select_related("sponsor")
        .prefetch_related(
            Prefetch("article_authors", queryset=ArticleAuthor.objects.select_related("author").order_by("sort_order")),
            Prefetch("tagged_items", queryset=ArticleTag.objects.select_related("tag").order_by("tag__name")),
        )
        .order_by("-first_published_at", "-pk")[:limit]
    )


def build_items(articles, request) -> list[FeedItem]:
    """Feed entries for `articles`, with every lookup done once for all of them."""
    renderer = FeedBodies(articles, request)
    base = renderer.base
    host = request.get_host().split(":")[0]
    items = []
    for article in articles:
        hero = renderer.hero(article)
        tags = [tagged.tag.name for tagged in article.tagged_items.all()]
        description = escape(article.chapo)
        if article.sponsor_id:
            # The label readers see on the site, in the summary and as a category aggregators can filter on.
            description = f"[Contenu sponsorisé — {escape(sponsor_label(article.sponsor))}] {description}"
            tags.append(SPONSORED_CATEGORY)
        enclosure = None
        if hero is not None:
            # The length is the size of the rendition's file (a stat on the storage, no query).
            try:
                length = hero.file.size
            except OSError:
                length = None
            if length:
                mime_type = mimetypes.guess_type(hero.file.name)[0] or "image/jpeg"
                enclosure = Enclosure(url=absolute_url(hero.url, base), length=str(length), mime_type=mime_type)
        published = article.first_published_at
        items.append(
            FeedItem(
                title=article.title,
                link=absolute_url(article.get_url(request) or "", base),
                # A tag URI (RFC 4151) on the page id: stays the same when the slug or section changes.
                guid=f"tag:{host},{published:%Y-%m-%d}:article-{article.pk}" if published else f"tag:{host}:article-{article.pk}",
                # Whole seconds at the Paris offset, like every machine-readable date (newsroom/dates.py).
                pubdate=machine_datetime(published),
                updateddate=machine_datetime(article.last_published_at or published),
                authors=[byline.author.name for byline in article.article_authors.all()],
                categories=tags,
                description=description,
                content=renderer.render(article, hero),
                enclosure=enclosure,
            )
        )
    return items


def _route_url(request, route: str, slug: str) -> str:
    home = load_chrome(request).home
    if home is None:
        raise Http404("Pas de page d’accueil")
    return absolute_url(home.get_url(request) or "/", base_url(request)) + home.reverse_subpage(route, kwargs={"slug": slug})


class ArticleFeed(Feed):
    """The site-wide RSS feed; subclasses choose their subject, `atom=True` gives the Atom version."""

    language = "fr"

    def __init__(self, *, atom: bool = False):
        self.atom = atom
        self.feed_type = NewsroomAtomFeed if atom else NewsroomRssFeed

    def site_name(self, request) -> str:
        return load_chrome(request).identity.name

    def stylesheets(self, obj):
        """An XSLT of ours (static/feeds/) so that a browser shows a readable page, not raw XML."""
        return [static("feeds/atom.xsl" if self.atom else "feeds/rss.xsl")]

    def get_object(self, request, *args, **kwargs):
        identity = load_chrome(request).identity
        return FeedSubject(
            request=request,
            title=f"{identity.name} : tous les articles",
            link=base_url(request) + "/",
            description=identity.slogan or identity.description or identity.name,
        )

    def title(self, obj):
        return obj.title

    def link(self, obj):
        return obj.link

    def description(self, obj):
        return obj.description

    def subtitle(self, obj):
        # Atom's equivalent of the RSS description.
        return obj.description if self.atom else None

    def author_name(self, obj):
        return self.site_name(obj.request)

    def items(self, obj):
        return build_items(feed_articles(filters=obj.filters, section=obj.section), obj.request)

    def item_title(self, item):
        # As typed: the feed generator escapes it once (Django's default escapes twice).
        return item.title

    def item_link(self, item):
        return item.link

    def item_guid(self, item):
        return item.guid

    def item_guid_is_permalink(self, item):
        return False

    def item_pubdate(self, item):
        return item.pubdate

    def item_updateddate(self, item):
        return item.updateddate

    def item_description(self, item):
        return item.description

    def item_categories(self, item):
        return item.categories

    def item_enclosures(self, item):
        return [item.enclosure] if item.enclosure else []

    def item_extra_kwargs(self, item):
        return {"authors": item.authors, "content": item.content}


class SectionFeed(ArticleFeed):
    """A rubrique's articles."""

    def get_object(self, request, slug):
        section = public_pages(SectionPage.objects.live()).filter(slug=slug).first()
        if section is None:
            raise Http404("Rubrique inconnue")
        name = self.site_name(request)
        return FeedSubject(
            request=request,
            title=f"{name} : {section.title}",
            link=absolute_url(section.get_url(request) or "/", base_url(request)),
            description=section.intro or f"Les derniers articles de la rubrique {section.title}.",
            section=section,
        )


class TagFeed(ArticleFeed):
    """The articles carrying a tag."""

    def get_object(self, request, slug):
        tag = Tag.objects.filter(slug=slug).first()
        if tag is None:
            raise Http404("Mot-clé inconnu")
        return FeedSubject(
            request=request,
            title=f"{self.site_name(request)} : {tag.name}",
            link=_route_url(request, "tag", tag.slug),
            description=f"Les derniers articles sur le thème {tag.name}.",
            filters={"tagged_items__tag": tag},
        )


class AuthorFeed(ArticleFeed):
    """Everything an author signed."""

    def get_object(self, request, slug):
        author = Author.objects.filter(slug=slug).first()
        if author is None:
            raise Http404("Auteur inconnu")
        return FeedSubject(
            request=request,
            title=f"{self.site_name(request)} : {author.name}",
            link=_route_url(request, "author", author.slug),
            description=f"Les derniers articles de {author.name}.",
            filters={"article_authors__author": author},
        )


class EntityFeed(ArticleFeed):
    """The articles linked to a live entity (organisation or person)."""

    def get_object(self, request, slug):
        entity = Entity.objects.filter(live=True, slug=slug).first()
        if entity is None:
            raise Http404("Entité inconnue")
        return FeedSubject(
            request=request,
            title=f"{self.site_name(request)} : {entity.name}",
            link=base_url(request) + entity.get_url_path(),
            description=f"Les derniers articles sur {entity.name}.",
            filters={"pk__in": ArticleEntity.objects.filter(entity=entity).values("article_id")},
        )


def feed_url(kind: str, fmt: str, slug: str | None = None) -> str:
    """The path of a feed: `feed_url("rubrique", "atom", "business")`."""
    name = f"feed-{kind}-{fmt}"
    return reverse(name, kwargs={"slug": slug}) if slug else reverse(name)
