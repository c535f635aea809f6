"""Public feeds (`/flux/…`), sitemaps (`/sitemap.xml`, `/sitemap-news.xml`) and `/robots.txt`."""

from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from articles import feeds, sitemaps
from newsroom.dates import iso_datetime
from newsroom.feature_hooks import news_entries
from newsroom.models import SiteIdentity


@require_GET
def sitemap_index(request):
    """The index of the five sitemap parts, each with the date of its newest change."""
    return sitemap_views.index(request, sitemaps.sitemaps_for(request), sitemap_url_name="sitemap-section")


@require_GET
def sitemap_section(request, section):
    """One part of the sitemap (articles, rubriques, entites, auteurs, tags)."""
    return sitemap_views.sitemap(request, sitemaps.sitemaps_for(request), section=section, template_name="sitemaps/sitemap.xml")


@require_GET
def news_sitemap(request):
    """Google News: the unsponsored articles of the last 48 hours."""
    base = feeds.base_url(request)
    entries = [
        {
            "loc": feeds.absolute_url(article.get_url(request) or "/", base),
            "publication_date": iso_datetime(article.first_published_at),
            "title": article.title,
        }
        for article in sitemaps.news_articles()
    ]
    # Other page types that are news (live pages): registered by their apps, newest first with the rest.
    entries += [
        {"loc": feeds.absolute_url(page.get_url(request) or "/", base), "publication_date": iso_datetime(published), "title": page.title}
        for page, published in news_entries(timezone.now())
    ]
    entries.sort(key=lambda entry: entry["publication_date"], reverse=True)
    context = {"entries": entries, "publication_name": SiteIdentity.for_request(request).name}
    return render(request, "sitemaps/news.xml", context, content_type="application/xml; charset=utf-8")


@require_GET
def robots_txt(request):
    """Everything may be crawled but the admin and the partners' click redirects."""
    base = feeds.base_url(request)
    lines = [
        "User-agent: *",
        "Allow: /",
        "Disallow: /admin/",
        "Disallow: /partenaires/",
        "",
        f"Sitemap: {base}{reverse('sitemap-index')}",
        f"Sitemap: {base}{reverse('sitemap-news')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def _feed_patterns(prefix: str, kind: str, feed_class, with_slug: bool) -> list:
    slug = "<slug:slug>/" if with_slug else ""
    return [
        path(f"{prefix}{slug}rss/", feed_class(), name=f"feed-{kind}-rss"),
        path(f"{prefix}{slug}atom/", feed_class(atom=True), name=f"feed-{kind}-atom"),
    ]


urlpatterns = [
    *_feed_patterns("flux/", "site", feeds.ArticleFeed, with_slug=False),
    *_feed_patterns("flux/rubrique/", "rubrique", feeds.SectionFeed, with_slug=True),
    *_feed_patterns("flux/tag/", "tag", feeds.TagFeed, with_slug=True),
    *_feed_patterns("flux/auteur/", "auteur", feeds.AuthorFeed, with_slug=True),
    *_feed_patterns("flux/entite/", "entite", feeds.EntityFeed, with_slug=True),
    path("sitemap.xml", sitemap_index, name="sitemap-index"),
    # Before the sections' pattern, which would otherwise take « news » for a section name.
    path("sitemap-news.xml", news_sitemap, name="sitemap-news"),
    path("sitemap-<str:section>.xml", sitemap_section, name="sitemap-section"),
    path("robots.txt", robots_txt, name="robots-txt"),
]
