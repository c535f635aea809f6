"""The site chrome every public page shares: its home page and the sections for the navigation."""

from dataclasses import dataclass, field

from django.utils.functional import SimpleLazyObject

from wagtail.models import Site

from articles.models import HomePage, SectionPage


@dataclass
class Chrome:
    """The home page and its live sections, loaded once per request."""

    home: HomePage | None = None
    sections: list[SectionPage] = field(default_factory=list)

    def section_of(self, page) -> SectionPage | None:
        """The section an article sits in, found from its tree path without a query."""
        parent_path = page.path[: -page.steplen]
        for section in self.sections:
            if section.path == parent_path:
                return section
        return None


def load_chrome(request) -> Chrome:
    """Two queries, once per request: the site's home page and its live, public sections."""
    cached = getattr(request, "_newsroom_chrome", None)
    if cached is None:
        cached = request._newsroom_chrome = _build_chrome(request)
    return cached


def _build_chrome(request) -> Chrome:
    site = Site.find_for_request(request)
    if site is None:
        return Chrome()
    home = HomePage.objects.filter(pk=site.root_page_id).first()
    if home is None:
        return Chrome()
    sections = list(SectionPage.objects.child_of(home).live().public().order_by("path"))
    return Chrome(home=home, sections=sections)


def chrome(request):
    """Context processor: `chrome`, evaluated only by templates that use it (never the admin)."""
    return {"chrome": SimpleLazyObject(lambda: load_chrome(request))}
