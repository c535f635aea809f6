"""The site chrome every public page shares: home page, sections, site identity, section routes.

It is read from Django's cache (one entry per site) and rebuilt in four queries when missing.
It holds only live, public data (the navigation lists live sections outside private areas, the
identity is the saved setting), so previews and drafts can never leak through it. articles/signals.py
forgets it whenever a home page or section is published, unpublished, moved or deleted, a view
restriction changes, the site identity or a Site is saved.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.utils.functional import SimpleLazyObject

from wagtail.models import Page, Site
from wagtail.views import serve as wagtail_serve

from articles.models import HomePage, SectionPage
from newsroom.models import SiteIdentity
from newsroom.restrictions import in_private_section, public_pages
from newsroom.routing import child_page_models, specific_pages
from newsroom.site_lookup import site_for_request

CACHE_PREFIX = "newsroom:chrome:v3:"
# A safety net only: every change that matters deletes the entry at once (see articles/signals.py),
# from the cache every process shares (the default folder or Redis), so every worker sees it.
CACHE_SECONDS = 10 * 60
# Colours of rubriques, given in navigation order: six tones, each AA in light and dark themes.
SECTION_TONES = 6
# The header logo: 80 px high (twice the 40 px shown, for dense screens), its own format kept.
LOGO_FILTER = "height-80"


@dataclass
class Chrome:
    """The home page, its live public sections, the site identity and the section routes."""

    home: HomePage | None = None
    sections: list[SectionPage] = field(default_factory=list)
    # An unsaved default (the model's default name and slogan) for a request without a site.
    identity: SiteIdentity = field(default_factory=SiteIdentity)
    # slug -> tree path of every child of the home page (any page type), live or not: routing finds
    # a page under it by path, without loading it.
    child_paths: dict[str, str] = field(default_factory=dict)
    # Live public pages under the home page other than rubriques, marked « Afficher dans les menus »
    # (legal and service pages): the footer links to them.
    service_pages: list = field(default_factory=list)
    # The logo chosen in « Identité du site », as {"url", "width", "height"} of its header rendition
    # (computed once with the chrome: no query per page); None: the shipped static/img/logo.svg.
    logo: dict | None = None

    def section_of(self, page) -> SectionPage | None:
        """The section an article sits in, found from its tree path without a query."""
        parent_path = page.path[: -page.steplen]
        for section in self.sections:
            if section.path == parent_path:
                return section
        return None


def load_chrome(request) -> Chrome:
    """The chrome of the request's site: from the request, else the cache, else four queries.

    The site itself comes from this process's memory (newsroom/site_lookup.py)."""
    cached = getattr(request, "_newsroom_chrome", None)
    if cached is None:
        if not hasattr(request, "_wagtail_site"):
            # Where Wagtail's `Site.find_for_request` looks first: the site from memory, no query.
            request._wagtail_site = site_for_request(request)
        cached = request._newsroom_chrome = chrome_for_site(request._wagtail_site)
    return cached


def chrome_for_site(site) -> Chrome:
    """The chrome of `site` (an empty one without a site or a home page)."""
    if site is None:
        return Chrome()
    key = f"{CACHE_PREFIX}{site.pk}"
    chrome = cache.get(key)
    if chrome is None:
        chrome = _build_chrome(site)
        cache.set(key, chrome, CACHE_SECONDS)
    return chrome


def _build_chrome(site) -> Chrome:
    home = HomePage.objects.filter(pk=site.root_page_id).first()
    identity = SiteIdentity.for_site(site)
    if home is None:
        return Chrome(identity=identity, logo=_logo(identity))
    children = Page.objects.child_of(home).annotate(is_private=in_private_section()).order_by("path")
    children = specific_pages(children, child_page_models(HomePage))
    # Any page type under the home page (legal pages…), without naming it: articles knows no sibling.
    service_pages = list(
        public_pages(Page.objects.child_of(home).live().filter(show_in_menus=True).not_type(SectionPage))
        .only("id", "title", "url_path", "path", "depth")
        .order_by("path")
    )
    sections = [child for child in children if isinstance(child, SectionPage) and child.live and not child.is_private]
    for number, section in enumerate(sections):
        # The rubrique's colour in kickers and navigation (static/css/site.css: --tone-1 … --tone-6).
        section.tone = number % SECTION_TONES + 1
    return Chrome(
        service_pages=service_pages,
        home=home,
        sections=sections,
        identity=identity,
        logo=_logo(identity),
        child_paths={child.slug: child.path for child in children},
    )


def _logo(identity) -> dict | None:
    if identity.logo_id is None:
        return None
    rendition = identity.logo.get_rendition(LOGO_FILTER)
    return {"url": rendition.url, "width": rendition.width, "height": rendition.height}


def invalidate_chrome() -> None:
    """Forget the chrome of every site (a handful of sites at most)."""
    cache.delete_many([f"{CACHE_PREFIX}{pk}" for pk in Site.objects.values_list("pk", flat=True)])


def serve_page(request, path):
    """Wagtail's page view, routing from the chrome's live home page.

    Wagtail would load the site's root page again (its specific type, one query) before routing; the
    chrome, which every public page reads anyway, holds it, forgotten whenever the home page is
    published, unpublished or moved.
    """
    home = load_chrome(request).home
    site = request._wagtail_site
    # Not with read replicas: a chrome built by a request that read the primary is not mixed into
    # the reads of one that a replica answers (newsroom/replicas.py).
    if site is not None and home is not None and home.pk == site.root_page_id and not settings.DATABASE_ROUTERS:
        site.root_page = home
    return wagtail_serve(request, path)


def chrome(request):
    """Context processor: `chrome`, evaluated only by templates that use it (never the admin)."""
    return {"chrome": SimpleLazyObject(lambda: load_chrome(request))}
