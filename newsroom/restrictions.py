"""Page view restrictions (private sections) decided inside the page queries, never from a cache.

Wagtail's `PageQuerySet.public()` loads every restriction first (one query) and its
`Page.get_view_restrictions()` walks the ancestors (two queries). These expressions give the same
answers from within the query that loads the pages, so privacy costs no query of its own and can
never be stale.
"""

from django.db.models import Exists, F, OuterRef, Q
from django.db.models.lookups import StartsWith

from wagtail.models import PageViewRestriction


def in_private_section():
    """True for a page that is restricted or under a restricted page: what `.public()` excludes."""
    return Exists(PageViewRestriction.objects.filter(StartsWith(OuterRef("path"), F("page__path"))))


def public_pages(queryset):
    """`queryset.public()` without the query that loads the restrictions first."""
    return queryset.exclude(in_private_section())


def may_have_view_restrictions():
    """True when `get_view_restrictions()` could return something for the page.

    Wagtail checks the page and its ancestors, each resolved to its alias source: a restriction on
    a page that is the page or an ancestor, or whose alias is, makes this true. False means the
    restriction check has nothing to check.
    """
    on_ancestor = StartsWith(OuterRef("path"), F("page__path"))
    on_alias_source = StartsWith(OuterRef("path"), F("page__aliases__path"))
    return Exists(PageViewRestriction.objects.filter(Q(on_ancestor) | Q(on_alias_source)))


def view_restrictions_of(page):
    """Wagtail's `get_view_restrictions()` in one query instead of two (same rows).

    The page and each ancestor count as themselves unless they are aliases, in which case their
    source counts instead (Wagtail points an alias of an alias to the original page).
    """
    steplen = page.steplen
    chain = [page.path[:end] for end in range(steplen, len(page.path) + 1, steplen)]
    return PageViewRestriction.objects.filter(
        Q(page__path__in=chain, page__alias_of__isnull=True) | Q(page__aliases__path__in=chain)
    ).distinct()


class ViewRestrictionsMixin:
    """Wagtail's view-restriction check, answered by the routing query when it loaded the page.

    Put it first in the bases of every page type: the routing (newsroom/routing.py) annotates the
    page it loads with `may_be_restricted`, so an unrestricted page costs no query at serve time.
    """

    def get_view_restrictions(self):
        """The restrictions that apply to this page: none without a query when routing knows it."""
        if getattr(self, "may_be_restricted", None) is False:
            return PageViewRestriction.objects.none()
        return view_restrictions_of(self)
