"""Fixed routes that no page slug may take: a page at `/recherche/` would never be reached.

The reserved first segments are read from the URL configuration itself (every pattern before
Wagtail's catch-all: `admin`, `recherche`, `flux`, `sitemap.xml`…) and from the routes of a
routable parent page (the home page's `auteurs`, `entites`, `tags`), plus the prefixes served
outside Django (`static`, `media`) and those announced for later (`api`) in
NEWSROOM_RESERVED_SLUGS. A new route is therefore reserved the day it is added, with no list to
keep in step. Page types opt in with `ReservedSlugMixin` (model) and `ReservedSlugPageForm`
(admin form: a new page has no tree position yet, so only the form knows its parent).
"""

import re
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import URLPattern, URLResolver, get_resolver

from wagtail.admin.forms import WagtailAdminPageForm

# The first path segment of a route pattern, when it is a literal (`recherche/`, `sitemap.xml`).
_LITERAL_SEGMENT = re.compile(r"^\^?([A-Za-z0-9._-]+)(?:/|\\/|\$|$)")


def _first_segment(pattern) -> str | None:
    text = str(pattern.pattern).lstrip("^")
    match = _LITERAL_SEGMENT.match(text)
    return match.group(1).lower() if match else None


def _segments(patterns) -> set[str]:
    found = set()
    for entry in patterns:
        segment = _first_segment(entry)
        if segment:
            found.add(segment)
        elif isinstance(entry, URLResolver):
            # `path("", include(...))`: its own patterns start at the root.
            if str(entry.pattern) in ("", "^") and not _is_wagtail_catch_all(entry):
                found |= _segments(entry.url_patterns)
        elif isinstance(entry, URLPattern):
            continue
    return found


def _is_wagtail_catch_all(resolver: URLResolver) -> bool:
    return getattr(resolver.urlconf_module, "__name__", "") == "wagtail.urls"


@lru_cache(maxsize=1)
def site_root_reserved_slugs() -> frozenset[str]:
    """Every first path segment a fixed route already takes at the root of the site."""
    extra = {slug.lower() for slug in getattr(settings, "NEWSROOM_RESERVED_SLUGS", ())}
    return frozenset(_segments(get_resolver().url_patterns) | extra)


def routable_slugs(page) -> set[str]:
    """The first segments of a routable page's own routes (`auteurs/<slug>/` → `auteurs`)."""
    get_urls = getattr(type(page), "get_subpage_urls", None)
    if get_urls is None:
        return set()
    return {segment for segment in (_first_segment(pattern) for pattern in get_urls()) if segment}


def reserved_slugs_under(parent) -> set[str]:
    """The slugs a child of `parent` may not take: its routes, and the site's when it is a root."""
    if parent is None:
        return set()
    parent = parent.specific_deferred if hasattr(parent, "specific_deferred") else parent
    reserved = routable_slugs(parent)
    if parent.is_site_root():
        reserved |= site_root_reserved_slugs()
    return reserved


def check_slug(slug: str, parent) -> None:
    """Refuse, in French, a slug that a fixed route of the site already answers."""
    if slug and slug.lower() in reserved_slugs_under(parent):
        raise ValidationError(
            {
                "slug": (
                    f"L’adresse «\u00a0/{slug}/\u00a0» est réservée à une page fixe du site "
                    "(recherche, flux, entités…)\u00a0: choisissez un autre slug."
                )
            }
        )


class ReservedSlugMixin:
    """Page mixin: a page placed in the tree (add_child, move, save) never takes a reserved slug."""

    def clean(self):
        super().clean()
        check_slug(self.slug, self.get_parent())


class ReservedSlugPageForm(WagtailAdminPageForm):
    """Admin form: the slug of a new or edited page is checked against its parent's routes."""

    def clean(self):
        cleaned_data = super().clean()
        slug = cleaned_data.get("slug")
        if slug and self.parent_page is not None:
            try:
                check_slug(slug, self.parent_page)
            except ValidationError as error:
                self.add_error("slug", error.message_dict["slug"])
        return cleaned_data
