"""Admin registration: authors as snippets under the « Rédaction » menu."""

from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from articles import admin_views, autosave, dashboard
from articles.dashboard_panels import EditorPanel, JournalistPanel
from articles.models import Author
from articles.reports import SponsoredArticlesReport
from newsroom import admin_guards


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
        path("articles/<int:page_id>/embargo/lever/", admin_views.lift_embargo, name="articles_embargo_lift"),
    ]


class SponsoredReportMenuItem(MenuItem):
    def is_shown(self, request):
        return SponsoredArticlesReport.user_may_see(request.user)


@hooks.register("register_reports_menu_item")
def sponsored_report_menu_item():
    return SponsoredReportMenuItem("Articles sponsorisés", reverse("articles_sponsored_report"), icon_name="doc-full", order=800)


@hooks.register("before_create_page")
def refuse_incomplete_page_form(request, parent_page, page_class):
    """A POST without the StreamField keys gets a French 400, not Wagtail's 500 (see newsroom.admin_guards)."""
    return admin_guards.incomplete_form_response(request, page_class.get_edit_handler().get_form_class()) or (
        autosave.reuse_draft_response(request, parent_page, page_class)
    )


@hooks.register("before_edit_page")
def refuse_incomplete_or_stale_page_save(request, page):
    """Edit and « Revenir à cette version »: a French 400 for an incomplete form, a French form error
    for a save made from an out-of-date revision (see newsroom.admin_guards)."""
    form_class = page.specific_class.get_edit_handler().get_form_class()
    return admin_guards.incomplete_form_response(request, form_class) or admin_guards.stale_save_response(request, page)


@hooks.register("before_copy_page")
def refuse_incomplete_copy(request, page):
    """A copy POST without its destination gets a French 400, not Wagtail's 500."""
    return admin_guards.incomplete_copy_response(request)


@hooks.register("before_move_page")
def refuse_move_confirmation_without_permission(request, page, destination):
    """The move confirmation page asks for the move permission on GET too (see newsroom.admin_guards)."""
    return admin_guards.move_permission_response(request, page, destination)


@hooks.register("construct_homepage_panels")
def desk_panels(request, panels):
    """Each role's morning list first on the admin home (see articles/dashboard.py)."""
    roles = dashboard.role_of(request.user)
    if "redaction" in roles:
        panels.insert(0, EditorPanel())
    if "journaliste" in roles:
        panels.insert(0, JournalistPanel(request.user))


@hooks.register("insert_global_admin_css")
def desk_admin_css():
    """Styles of the dashboard panels, the late-schedules banner and the editor's checklist (a file: strict CSP)."""
    from django.templatetags.static import static
    from django.utils.html import format_html

    return format_html('<link rel="stylesheet" href="{}">', static("css/admin/desk.css"))


@hooks.register("register_log_actions")
def embargo_log_actions(actions):
    """« Embargo levé » in the page history and the site history."""
    from articles.embargo import LIFT_ACTION

    actions.register_action(LIFT_ACTION, "Lever l’embargo", "Embargo levé avant son terme")


# Menus a journalist never uses: the generic snippet list (authors are under « Rédaction »), Wagtail's
# reports (locked pages, workflows, site history: the rédaction en chef's tools). « Aide » stays: it
# holds our French guides (guides/). Permissions stay as they are: this only declutters the menu.
JOURNALIST_HIDDEN_MENUS = frozenset({"snippets", "reports"})


@hooks.register("construct_main_menu")
def hide_menus_journalists_never_use(request, menu_items):
    """A journalist's sidebar shows what their day needs (see JOURNALIST_HIDDEN_MENUS)."""
    if dashboard.role_of(request.user) == {"journaliste"}:
        menu_items[:] = [item for item in menu_items if item.name not in JOURNALIST_HIDDEN_MENUS]


@hooks.register("construct_image_chooser_queryset")
def partner_logos_only_for_sales(images, request):
    """The image chooser of an article shows no partner logo: the « Partenaires » collection is the
    sales team's (they choose logos in the partner form). Superusers still see everything."""
    from partners.forms import PARTNER_COLLECTION

    user = request.user
    if user.is_superuser or user.groups.filter(name="Commercial").exists():
        return images
    return images.exclude(collection__name=PARTNER_COLLECTION)
