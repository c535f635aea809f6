"""Admin registration: the « Planning » menu (week, month, stories, events, calendars) and the
journalist's « Mes sujets au planning » panel on the admin home."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.urls import URLPattern, path

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.base import ViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from planning import admin_views, selectors
from planning.models import NewsroomEvent, PlannedStory


class PlanningChooserViewSet(SnippetChooserViewSet):
    """Wagtail's snippet chooser asks no permission: here it asks for one on the model, so the sales
    team (no access to the planning) cannot list subjects or events through it."""

    def get_urlpatterns(self):
        policy = ModelPermissionPolicy(self.model)

        def guarded(view):
            @wraps(view)
            def view_for_planners(request, *args, **kwargs):
                if not policy.user_has_any_permission(request.user, ["view", "add", "change", "delete"]):
                    raise PermissionDenied
                return view(request, *args, **kwargs)

            return view_for_planners

        return [URLPattern(p.pattern, guarded(p.callback), p.default_args, p.name) for p in super().get_urlpatterns()]


class PlannedStoryViewSet(SnippetViewSet):
    """Every planned story, filterable by état, rubrique, journalist and date."""

    model = PlannedStory
    icon = "tasks"
    menu_label = "Sujets"
    menu_order = 10
    list_display = ["subject", "section", "due_date", "status"]
    list_filter = ["status", "section", "assignees", "due_date"]
    search_fields = ["subject", "angle"]
    list_export = ["subject", "angle", "section", "due_date", "expected_length", "status", "notes"]
    export_filename = "planning"
    chooser_viewset_class = PlanningChooserViewSet
    inspect_view_enabled = True
    ordering = ["due_date"]


class NewsroomEventViewSet(SnippetViewSet):
    """Keynotes, earnings, trade shows: what the desk covers, with the entities concerned."""

    model = NewsroomEvent
    icon = "date"
    menu_label = "Événements"
    menu_order = 20
    list_display = ["title", "starts_at", "place"]
    list_filter = ["starts_at"]
    search_fields = ["title", "place"]
    chooser_viewset_class = PlanningChooserViewSet
    inspect_view_enabled = True
    ordering = ["starts_at"]


class _PlanningMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.VIEW_PERMISSION)


class CalendarViewSet(ViewSet):
    """« Semaine » and « Mois »: the plan and the events, day by day."""

    name = "planning_calendar"
    url_prefix = "planning/calendrier"
    icon = "calendar"
    menu_label = "Semaine et mois"
    menu_order = 0

    @property
    def menu_item_class(self):
        return _PlanningMenuItem

    @property
    def menu_url(self):
        from django.urls import reverse

        return reverse("planning_week")

    def get_urlpatterns(self):
        return []


class FeedsViewSet(ViewSet):
    """« Mes agendas »: private ICS addresses for calendar apps."""

    name = "planning_feeds"
    url_prefix = "planning/agendas"
    icon = "calendar-alt"
    menu_label = "Mes agendas (ICS)"
    menu_order = 30

    @property
    def menu_item_class(self):
        return _PlanningMenuItem

    def get_urlpatterns(self):
        return [path("", admin_views.feeds_view, name="index")]


class PlanningGroup(SnippetViewSetGroup):
    items = (CalendarViewSet, PlannedStoryViewSet, NewsroomEventViewSet, FeedsViewSet)
    menu_icon = "date"
    menu_label = "Planning"
    menu_name = "planning"
    menu_order = 150


register_snippet(PlanningGroup)


@hooks.register("register_admin_urls")
def planning_urls():
    return [
        path("planning/semaine/", admin_views.calendar_view, {"period": "semaine"}, name="planning_week"),
        path("planning/mois/", admin_views.calendar_view, {"period": "mois"}, name="planning_month"),
        path("planning/sujets/<int:plan_id>/commencer/", admin_views.start_draft_view, name="planning_start_draft"),
        path("planning/sujets/<int:plan_id>/etat/", admin_views.set_status_view, name="planning_set_status"),
    ]


class AssignmentsPanel(Component):
    """« Mes sujets au planning »: a journalist's open assignments, with « Commencer l'article »."""

    name = "planning_assignments"
    order = 11
    template_name = "planning/admin/assignments_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        from django.middleware.csrf import get_token

        request = (parent_context or {}).get("request")
        return {
            "assignments": selectors.assignments_for(self.user),
            "statuses": PlannedStory.Status.choices,
            # Components render without the request's context processors: the row's forms need the token.
            "csrf_token": get_token(request) if request is not None else "",
        }


@hooks.register("construct_homepage_panels")
def assignments_panel(request, panels):
    if request.user.groups.filter(name="Journalistes").exists():
        panels.append(AssignmentsPanel(request.user))


@hooks.register("insert_global_admin_css")
def planning_admin_css():
    """Styles of the planning views, the assignments panel and the preview-link page (a file: strict CSP)."""
    from django.templatetags.static import static
    from django.utils.html import format_html

    return format_html('<link rel="stylesheet" href="{}">', static("css/admin/planning.css"))
