"""Which public URLs show a piece of content, and purging them from the page cache and the edge.

The mechanism is generic; apps add only what is specific to them, through three registries filled
by their `public_paths.connect()` (named in the app config's `connects`, newsroom/app_config.py;
see `articles/public_paths.py`, `entities/public_paths.py`, `partners/public_paths.py` and
docs/architecture.md):

- `register_page_paths(PageModel, fn)`: `fn(pages, *, leaving)` returns the extra paths showing
  these pages of that type (and its subclasses), beyond what every page gets for free: its own
  URL, its parent's URL (the listing that shows it) and the live public pages and objects that
  reference it in Wagtail's reference index. A page type that registers nothing is still purged.
- `register_object_paths(Model, fn, purge_created=True)`: `fn(instance)` returns the paths showing
  a non-page object (an entity, an author, a partner, a tag). newsroom/cache_signals.py then purges
  them, before and after, when the object is saved (published or unpublished for models with a
  draft state) or deleted; an image purges what shows the objects that use it.
- `register_site_paths(fn)`: `fn(*, html_only)` returns paths that exist besides the page tree
  (listings served by routes, feeds, sitemaps), for `all_public_paths`.

Paths are site-relative ("/business/mon-article/"); a path stands for all its query strings
(`?page=2`, `?q=…`). `purge_paths` drops them from the application cache at once, again after the
transaction commits (a reader's request rendered from the old rows between the purge and the commit
cannot stay cached), and from the edge (Varnish or a CDN configured in WAGTAILFRONTENDCACHE) after
the commit. Every purge is announced by the `paths_purged` signal, which the tests record.
"""

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection, transaction
from django.dispatch import Signal

from wagtail.models import DraftStateMixin, Page, ReferenceIndex, Site

from newsroom.page_cache import CACHE_ERRORS, GENERATION_KEY, new_version, version_key
from newsroom.replicas import note_primary_position
from newsroom.restrictions import public_pages
from newsroom.routing import SiteRoots

logger = logging.getLogger("newsroom.cache_purge")

# Sent with `paths` (a frozenset of paths) each time `purge_paths` purges something.
paths_purged = Signal()

PagePaths = Callable[..., set[str]]  # fn(pages: list[Page], *, leaving: bool) -> set[str]
ObjectPaths = Callable[[object], set[str]]
SitePaths = Callable[..., set[str]]  # fn(*, html_only: bool) -> set[str]

_page_paths_by_model: dict[type, list[PagePaths]] = defaultdict(list)
_object_paths_by_model: dict[type, list[ObjectPaths]] = defaultdict(list)
_objects_purged_when_created: dict[type, bool] = {}
_site_paths: list[SitePaths] = []


def register_page_paths(model: type[Page], fn: PagePaths) -> None:
    """Add `fn(pages, *, leaving)` to the paths purged for pages of `model` and its subclasses.

    `leaving` is true when the pages go away from public view (unpublished, deleted, moved away,
    restricted): `fn` may then add the pages that only link to them. Call it from `ready()`.
    """
    if fn not in _page_paths_by_model[model]:
        _page_paths_by_model[model].append(fn)


def register_object_paths(model: type, fn: ObjectPaths, *, purge_created: bool = True) -> None:
    """Purge `fn(instance)` before and after each change of a `model` instance (not a page).

    Several apps may register for the same model (entities its page, articles the articles naming
    it); their paths are purged together. `purge_created=False` skips new instances, which no page
    shows yet (tags). Call it from `ready()`.
    """
    if fn not in _object_paths_by_model[model]:
        _object_paths_by_model[model].append(fn)
    _objects_purged_when_created[model] = _objects_purged_when_created.get(model, True) and purge_created


def register_site_paths(fn: SitePaths) -> None:
    """Add `fn(*, html_only)` to `all_public_paths` (routes, feeds and sitemaps outside the tree)."""
    if fn not in _site_paths:
        _site_paths.append(fn)


def _registered(registry: dict, model: type) -> list:
    return [fn for klass in model.__mro__ for fn in registry.get(klass, ())]


def is_watched(model: type) -> bool:
    """True for a model with registered object paths (newsroom/cache_signals.py purges it)."""
    return bool(_registered(_object_paths_by_model, model))


def purges_when_created(model: type) -> bool:
    """False when a registration asked not to purge new instances of `model`."""
    return all(_objects_purged_when_created.get(klass, True) for klass in model.__mro__)


def page_paths(pages, roots: SiteRoots | None = None) -> set[str]:
    """The paths of the pages of a queryset (one query), without their listings."""
    roots = roots or SiteRoots()
    return {path for path in (roots.path(url_path) for url_path in pages.values_list("url_path", flat=True)) if path}


def live_public_pages():
    """Every live page outside private areas."""
    return public_pages(Page.objects.live())


