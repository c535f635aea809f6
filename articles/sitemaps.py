"""Sitemaps: an index of articles, rubriques, entities, authors and tags, and a Google News sitemap.

Only live, public pages and live entities are listed; authors and tags only when at least one
live, public article carries them. Locations are paths: Django's sitemap views prefix the scheme
and host of the request, so every `loc` is absolute.
"""

from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, OuterRef, Subquery
from django.utils import timezone

from wagtail.models import Site

from taggit.models import Tag

from articles.models import ArticlePage, Author, HomePage, SectionPage
from entities.models import Entity
from newsroom.dates import machine_datetime

NEWS_WINDOW = timedelta(hours=48)
# Google News reads at most 1,000 URLs per news sitemap.
NEWS_LIMIT = 1000


def to_second(value):
    """A date to the second at the Paris offset: `lastmod` is a W3C date and time (newsroom/dates.py)."""
    return machine_datetime(value) if value is not None else None


def live_public_articles():
    """Every article a reader may see: live and without view restriction."""
    return ArticlePage.objects.live().public()


class RequestSitemap(Sitemap):
    """A sitemap that knows the request, to build page URLs for the site being served."""

    def __init__(self, request=None):
        self.request = request

    def site_root(self):
        site = Site.find_for_request(self.request) if self.request else None
        return site.root_page if site else None


class _PageSitemap(RequestSitemap):
    """Pages of the current Wagtail site, addressed by their path on it."""

    def restrict(self, queryset):
        root = self.site_root()
        return queryset.descendant_of(root, inclusive=True) if root else queryset

    def location(self, page):
        return page.get_url(self.request)

    def lastmod(self, item):
        return to_second(item.lastmod)


class ArticleSitemap(_PageSitemap):
    """Every live, public article, newest first."""

    def items(self):
        # `lastmod` is a plain attribute so that the index and the sitemap read the same value.
        return list(
            self.restrict(live_public_articles())
            .defer_streamfields()
            .only("id", "path", "depth", "url_path", "last_published_at", "first_published_at")
            .order_by("-first_published_at", "-pk")
        )

    def lastmod(self, item):
        return to_second(item.last_published_at or item.first_published_at)


class SectionSitemap(_PageSitemap):
    """The rubriques, dated by their newest article when it is more recent than the page itself."""

    def items(self):
        newest = (
            live_public_articles()
            .filter(path__startswith=OuterRef("path"), depth=OuterRef("depth") + 1)
            .order_by("-last_published_at")
            .values("last_published_at")[:1]
        )
        sections = self.restrict(SectionPage.objects.live().public()).annotate(newest=Subquery(newest)).order_by("path")
        items = list(sections)
        for section in items:
            section.lastmod = max(filter(None, [section.last_published_at, section.newest]), default=None)
        return items


class EntitySitemap(RequestSitemap):
    """The live entities, dated by their own change or their newest article."""

    def items(self):
        newest = (
            live_public_articles()
            .filter(entity_links__entity=OuterRef("pk"))
            .order_by("-last_published_at")
            .values("last_published_at")[:1]
        )
        items = list(Entity.objects.filter(live=True).annotate(newest=Subquery(newest)).order_by("slug"))
        for entity in items:
            entity.lastmod = max(filter(None, [entity.updated_at, entity.newest]), default=None)
        return items

    def location(self, entity):
        return entity.get_url_path()

    def lastmod(self, entity):
        return to_second(entity.lastmod)


class _RouteSitemap(RequestSitemap):
    """Author and tag pages, served by the home page's routes."""

    route = ""

    def home_path(self):
        if not hasattr(self, "_home_path"):
            home = HomePage.objects.live().first()
            self._home = home
            self._home_path = (home.get_url(self.request) or "/") if home else None
        return self._home_path

    def items(self):
        if self.home_path() is None:
            return []
        return list(self.queryset())

    def location(self, item):
        return self.home_path() + self._home.reverse_subpage(self.route, kwargs={"slug": item.slug})

    def lastmod(self, item):
        return to_second(item.lastmod)


class AuthorSitemap(_RouteSitemap):
    """Authors who signed at least one live, public article, dated by the newest."""

    route = "author"

    def queryset(self):
        articles = live_public_articles().values("pk")
        return (
            Author.objects.filter(bylines__article__in=articles)
            .annotate(lastmod=Max("bylines__article__last_published_at"))
            .order_by("slug")
        )


class TagSitemap(_RouteSitemap):
    """Tags carried by at least one live, public article, dated by the newest."""

    route = "tag"

    def queryset(self):
        articles = live_public_articles().values("pk")
        # The filter and the Max share one join, so the date is that of a live, public article.
        return (
            Tag.objects.filter(articles_articletag_items__content_object__in=articles)
            .annotate(lastmod=Max("articles_articletag_items__content_object__last_published_at"))
            .order_by("slug")
        )


SITEMAPS = {
    "articles": ArticleSitemap,
    "rubriques": SectionSitemap,
    "entites": EntitySitemap,
    "auteurs": AuthorSitemap,
    "tags": TagSitemap,
}


def sitemaps_for(request) -> dict:
    """The sections of the index, bound to the request."""
    return {name: sitemap_class(request) for name, sitemap_class in SITEMAPS.items()}


def news_articles(*, now=None):
    """Live, public, unsponsored articles first published in the last 48 hours, newest first.

    Sponsored content must never reach Google News: its rules treat it as advertising.
    """
    now = now or timezone.now()
    return list(
        live_public_articles()
        .filter(sponsor__isnull=True, first_published_at__gte=now - NEWS_WINDOW, first_published_at__lte=now)
        .defer_streamfields()
        .order_by("-first_published_at", "-pk")[:NEWS_LIMIT]
    )
