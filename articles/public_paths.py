"""The public URL map of the articles app, and what each change of its content makes stale.

Registered with newsroom/cache_purge.py by `ArticlesConfig` (`connects`). Every page already purges its
own URL, its parent (an article's rubrique) and what references it; this module adds what only
the articles app knows: the home page, search, feeds and sitemaps listing an article, its tag,
author and entity pages; the routes the home page serves (authors, tags, entities); the article
side of entities (the articles naming them), partners (article placements, strips, sponsored
articles), authors and tags.

What is deliberately left out: the automatic « À lire aussi » suggestions of other articles when an
article is published or edited (they only suggest; they are purged when the article goes away).
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page

from taggit.models import Tag

from entities.models import GroupLink
from entities.public_paths import ENTITY_INDEX_PATH, entity_path
from newsroom.cache_purge import (
    all_public_paths,
    page_paths,
    register_object_paths,
    register_page_paths,
    register_site_paths,
    urls_for_pages,
)
from newsroom.restrictions import public_pages
from newsroom.routing import SiteRoots

SEARCH_PATH = "/recherche/"
# What the purge reads of an article (the body can be long, and thousands of articles may be purged).
PURGE_FIELDS = ("id", "path", "depth", "url_path", "live", "first_published_at", "sponsor_id", "content_type_id")
NEWS_WINDOW = timedelta(hours=48)


def author_path(slug: str) -> str:
    """An author's page, served by the home page's route."""
    return f"/auteurs/{slug}/"


def tag_path(slug: str) -> str:
    """A tag's page, served by the home page's route."""
    return f"/tags/{slug}/"


def _feeds(kind: str, slug: str | None = None) -> set[str]:
    from articles.feeds import feed_url

    if slug == "":  # a tag made outside the editor's check, with no letter or digit: it has no feed
        return set()
    return {feed_url(kind, "rss", slug), feed_url(kind, "atom", slug)}


def _sitemap(section: str | None = None) -> str:
    if section is None:
        return reverse("sitemap-index")
    return reverse("sitemap-section", kwargs={"section": section})


def _live_articles():
    from articles.models import ArticlePage

    return public_pages(ArticlePage.objects.live()).only(*PURGE_FIELDS)


def article_paths(articles, *, leaving: bool = False) -> set[str]:
    """What shows these articles besides their page and rubrique, in a fixed number of queries.

    The home page; their rubriques' feeds; their tag, author and live entity pages with their feeds;
    the site feeds; the sitemaps listing them (and the Google News one for unsponsored articles of
    the last 48 hours); the search page. With `leaving` (unpublished, deleted, moved away,
    restricted), also the live articles sharing a tag with them, whose « À lire aussi »
    suggestions may link to them.
    """
    from articles.models import ArticleAuthor, ArticleDeal, ArticleEntity, ArticleTag

    article_ids = [article.pk for article in articles]
    paths = {"/", SEARCH_PATH, _sitemap(), _sitemap("articles"), _sitemap("rubriques")} | _feeds("site")
    parent_paths = {article.path[: -article.steplen] for article in articles}
    for section_slug in Page.objects.filter(path__in=parent_paths).values_list("slug", flat=True):
        paths |= _feeds("rubrique", section_slug)
    tag_slugs = set(ArticleTag.objects.filter(content_object_id__in=article_ids).values_list("tag__slug", flat=True))
    author_slugs = set(ArticleAuthor.objects.filter(article_id__in=article_ids).values_list("author__slug", flat=True))
    entity_slugs = set(ArticleEntity.objects.filter(article_id__in=article_ids, entity__live=True).values_list("entity__slug", flat=True))
    # The groups of those entities list them under « Tout le groupe ».
    groups = GroupLink.objects.filter(child__article_links__article_id__in=article_ids, parent__live=True)
    entity_slugs |= set(groups.values_list("parent__slug", flat=True))
    for route, kind, section, slugs in (
        (tag_path, "tag", "tags", tag_slugs),
        (author_path, "auteur", "auteurs", author_slugs),
        (entity_path, "entite", "entites", entity_slugs),
    ):
        for slug in slugs:
            paths.add(route(slug))
            paths |= _feeds(kind, slug)
        if slugs:
            paths.add(_sitemap(section))
    # The entity pages whose deal timeline links an article as its report.
    for pair in ArticleDeal.objects.filter(article_id__in=article_ids).values_list("deal__source__slug", "deal__target__slug"):
        paths |= {entity_path(slug) for slug in pair}
    recent = timezone.now() - NEWS_WINDOW
    if any(article.sponsor_id is None and (article.first_published_at or timezone.now()) >= recent for article in articles):
        paths.add(reverse("sitemap-news"))
    if leaving and tag_slugs:
        neighbours = _live_articles().filter(tagged_items__tag__slug__in=tag_slugs).exclude(pk__in=article_ids).distinct()
        paths |= page_paths(neighbours)
    return paths


def home_paths(pages, *, leaving: bool = False) -> set[str]:
    """The pages the home page's routes render with it as `page`: authors, tags, entities."""
    from articles.models import Author
    from entities.models import Entity

    paths = {"/", ENTITY_INDEX_PATH}
    paths |= {author_path(slug) for slug in Author.objects.values_list("slug", flat=True)}
    paths |= {tag_path(slug) for slug in Tag.objects.values_list("slug", flat=True)}
    paths |= {entity_path(slug) for slug in Entity.objects.filter(live=True).values_list("slug", flat=True)}
    return paths


