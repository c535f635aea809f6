"""Which public URLs show a piece of content, and purging them from the page cache and the edge.

`urls_for_page` and `urls_for_partner` return site-relative paths ("/business/mon-article/"); a
path stands for all its query strings (`?page=2`, `?q=…`). `purge_paths` drops them from the
application cache at once, again after the transaction commits (a reader's request rendered from
the old rows between the purge and the commit cannot stay cached), and from the edge (Varnish or a
CDN configured in WAGTAILFRONTENDCACHE) after the commit. Every purge is announced by the
`paths_purged` signal, which the tests record.

The sets are computed from the database in a fixed number of queries, whatever the number of
articles, so that an author's rename or a sponsor's change stays affordable. What is deliberately
left out (see `urls_for_page`): the automatic « À lire aussi » suggestions of other articles when an
article is published or edited (they only suggest; they are purged when the article goes away).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection, transaction
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page, ReferenceIndex, Site

from taggit.models import Tag

from newsroom.page_cache import CACHE_ERRORS, GENERATION_KEY, new_version, version_key

logger = logging.getLogger("newsroom.cache_purge")

# Sent with `paths` (a frozenset of paths) each time `purge_paths` purges something.
paths_purged = Signal()

SEARCH_PATH = "/recherche/"
ENTITY_INDEX_PATH = "/entites/"
NEWS_WINDOW = timedelta(hours=48)


def _feeds(kind: str, slug: str | None = None) -> set[str]:
    from articles.feeds import feed_url

    if slug == "":  # a tag made outside the editor's check, with no letter or digit: it has no feed
        return set()
    return {feed_url(kind, "rss", slug), feed_url(kind, "atom", slug)}


def _sitemap(section: str | None = None) -> str:
    if section is None:
        return reverse("sitemap-index")
    return reverse("sitemap-section", kwargs={"section": section})


def _route(prefix: str, slug: str) -> str:
    # The home page's routes (articles.models.HomePage); the home page is the site root.
    return f"/{prefix}/{slug}/"


class _Roots:
    """Site root paths, read once per computation: `Page.get_url_parts` would read them per page."""

    def __init__(self):
        self.roots = sorted((root.root_path for root in Site.get_site_root_paths()), key=len, reverse=True)

    def path(self, url_path: str) -> str | None:
        for root_path in self.roots:
            if url_path.startswith(root_path):
                return url_path[len(root_path) - 1 :]
        return None


def _page_paths(pages, roots: _Roots | None = None) -> set[str]:
    roots = roots or _Roots()
    return {path for path in (roots.path(url_path) for url_path in pages.values_list("url_path", flat=True)) if path}


def _referencing_paths(objects, roots: _Roots) -> set[str]:
    """Live pages and live entities whose content points at one of `objects` (picks, « Lire aussi »,
    the home page's lead story, an entity's deal), from Wagtail's reference index."""
    from entities.models import Entity

    if not objects:
        return set()
    references = ReferenceIndex.get_references_to_in_bulk(objects).values_list("base_content_type_id", "object_id").distinct()
    page_type = ReferenceIndex._get_base_content_type(Page)
    entity_type = ReferenceIndex._get_base_content_type(Entity)
    page_ids = {int(object_id) for type_id, object_id in references if type_id == page_type.pk}
    entity_ids = {int(object_id) for type_id, object_id in references if type_id == entity_type.pk}
    paths = _page_paths(Page.objects.live().public().filter(pk__in=page_ids), roots) if page_ids else set()
    if entity_ids:
        paths |= {_route("entites", slug) for slug in Entity.objects.filter(pk__in=entity_ids, live=True).values_list("slug", flat=True)}
    return paths


