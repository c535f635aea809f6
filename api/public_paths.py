"""The read API's public URL map, and what each change of content makes stale there.

Registered with the purge registries of newsroom/cache_purge.py by `ApiConfig` (`connects`), like every
app's `public_paths.py`: the generic receivers of newsroom/cache_signals.py call these functions on
publish, unpublish, move and delete of a page, on each save or delete of an author, entity or tag,
and on a view restriction (through `urls_for_pages` of the pages it hides). `purge_paths` drops
every query-string variant of each path (filters, pagination) on every app server and at the edge.
"""

from django.db.models import Q

from taggit.models import Tag

from newsroom.cache_purge import register_object_paths, register_page_paths, register_site_paths

PREFIX = "/api/v2"
LISTS = frozenset({f"{PREFIX}/articles/", f"{PREFIX}/sections/", f"{PREFIX}/entities/", f"{PREFIX}/authors/"})


def _details(endpoint: str, ids) -> set[str]:
    return {f"{PREFIX}/{endpoint}/{pk}/" for pk in ids}


def api_paths_for_pages(page_ids) -> set[str]:
    """Every list, and the detail of these pages as articles and as sections (ids are unique)."""
    ids = list(page_ids)
    return set(LISTS) | _details("articles", ids) | _details("sections", ids)


def article_api_paths(articles, *, leaving: bool = False) -> set[str]:
    """The lists and the articles' details."""
    return api_paths_for_pages(article.pk for article in articles)


def section_api_paths(sections, *, leaving: bool = False) -> set[str]:
    """The lists, the sections' details and their articles' (which show the section's title and address)."""
    from articles.models import ArticlePage

    children = Q()
    for section in sections:
        children |= Q(path__startswith=section.path, depth=section.depth + 1)
    ids = [section.pk for section in sections]
    return api_paths_for_pages([*ids, *ArticlePage.objects.filter(children).values_list("pk", flat=True)])


def author_api_paths(author) -> set[str]:
    """The author's detail and the articles they signed."""
    from articles.models import ArticlePage

    articles = ArticlePage.objects.filter(article_authors__author_id=author.pk).values_list("pk", flat=True)
    return api_paths_for_pages(articles) | _details("authors", [author.pk])


def entity_api_paths(entity) -> set[str]:
    """The entity's detail, the entities whose roles or deals name it, and the articles linked to it."""
    from articles.models import ArticlePage
    from entities.models import Deal, Role

    if entity.pk is None:
        return set()
    articles = ArticlePage.objects.filter(entity_links__entity_id=entity.pk).values_list("pk", flat=True)
    related = set(Role.objects.filter(person_id=entity.pk).values_list("organisation_id", flat=True))
    related |= set(Role.objects.filter(organisation_id=entity.pk).values_list("person_id", flat=True))
    related |= set(Deal.objects.filter(source_id=entity.pk).values_list("target_id", flat=True))
    related |= set(Deal.objects.filter(target_id=entity.pk).values_list("source_id", flat=True))
    return api_paths_for_pages(articles) | _details("entities", {entity.pk, *related})


def tag_api_paths(tag) -> set[str]:
    """The articles carrying the tag (their detail lists it)."""
    from articles.models import ArticlePage

    return api_paths_for_pages(ArticlePage.objects.filter(tagged_items__tag_id=tag.pk).values_list("pk", flat=True))


def site_api_paths(*, html_only: bool = False) -> set[str]:
    """Every list and detail of the API (none when only HTML pages are asked for)."""
    from articles.models import ArticlePage, Author, SectionPage
    from entities.models import Entity

    if html_only:
        return set()
    paths = set(LISTS) | _details("articles", ArticlePage.objects.values_list("pk", flat=True))
    paths |= _details("sections", SectionPage.objects.values_list("pk", flat=True))
    paths |= _details("authors", Author.objects.values_list("pk", flat=True))
    return paths | _details("entities", Entity.objects.values_list("pk", flat=True))


def connect() -> None:
    """Wire this app's public paths into the page-cache purge (named in its app config's `connects`)."""
    from articles.models import ArticlePage, Author, SectionPage
    from entities.models import Entity

    register_page_paths(ArticlePage, article_api_paths)
    register_page_paths(SectionPage, section_api_paths)
    register_object_paths(Author, author_api_paths)
    register_object_paths(Entity, entity_api_paths)
    register_object_paths(Tag, tag_api_paths, purge_created=False)
    register_site_paths(site_api_paths)