def section_paths(pages, *, leaving: bool = False) -> set[str]:
    """Every page: the navigation of every page lists the rubriques (and a rubrique's slug is in
    its articles' URLs)."""
    return all_public_paths()


def site_paths(*, html_only: bool = False) -> set[str]:
    """The search page, author and tag pages; unless `html_only`, every feed, sitemap, robots.txt and
    the rubriques' colour stylesheet."""
    from articles.models import Author, SectionPage
    from entities.models import Entity

    paths = {SEARCH_PATH}
    paths |= {author_path(slug) for slug in Author.objects.values_list("slug", flat=True)}
    paths |= {tag_path(slug) for slug in Tag.objects.values_list("slug", flat=True)}
    if not html_only:
        paths |= _feeds("site") | {_sitemap(), reverse("sitemap-news"), reverse("robots-txt")}
        paths.add(reverse("section-colours"))
        paths |= {_sitemap(name) for name in ("articles", "rubriques", "entites", "auteurs", "tags")}
        for kind, slugs in (
            ("rubrique", public_pages(SectionPage.objects.live()).values_list("slug", flat=True)),
            ("tag", Tag.objects.values_list("slug", flat=True)),
            ("auteur", Author.objects.values_list("slug", flat=True)),
            ("entite", Entity.objects.filter(live=True).values_list("slug", flat=True)),
        ):
            for slug in slugs:
                paths |= _feeds(kind, slug)
    return paths


def author_paths(author) -> set[str]:
    """An author's page, feeds and sitemap, and every page showing one of the articles they signed."""
    paths = {author_path(author.slug), _sitemap(), _sitemap("auteurs")} | _feeds("auteur", author.slug)
    return paths | urls_for_pages(_live_articles().filter(article_authors__author_id=author.pk))


def tag_paths(tag) -> set[str]:
    """A tag's page, feeds and sitemap, and the live articles listing it among their mots-clés."""
    paths = {tag_path(tag.slug), _sitemap(), _sitemap("tags")} | _feeds("tag", tag.slug)
    return paths | page_paths(_live_articles().filter(tagged_items__tag_id=tag.pk).distinct())


def entity_article_paths(entity) -> set[str]:
    """The entity's feeds, the search page and sitemaps, the live articles whose « Dans cet
    article » box shows it, and the entities cited in the same articles."""
    from articles.models import ArticleEntity
    from entities.models import Entity

    paths = {SEARCH_PATH, _sitemap(), _sitemap("entites")} | _feeds("entite", entity.slug)
    article_ids = ArticleEntity.objects.filter(entity_id=entity.pk).values("article_id")
    paths |= page_paths(_live_articles().filter(pk__in=article_ids))
    cited = ArticleEntity.objects.filter(article_id__in=article_ids).exclude(entity_id=entity.pk).values("entity_id")
    return paths | {entity_path(slug) for slug in Entity.objects.filter(pk__in=cited, live=True).values_list("slug", flat=True)}


def partner_article_paths(partner) -> set[str]:
    """Article pages showing the partner: every article for an active partner placed « sur les
    pages article », the articles with a partners strip in their body, and everything showing the
    articles it sponsors (« En partenariat avec … »)."""
    if partner.pk is None:
        return set()
    paths = set()
    if partner.is_active():
        roots = SiteRoots()
        if partner.on_articles and not partner.on_site:
            paths |= page_paths(_live_articles(), roots)
        paths |= page_paths(_live_articles().filter(body__icontains='"partner_strip"'), roots)
    return paths | urls_for_pages(_live_articles().filter(sponsor_id=partner.pk))


def connect() -> None:
    """Wire this app's public paths into the page-cache purge (named in its app config's `connects`)."""
    from articles.models import ArticlePage, Author, HomePage, SectionPage
    from entities.models import Entity
    from partners.models import Partner

    register_page_paths(ArticlePage, article_paths)
    register_page_paths(HomePage, home_paths)
    register_page_paths(SectionPage, section_paths)
    register_site_paths(site_paths)
    register_object_paths(Author, author_paths)
    register_object_paths(Tag, tag_paths, purge_created=False)
    register_object_paths(Entity, entity_article_paths)
    register_object_paths(Partner, partner_article_paths)