def urls_for_articles(article_ids, *, leaving: bool = False) -> set[str]:
    """Every public path showing one of these articles, in a fixed number of queries.

    Their pages; their sections (listing and feeds); the home page; their tag, author and live
    entity pages with their feeds; the site feeds; the sitemaps listing them (and the Google News
    one for unsponsored articles of the last 48 hours); the search page; the pages and entities
    that reference them. With `leaving` (unpublished, deleted or moved away), also the live
    articles sharing a tag with them, whose « À lire aussi » suggestions may link to them.
    """
    from articles.models import ArticleAuthor, ArticleEntity, ArticlePage, ArticleTag

    article_ids = list(article_ids)
    if not article_ids:
        return set()
    roots = _Roots()
    articles = list(
        ArticlePage.objects.filter(pk__in=article_ids).only(
            "id", "path", "depth", "url_path", "first_published_at", "sponsor_id", "content_type_id"
        )
    )
    paths = {"/", SEARCH_PATH, _sitemap(), _sitemap("articles"), _sitemap("rubriques")} | _feeds("site")
    paths |= {path for path in (roots.path(article.url_path) for article in articles) if path}
    parent_paths = {article.path[: -article.steplen] for article in articles}
    for section in Page.objects.filter(path__in=parent_paths).only("id", "url_path", "slug"):
        section_path = roots.path(section.url_path)
        if section_path:
            paths.add(section_path)
            paths |= _feeds("rubrique", section.slug)
    tag_slugs = set(ArticleTag.objects.filter(content_object_id__in=article_ids).values_list("tag__slug", flat=True))
    author_slugs = set(ArticleAuthor.objects.filter(article_id__in=article_ids).values_list("author__slug", flat=True))
    entity_slugs = set(ArticleEntity.objects.filter(article_id__in=article_ids, entity__live=True).values_list("entity__slug", flat=True))
    for prefix, kind, section, slugs in (
        ("tags", "tag", "tags", tag_slugs),
        ("auteurs", "auteur", "auteurs", author_slugs),
        ("entites", "entite", "entites", entity_slugs),
    ):
        for slug in slugs:
            paths.add(_route(prefix, slug))
            paths |= _feeds(kind, slug)
        if slugs:
            paths.add(_sitemap(section))
    recent = timezone.now() - NEWS_WINDOW
    if any(article.sponsor_id is None and (article.first_published_at or timezone.now()) >= recent for article in articles):
        paths.add(reverse("sitemap-news"))
    paths |= _referencing_paths(articles, roots)
    if leaving and tag_slugs:
        neighbours = (
            ArticlePage.objects.live().public().filter(tagged_items__tag__slug__in=tag_slugs).exclude(pk__in=article_ids).distinct()
        )
        paths |= _page_paths(neighbours, roots)
    return paths


def _home_paths() -> set[str]:
    """The home page and the pages its routes render with it as `page` (authors, tags, entities)."""
    from articles.models import Author
    from entities.models import Entity

    paths = {"/", ENTITY_INDEX_PATH}
    paths |= {_route("auteurs", slug) for slug in Author.objects.values_list("slug", flat=True)}
    paths |= {_route("tags", slug) for slug in Tag.objects.values_list("slug", flat=True)}
    paths |= {_route("entites", slug) for slug in Entity.objects.filter(live=True).values_list("slug", flat=True)}
    return paths


def all_public_paths(*, html_only: bool = False) -> set[str]:
    """Every public path of the site: what a change shown on every page (navigation, site identity,
    a site-wide partner) must purge. `html_only` leaves out feeds, sitemaps and robots.txt."""
    from articles.models import ArticlePage, Author, SectionPage
    from entities.models import Entity

    roots = _Roots()
    paths = _home_paths() | {SEARCH_PATH}
    sections = list(SectionPage.objects.live().public().only("id", "url_path", "slug"))
    paths |= {path for path in (roots.path(section.url_path) for section in sections) if path}
    paths |= _page_paths(ArticlePage.objects.live().public(), roots)
    if not html_only:
        paths |= _feeds("site") | {_sitemap(), reverse("sitemap-news"), reverse("robots-txt")}
        paths |= {_sitemap(name) for name in ("articles", "rubriques", "entites", "auteurs", "tags")}
        for kind, slugs in (
            ("rubrique", [section.slug for section in sections]),
            ("tag", Tag.objects.values_list("slug", flat=True)),
            ("auteur", Author.objects.values_list("slug", flat=True)),
            ("entite", Entity.objects.filter(live=True).values_list("slug", flat=True)),
        ):
            for slug in slugs:
                paths |= _feeds(kind, slug)
    return paths


