"""Admin registration: authors as snippets under the « Rédaction » menu."""

from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from articles import admin_views
from articles.models import Author
from articles.reports import SponsoredArticlesReport


class AuthorViewSet(SnippetViewSet):
    """Bylines: who signs our articles."""

    model = Author
    icon = "user"
    menu_label = "Auteurs"
    list_display = ["name", "role", "slug"]
    search_fields = ["name", "role"]
    list_export = ["name", "slug", "role", "bio"]
    export_filename = "auteurs"
    ordering = ["name"]


class NewsroomViewSetGroup(ViewSetGroup):
    """Everything the newsroom manages beside pages."""

    items = (AuthorViewSet,)
    menu_icon = "doc-full"
    menu_label = "Rédaction"
    menu_name = "redaction"
    menu_order = 200


register_snippet(NewsroomViewSetGroup)


@hooks.register("register_admin_urls")
def entity_suggestion_urls():
    """Endpoints of the « Entités repérées dans le texte » panel, and the sponsored report."""
    return [
        path("rapports/articles-sponsorises/", SponsoredArticlesReport.as_view(), name="articles_sponsored_report"),
        path(
            "rapports/articles-sponsorises/resultats/",
            SponsoredArticlesReport.as_view(results_only=True),
            name="articles_sponsored_report_results",
        ),
        path("articles/<int:page_id>/entites/<int:entity_id>/lier/", admin_views.link_entity, name="articles_entity_link"),
        path("articles/<int:page_id>/entites/creer/", admin_views.create_and_link_entity, name="articles_entity_create"),
    ]


class SponsoredReportMenuItem(MenuItem):
    def is_shown(self, request):
        return SponsoredArticlesReport.user_may_see(request.user)


@hooks.register("register_reports_menu_item")
def sponsored_report_menu_item():
    return SponsoredReportMenuItem("Articles sponsorisés", reverse("articles_sponsored_report"), icon_name="doc-full", order=800)
