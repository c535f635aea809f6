"""Admin registration: authors as snippets under the « Rédaction » menu."""

from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from articles.models import Author


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