def urls_for_page(page, *, leaving: bool = False) -> set[str]:
    """Paths of every public page, feed and sitemap showing `page` (or that would show it, live).

    An article: see `urls_for_articles`. A rubrique: every page, since the navigation of every page
    lists the rubriques (and a rubrique's slug is in its articles' URLs). The home page: itself and
    the author, tag and entity pages its routes render. Any other page: its own path.
    """
    from articles.models import ArticlePage, HomePage, SectionPage

    page = page.specific_deferred if type(page) is Page else page
    if isinstance(page, ArticlePage):
        return urls_for_articles([page.pk], leaving=leaving)
    if isinstance(page, SectionPage):
        return all_public_paths()
    if isinstance(page, HomePage):
        return _home_paths()
    path = _Roots().path(page.url_path)
    return {path} if path else set()


def urls_for_entity(entity) -> set[str]:
    """An entity's page and feeds, the entity index, the sitemaps, the search page, the articles
    whose « Dans cet article » box shows it, and the entities whose page names it (roles, deals,
    entities cited in the same articles)."""
    from articles.models import ArticleEntity, ArticlePage
    from entities.models import Deal, Entity, Role

    paths = {_route("entites", entity.slug), ENTITY_INDEX_PATH, SEARCH_PATH, _sitemap(), _sitemap("entites")}
    paths |= _feeds("entite", entity.slug)
    article_ids = ArticleEntity.objects.filter(entity_id=entity.pk).values("article_id")
    paths |= _page_paths(ArticlePage.objects.live().public().filter(pk__in=article_ids))
    related = set(Role.objects.filter(person_id=entity.pk).values_list("organisation_id", flat=True))
    related |= set(Role.objects.filter(organisation_id=entity.pk).values_list("person_id", flat=True))
    related |= set(Deal.objects.filter(source_id=entity.pk).values_list("target_id", flat=True))
    related |= set(Deal.objects.filter(target_id=entity.pk).values_list("source_id", flat=True))
    related |= set(ArticleEntity.objects.filter(article_id__in=article_ids).values_list("entity_id", flat=True))
    related.discard(entity.pk)
    paths |= {_route("entites", slug) for slug in Entity.objects.filter(pk__in=related, live=True).values_list("slug", flat=True)}
    return paths


def urls_for_author(author) -> set[str]:
    """An author's page, feeds and sitemap, and every page showing one of the articles they signed."""
    from articles.models import ArticlePage

    paths = {_route("auteurs", author.slug), _sitemap(), _sitemap("auteurs")} | _feeds("auteur", author.slug)
    signed = ArticlePage.objects.live().public().filter(article_authors__author_id=author.pk).values_list("pk", flat=True)
    return paths | urls_for_articles(signed)


def urls_for_partner(partner) -> set[str]:
    """Paths of the pages showing the partner: its « Ils nous font confiance » block where the
    partner is active today (every page for a site-wide partner, the home page, every article, its
    rubriques), the articles with a partners strip in their body, and everything showing the
    articles it sponsors (« En partenariat avec … »)."""
    from articles.models import ArticlePage

    paths = set()
    if partner.pk is None:
        return paths
    if partner.is_active():
        if partner.on_site:
            paths |= all_public_paths(html_only=True)
        else:
            roots = _Roots()
            if partner.on_home:
                paths.add("/")
            if partner.on_articles:
                paths |= _page_paths(ArticlePage.objects.live().public(), roots)
            section_ids = [section.pk for section in partner.sections.all()]
            if section_ids:
                paths |= _page_paths(Page.objects.live().public().filter(pk__in=section_ids), roots)
        strips = ArticlePage.objects.live().public().filter(body__icontains='"partner_strip"')
        paths |= _page_paths(strips)
    sponsored = ArticlePage.objects.live().public().filter(sponsor_id=partner.pk).values_list("pk", flat=True)
    return paths | urls_for_articles(sponsored)