def _referencing_paths(objects: list, roots: SiteRoots) -> set[str]:
    """Live public pages, and live objects with a page of their own (`get_url_path()`), whose content
    points at one of `objects` (picks, « Lire aussi », a lead story, an entity's deal), from
    Wagtail's reference index."""
    if not objects:
        return set()
    references = ReferenceIndex.get_references_to_in_bulk(objects).values_list("base_content_type_id", "object_id").distinct()
    ids_by_type = defaultdict(set)
    for type_id, object_id in references:
        ids_by_type[type_id].add(object_id)
    page_type_id = ReferenceIndex._get_base_content_type(Page).pk
    paths = set()
    for type_id, ids in ids_by_type.items():
        if type_id == page_type_id:
            paths |= page_paths(live_public_pages().filter(pk__in=ids), roots)
            continue
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is None or not hasattr(model, "get_url_path"):
            continue
        instances = model._default_manager.filter(pk__in=ids)
        if issubclass(model, DraftStateMixin):
            instances = instances.filter(live=True)
        paths |= {instance.get_url_path() for instance in instances}
    return paths


def urls_for_pages(pages: Iterable[Page], *, leaving: bool = False) -> set[str]:
    """Paths of every public page, listing, feed and sitemap showing `pages` (or that would, live).

    For any page type: its own path, its parent's (the listing showing it) and the referencing
    pages and objects; then what each page type registered (`register_page_paths`). A fixed number
    of queries per page type, whatever the number of pages.
    """
    pages = [page.specific_deferred if type(page) is Page else page for page in pages]
    if not pages:
        return set()
    roots = SiteRoots()
    paths = {path for path in (roots.path(page.url_path) for page in pages if page.url_path) if path}
    parent_paths = {page.path[: -page.steplen] for page in pages if page.depth > 1}
    if parent_paths:
        paths |= page_paths(Page.objects.filter(path__in=parent_paths), roots)
    paths |= _referencing_paths(pages, roots)
    by_model = defaultdict(list)
    for page in pages:
        by_model[type(page)].append(page)
    for model, of_model in by_model.items():
        for fn in _registered(_page_paths_by_model, model):
            paths |= fn(of_model, leaving=leaving)
    return paths


def urls_for_page(page: Page, *, leaving: bool = False) -> set[str]:
    """`urls_for_pages` for one page."""
    return urls_for_pages([page], leaving=leaving)


def urls_for_object(instance) -> set[str]:
    """Paths showing a non-page object, from every function registered for its model."""
    paths = set()
    for fn in _registered(_object_paths_by_model, type(instance)):
        paths |= fn(instance)
    return paths


def all_public_paths(*, html_only: bool = False) -> set[str]:
    """Every public path of the site: what a change shown on every page (navigation, site identity,
    a site-wide partner) must purge. `html_only` leaves out feeds, sitemaps and robots.txt."""
    paths = page_paths(live_public_pages())
    for fn in _site_paths:
        paths |= fn(html_only=html_only)
    return paths


def is_site_root_or_child(page: Page) -> bool:
    """A site's home page or a page right under it: the navigation of every page may show it."""
    roots = {root.root_path for root in Site.get_site_root_paths()}
    return page.url_path in roots or page.url_path.rstrip("/").rsplit("/", 1)[0] + "/" in roots


def urls_for_restriction(restriction) -> set[str]:
    """What a view restriction (login, groups, password) hides or shows again: the page, its
    descendants and what lists them; for a home page or a page under it, every page (the
    navigation and the listings of every page may change)."""
    page = restriction.page
    if is_site_root_or_child(page):
        return all_public_paths()
    return urls_for_pages(Page.objects.descendant_of(page, inclusive=True).live().specific(), leaving=True)


def urls_for_image(image) -> set[str]:
    """Pages showing an image whose file or focal point changed (its old renditions are gone):
    what shows the pages and registered objects that use it, from the reference index."""
    references = ReferenceIndex.get_references_to(image).values_list("content_type_id", "object_id").distinct()
    ids_by_model = defaultdict(set)
    for content_type_id, object_id in references:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is not None:
            ids_by_model[model].add(object_id)
    paths = set()
    page_ids = set()
    for model, ids in ids_by_model.items():
        if issubclass(model, Page):
            page_ids |= ids
        elif is_watched(model):
            for instance in model._default_manager.filter(pk__in=ids):
                paths |= urls_for_object(instance)
    if page_ids:
        paths |= urls_for_pages(Page.objects.live().filter(pk__in=page_ids).specific())
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
    # Before the new versions: a reader who sees them reads no replica that lacks this commit.
    note_primary_position()
    _invalidate(paths)
    _purge_edge(paths)


def purge_paths(paths) -> None:
    """Drop `paths` (all their query strings) from the page cache of every app server and the edge."""
    paths = {_clean(path) for path in paths if path}
    if not paths:
        return
    if not connection.in_atomic_block:
        note_primary_position()  # committed already (autocommit): see _after_commit
    _invalidate(paths)
    paths_purged.send(sender=purge_paths, paths=frozenset(paths))
    if connection.in_atomic_block:
        transaction.on_commit(lambda: _after_commit(paths), robust=True)
    else:
        _purge_edge(paths)


def purge_everything() -> None:
    """Purge every public path (for a change the signals cannot see, or by hand)."""
    purge_paths(all_public_paths())
