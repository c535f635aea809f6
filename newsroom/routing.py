"""Load pages of any type as their specific class in the one query that finds them.

Wagtail's `.specific()` costs one query for the base rows and one per page type; its routing walks
the tree one query per level. Here the tables of every page type that may be found are joined to
`wagtailcore_page` (Django's `select_related` on the reverse one-to-one of multi-table inheritance),
so a page of any type comes back specific, with its view-restriction state, in one query. A page
type needs no routing code: `child_page_models(parent_model)` reads Wagtail's own
`parent_page_types`/`subpage_types`, and a page type may name the relations its template always
uses in `route_select_related` (e.g. `("hero_image", "sponsor")`) to load them in the same query.
"""

from functools import cache

from wagtail.models import Page, Site

from newsroom.restrictions import may_have_view_restrictions


@cache
def child_page_models(parent_model, levels: int = 1) -> tuple[type[Page], ...]:
    """The page types that may sit `levels` levels below a page of `parent_model`.

    Wagtail's own `Page` is allowed everywhere but never created: it is left out (a page of an
    unexpected type is still found, with one more query)."""
    models = {parent_model}
    for _ in range(levels):
        models = {child for model in models for child in model.allowed_subpage_models() if child is not Page}
    return tuple(sorted(models, key=lambda model: model._meta.label))


def _join_path(model) -> str:
    """`articlepage`, or `articlepage__liveblogpage` for a subclass: the reverse one-to-one chain
    from `wagtailcore_page` down to the model's own table."""
    chain = [parent for parent in reversed(model._meta.get_parent_list()) if parent is not Page]
    return "__".join(step._meta.model_name for step in [*chain, model])


def _specific(page, joins: dict):
    """The specific instance joined to the base `page` row, or Wagtail's `.specific` (one more
    query) for a page type that was not expected there."""
    model = page.specific_class
    path = joins.get(model)
    if path is None or model is None:
        return page.specific
    specific = page
    for name in path.split("__"):
        specific = getattr(specific, name)
    return specific


def specific_pages(queryset, models) -> list[Page]:
    """The pages of `queryset` (a `Page` queryset) as their specific classes, in one query when each
    is one of `models`. Annotations of the queryset are copied onto the specific instances."""
    joins = {model: _join_path(model) for model in models if model is not Page}
    related = [f"{path}__{name}" for model, path in joins.items() for name in getattr(model, "route_select_related", ())]
    annotations = list(queryset.query.annotations)
    pages = []
    for page in queryset.select_related(*joins.values(), *related):
        specific = _specific(page, joins)
        for name in annotations:
            setattr(specific, name, getattr(page, name))
        pages.append(specific)
    return pages


def find_live_page(parent, path_components: list[str], *, child_path: str):
    """The live page at `path_components` (one or two slugs) below `parent`, or None.

    `child_path` is the tree path of the child named by the first slug (known from the cached site
    chrome, so no query walks the tree). One query, whatever the page type, with
    `may_be_restricted` set for `newsroom.restrictions.ViewRestrictionsMixin`.
    """
    levels = len(path_components)
    if levels == 1:
        queryset = Page.objects.filter(path=child_path)
    else:
        queryset = Page.objects.filter(path__startswith=child_path, depth=parent.depth + levels, slug=path_components[-1])
    queryset = queryset.filter(live=True).annotate(may_be_restricted=may_have_view_restrictions())
    pages = specific_pages(queryset[:1], child_page_models(parent.specific_class, levels))
    return pages[0] if pages else None


class SiteRoots:
    """Site root paths, read once per computation: `Page.get_url_parts` would read them per page."""

    def __init__(self):
        self.roots = sorted((root.root_path for root in Site.get_site_root_paths()), key=len, reverse=True)

    def path(self, url_path: str) -> str | None:
        """The site-relative path of a page's `url_path`, or None outside every site."""
        for root_path in self.roots:
            if url_path.startswith(root_path):
                return url_path[len(root_path) - 1 :]
        return None
