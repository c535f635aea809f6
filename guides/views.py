"""Admin views of « Aide »: the list of guides, one guide, its screenshots (for signed-in users only)."""

from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from guides.guides import SLUG, all_guides, committed_screenshots, guide


class GuideIndexView(WagtailAdminTemplateMixin, TemplateView):
    """« Aide » : every guide, with whom it is for."""

    template_name = "guides/index.html"
    page_title = "Aide"
    header_icon = "help"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "guides": all_guides()}


class GuideView(WagtailAdminTemplateMixin, TemplateView):
    """One guide, rendered from its Markdown file."""

    template_name = "guides/guide.html"
    header_icon = "help"

    def dispatch(self, request, *args, **kwargs):
        self.guide = guide(kwargs["slug"])
        if self.guide is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.guide.title

    def get_breadcrumbs_items(self):
        from django.urls import reverse

        return [{"url": reverse("guides_index"), "label": "Aide"}, {"url": "", "label": self.guide.title}]

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "guide": self.guide}


def screenshot(request, name):
    """A guide's screenshot (a fixed name pattern: no path can escape the folders).

    The copy the last `make test` saved is shown when there is one, so the admin shows today's
    screen; otherwise the copy committed with the guide (docs/guides/captures/, refreshed by
    `make guide-images`), so a fresh `make run` shows every image too."""
    stem, _, extension = name.rpartition(".")
    if extension != "png" or not SLUG.match(stem):
        raise Http404
    for folder in (Path(settings.NEWSROOM_GUIDE_SCREENSHOTS), committed_screenshots()):
        path = folder / name
        if path.is_file():
            return FileResponse(path.open("rb"), content_type="image/png")
    raise Http404