def urls_for_restriction(restriction) -> set[str]:
    """What a view restriction (login, groups, password) hides or shows again: an article and what
    lists it; for a rubrique or the home page, every page (their navigation and listings change)."""
    from articles.models import ArticlePage

    page = restriction.page.specific_deferred
    if isinstance(page, ArticlePage):
        return urls_for_articles([page.pk], leaving=True)
    return all_public_paths()


def urls_for_tag(tag) -> set[str]:
    """A tag's page, feeds and sitemap, and the live articles listing it among their mots-clés."""
    from articles.models import ArticlePage

    paths = {_route("tags", tag.slug), _sitemap(), _sitemap("tags")} | _feeds("tag", tag.slug)
    return paths | _page_paths(ArticlePage.objects.live().public().filter(tagged_items__tag_id=tag.pk).distinct())


def urls_for_image(image) -> set[str]:
    """Pages showing an image whose file or focal point changed (its old renditions are gone):
    what shows the articles, entities, authors and partners that use it, from the reference index."""
    from articles.models import ArticlePage, Author
    from entities.models import Entity
    from partners.models import Partner

    references = ReferenceIndex.get_references_to(image).values_list("content_type_id", "object_id").distinct()
    by_model = {}
    for content_type_id, object_id in references:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        by_model.setdefault(model, set()).add(int(object_id))
    paths = set()
    for model, ids in by_model.items():
        if model is None:
            continue
        if issubclass(model, ArticlePage):
            paths |= urls_for_articles(ArticlePage.objects.live().filter(pk__in=ids).values_list("pk", flat=True))
        elif issubclass(model, Page):
            for page in Page.objects.live().filter(pk__in=ids).specific():
                paths |= urls_for_page(page)
        elif model in (Entity, Author, Partner):
            urls_for = {Entity: urls_for_entity, Author: urls_for_author, Partner: urls_for_partner}[model]
            for instance in model.objects.filter(pk__in=ids):
                paths |= urls_for(instance)
    return paths


def _clean(path: str) -> str:
    path = path.split("#", 1)[0].split("?", 1)[0]
    return path if path.startswith("/") else "/" + path


def _invalidate(paths: set[str]) -> None:
    try:
        if len(paths) > settings.NEWSROOM_PAGE_CACHE_BULK_LIMIT:
            cache.set(GENERATION_KEY, new_version(), None)
        else:
            version = new_version()
            cache.set_many({version_key(path): version for path in paths}, None)
    except CACHE_ERRORS:
        # The publication itself must not fail: say loudly which pages may stay stale.
        logger.exception("page cache unavailable: %d path(s) not purged (e.g. %s)", len(paths), sorted(paths)[:5])


def _purge_edge(paths: set[str]) -> None:
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    roots = sorted({site.root_url.rstrip("/") for site in Site.objects.all()})
    if len(paths) > settings.NEWSROOM_PAGE_CACHE_BULK_LIMIT:
        # deploy/varnish/newsroom.vcl bans every page on `PURGE /*`: one request instead of thousands.
        purge_urls_from_cache([root + "/*" for root in roots])
    else:
        purge_urls_from_cache([root + path for root in roots for path in sorted(paths)])


def _after_commit(paths: set[str]) -> None:
    _invalidate(paths)
    _purge_edge(paths)


def purge_paths(paths) -> None:
    """Drop `paths` (all their query strings) from the page cache of every app server and the edge."""
    paths = {_clean(path) for path in paths if path}
    if not paths:
        return
    _invalidate(paths)
    paths_purged.send(sender=purge_paths, paths=frozenset(paths))
    if connection.in_atomic_block:
        transaction.on_commit(lambda: _after_commit(paths), robust=True)
    else:
        _purge_edge(paths)


def purge_everything() -> None:
    """Purge every public path (for a change the signals cannot see, or by hand)."""
    purge_paths(all_public_paths())
