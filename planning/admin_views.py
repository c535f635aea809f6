"""The planning in the admin: week and month views with filters, « Commencer l'article », a
journalist's status change, and the private calendar addresses."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from planning import selectors, services
from planning.models import CalendarFeed, PlannedStory

VIEW_PERMISSION = "planning.view_plannedstory"


def _require_view(request):
    if not request.user.has_perm(VIEW_PERMISSION):
        raise PermissionDenied


def _require_plan_actor(request, plan):
    """403 unless the user reads the planning and is the rédaction en chef or assigned to `plan`.

    A permission matter, answered before any business rule: a redirect with a message would tell
    the sales team (no access to the planning) the plan's subject and whether it exists.
    """
    _require_view(request)
    if not (services.is_desk_editor(request.user) or services.is_assignee(request.user, plan)):
        raise PermissionDenied


def _day_from(request) -> datetime.date:
    """The day asked for in `?date=AAAA-MM-JJ`, today (Paris) when missing or mistyped."""
    try:
        return datetime.date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        return timezone.localdate()


def _int_or_none(value):
    return int(value) if value and value.isdigit() else None


def calendar_view(request, period):
    """The week (`semaine`) or month (`mois`) around `?date=`, filtered by `?rubrique=` and `?personne=`."""
    _require_view(request)
    day = _day_from(request)
    section_id, user_id = _int_or_none(request.GET.get("rubrique")), _int_or_none(request.GET.get("personne"))
    if period == "semaine":
        start, end = selectors.week_bounds(day)
        previous, following = start - datetime.timedelta(days=7), end
        title = f"Semaine du {start.day} {_month(start)} {start.year}"
    else:
        start, end = selectors.month_bounds(day)
        previous, following = (start - datetime.timedelta(days=1)).replace(day=1), end
        title = f"{_month(start).capitalize()} {start.year}"
    plan = selectors.plan_for_period(start=start, end=end, section_id=section_id, user_id=user_id)
    if period == "mois":
        # Weeks of the month, Monday first, with blank cells before the 1st.
        cells = [None] * start.weekday() + plan["days"]
        plan["weeks"] = [cells[index : index + 7] for index in range(0, len(cells), 7)]
    query = "&".join(f"{name}={value}" for name, value in (("rubrique", section_id), ("personne", user_id)) if value)
    context = {
        **plan,
        **selectors.filter_choices(),
        "period": period,
        "period_title": title,
        "today": timezone.localdate(),
        "section_id": section_id,
        "user_id": user_id,
        "previous_url": f"?date={previous.isoformat()}{'&' + query if query else ''}",
        "next_url": f"?date={following.isoformat()}{'&' + query if query else ''}",
        "other_url": reverse("planning_month" if period == "semaine" else "planning_week") + f"?date={day.isoformat()}",
        "statuses": PlannedStory.Status.choices,
        "is_desk_editor": services.is_desk_editor(request.user),
        "page_title": "Planning de la rédaction",
        "header_icon": "date",
    }
    return TemplateResponse(request, "planning/admin/calendar.html", context)


MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre")


def _month(day: datetime.date) -> str:
    return MONTHS[day.month - 1]


def _back(request, fallback):
    target = request.POST.get("next", "")
    # Only our own admin pages: never an open redirect.
    return redirect(target if target.startswith("/admin/") and "//" not in target else fallback)


@require_POST
def start_draft_view(request, plan_id):
    """« Commencer l'article »: the draft is created and opened in the editor."""
    plan = get_object_or_404(PlannedStory.objects.select_related("section", "draft"), pk=plan_id)
    _require_plan_actor(request, plan)
    try:
        page = services.plan_start_draft(plan=plan, user=request.user)
    except services.PlanningError as error:
        messages.error(request, str(error))
        return _back(request, reverse("planning_week"))
    messages.success(request, f"Brouillon « {page.title} » créé depuis le planning.")
    return redirect("wagtailadmin_pages:edit", page.pk)


@require_POST
def set_status_view(request, plan_id):
    """A journalist moves their own assignment along (the rédaction en chef any plan)."""
    plan = get_object_or_404(PlannedStory, pk=plan_id)
    _require_plan_actor(request, plan)
    try:
        services.plan_set_status(plan=plan, user=request.user, status=request.POST.get("status", ""))
    except services.PlanningError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"« {plan.subject} » : {plan.get_status_display().lower()}.")
    return _back(request, reverse("planning_week"))


def feeds_view(request):
    """« Mes agendas »: create (or replace) and revoke one's private calendar address, and the desk's."""
    _require_view(request)
    new_url = None
    if request.method == "POST":
        for_desk = request.POST.get("kind") == "redaction"
        try:
            if request.POST.get("action") == "revoke":
                services.feed_revoke_all(user=request.user, for_desk=for_desk and services.is_desk_editor(request.user))
                messages.success(request, "Adresse révoquée : les agendas abonnés ne reçoivent plus rien.")
            else:
                _feed, token = services.feed_create(user=request.user, for_desk=for_desk)
                new_url = request.build_absolute_uri(reverse("planning_calendar_feed", args=[token]))
                messages.success(request, "Nouvelle adresse créée : copiez-la maintenant, elle ne sera plus affichée.")
        except services.PlanningError as error:
            messages.error(request, str(error))
    active = CalendarFeed.objects.filter(revoked_at__isnull=True)
    context = {
        "new_url": new_url,
        "has_personal": active.filter(user=request.user).exists(),
        "has_desk": active.filter(user__isnull=True).exists(),
        "is_desk_editor": services.is_desk_editor(request.user),
        "page_title": "Mes agendas",
        "header_icon": "calendar",
    }
    response = TemplateResponse(request, "planning/admin/feeds.html", context)
    response["Cache-Control"] = "private, no-store"
    return response
