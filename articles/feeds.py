"""RSS 2.0 and Atom feeds: the whole site, a rubrique, a tag, an author, an entity.

Each feed lists the newest live, public articles with their chapô as summary and their whole body
as content. Everything an item needs is loaded up front in a fixed number of queries (authors,
tags, images and renditions, internal links, « Lire aussi » targets), whatever the number of items;
the body is rendered here rather than through the block templates, which fetch per block and
apply the on-screen French typography that feed readers do not need.
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

from wagtail.images import get_image_model
from wagtail.rich_text import expand_db_html

from taggit.models import Tag

from articles.chrome import load_chrome
from articles.models import ArticleAuthor, ArticleEntity, ArticlePage, ArticleTag, Author, SectionPage
from articles.renditions import attach_renditions
from entities.models import Entity
from newsroom.dates import machine_datetime
from newsroom.restrictions import public_pages
from partners.templatetags.partner_tags import sponsor_label

ITEM_COUNT = 30
# The enclosure: the social-card size, the one every reader and aggregator knows how to crop.
ENCLOSURE_RENDITION = "fill-1200x630"
BODY_RENDITION = "width-960"
SPONSORED_CATEGORY = "Contenu sponsorisé"
# Splits the rich text of every item, expanded in one pass so that internal links cost one
# lookup for the whole feed instead of one per item. An HTML comment never survives from the
# editor (Draftail strips them), so it cannot collide with content.
_SPLIT = "<!--newsroom-feed-split-->"
# href and src values that are site-relative paths (not protocol-relative `//host/…`).
_RELATIVE_URL = re.compile(r'(\s(?:href|src)=")(/(?!/)[^"]*)"')

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


def base_url(request) -> str:
    """`https://host` of the request: links in feeds and sitemaps must be absolute."""
    return f"{request.scheme}://{request.get_host()}"


def absolute_url(url: str, base: str) -> str:
    """`url` with the scheme and host of `base` when it is a site-relative path."""
    return base + url if url.startswith("/") and not url.startswith("//") else url


def absolutize(html: str, base: str) -> str:
    """Site-relative `href` and `src` made absolute: a feed reader has no base URL to resolve them."""
    return _RELATIVE_URL.sub(lambda match: f'{match.group(1)}{base}{match.group(2)}"', html)


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


class _BodyRenderer:
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
                if block["type"] == "image" and value.get("image"):
                    image_ids.add(value["image"])
                elif block["type"] == "read_also" and value.get("article"):
                    target_ids.add(value["article"])
                elif block["type"] == "paragraph":
                    paragraphs.append(value or "")
        self.images = get_image_model().objects.in_bulk(image_ids) if image_ids else {}
        # Renditions from Wagtail's cache, else one query for all (articles/renditions.py).
        attach_renditions([(image, (ENCLOSURE_RENDITION, BODY_RENDITION)) for image in self.images.values()])
        # Only live, public targets: a « Lire aussi » to a draft or private page is left out, as on the site.
        self.targets = public_pages(ArticlePage.objects.live()).defer_streamfields().in_bulk(target_ids) if target_ids else {}
        # Every paragraph expanded at once: one query per kind of internal link for the whole feed.
        self.paragraphs = iter(expand_db_html(_SPLIT.join(paragraphs)).split(_SPLIT) if paragraphs else [])

    def url(self, page) -> str:
        return page.get_url(self.request) or ""

    def rendition(self, image_id, spec):
        """A rendition, or None when the image is gone or its file is missing on the storage.

        A lost media file must cost one picture, not the whole feed.
        """
        image = self.images.get(image_id)
        if image is None:
            return None
        try:
            return image.get_rendition(spec)
        except OSError:  # SourceImageIOError included
            return None

    def hero(self, article):
        return self.rendition(article.hero_image_id, ENCLOSURE_RENDITION)

    def render(self, article, hero) -> str:
        parts = []
        if hero is not None:
            parts.append(
                f'<figure><img src="{escape(hero.url)}" width="{hero.width}" height="{hero.height}" alt="{escape(article.hero_alt)}">'
                + self._caption(article.hero_caption, article.hero_credit)
                + "</figure>"
            )
        for block in article.body.raw_data:
            parts.append(self._block(block["type"], block["value"] or ({} if block["type"] != "paragraph" else "")))
        return absolutize("\n".join(part for part in parts if part), self.base)

    def _caption(self, caption, credit) -> str:
        text = " ".join(escape(part) for part in (caption, credit) if part)
        return f"<figcaption>{text}</figcaption>" if text else ""

    def _block(self, kind, value) -> str:
        if kind == "paragraph":
            return next(self.paragraphs)
        if kind == "heading":
            level = "h3" if value.get("level") == "h3" else "h2"
            return f"<{level}>{escape(value.get('text', ''))}</{level}>"
        if kind == "quote":
            quote = escape(value.get("quote", "")).replace("\n", "<br>")
            attribution = f"<figcaption>{escape(value['attribution'])}</figcaption>" if value.get("attribution") else ""
            return f"<figure><blockquote><p>{quote}</p></blockquote>{attribution}</figure>"
        if kind == "image":
            rendition = self.rendition(value.get("image"), BODY_RENDITION)
            if rendition is None:
                return ""
            return (
                f'<figure><img src="{escape(rendition.url)}" width="{rendition.width}" height="{rendition.height}" alt="{escape(value.get("alt", ""))}">'
                + self._caption(value.get("caption"), value.get("credit"))
                + "</figure>"
            )
        if kind == "embed":
            # Readers strip iframes: a plain link to the video or post, no oEmbed lookup.
            url = value.get("embed") or ""
            if not url:
                return ""
            label = escape(value.get("caption") or url)
            return f'<p><a href="{escape(url)}">{label}</a></p>'
        if kind == "read_also":
            target = self.targets.get(value.get("article"))
            if target is None:
                return ""
            label = escape(value.get("label") or target.title)
            return f'<p>Lire aussi : <a href="{escape(self.url(target))}">{label}</a></p>'
        # The partners strip is advertising, not the article: it stays on the site.
        return ""


def build_items(articles, request) -> list[FeedItem]:
    """Feed entries for `articles`, with every lookup done once for all of them."""
    renderer = _BodyRenderer(articles, request)
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
                link=absolute_url(renderer.url(article), base),
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
        raise Http404("Pas de page d'accueil")
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
