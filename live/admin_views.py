"""The live desk: one admin screen per live page to post, correct and delete updates.

Reached from the page's header and listing buttons (live/wagtail_hooks.py). Who may do what is
decided by live.services (may_post, may_change) on every request.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from live import services
from live.forms import LiveUpdateForm
from live.models import LivePage, LiveUpdate

DESK_UPDATES = 50


def _desk_url(page) -> str:
    return reverse("live_desk", args=[page.pk])


def desk_view(request, page_id):
    """The posting form above the latest updates (with their correct and delete actions)."""
    page = get_object_or_404(LivePage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    refusal = services.may_post(page=page, user=request.user)
    form = LiveUpdateForm(request.POST or None)
    if request.method == "POST":
        if refusal:
            messages.error(request, refusal)
        elif form.is_valid():
            services.update_post(page=page, user=request.user, **form.fields_for_service())
            messages.success(request, "Mise à jour publiée : elle est en ligne.")
            return redirect(_desk_url(page))
        else:
            messages.error(request, "La mise à jour n’a pas été publiée : corrigez les erreurs ci-dessous.")
    updates = list(page.updates.filter(deleted_at__isnull=True).select_related("author")[:DESK_UPDATES])
    for update in updates:
        update.may_change = services.may_change(update=update, user=request.user)
    context = {
        "page": page,
        "form": form,
        "refusal": refusal,
        "updates": updates,
        "page_title": f"En direct : {page.title}",
        "header_icon": "radio-full",
    }
    return TemplateResponse(request, "live/admin/desk.html", context)


def correct_view(request, update_id):
    """Replace an update's content (the previous text stays in its history)."""
    update = get_object_or_404(LiveUpdate.objects.select_related("page"), pk=update_id, deleted_at__isnull=True)
    if not services.may_change(update=update, user=request.user):
        raise PermissionDenied
    form = LiveUpdateForm(request.POST or None, instance=update)
    if request.method == "POST" and form.is_valid():
        # The form wrote its values onto `update`: the service keeps the stored version first.
        fields = form.fields_for_service()
        stored = LiveUpdate.objects.get(pk=update.pk)
        services.update_correct(update=stored, user=request.user, **fields)
        messages.success(request, "Mise à jour corrigée : la nouvelle version est en ligne.")
        return redirect(_desk_url(update.page))
    context = {"update": update, "form": form, "page": update.page, "page_title": "Corriger une mise à jour", "header_icon": "edit"}
    return TemplateResponse(request, "live/admin/correct.html", context)


@require_POST
def delete_view(request, update_id):
    """Hide an update from readers (kept in the history)."""
    update = get_object_or_404(LiveUpdate.objects.select_related("page"), pk=update_id, deleted_at__isnull=True)
    if not services.may_change(update=update, user=request.user):
        raise PermissionDenied
    services.update_delete(update=update, user=request.user)
    messages.success(request, "Mise à jour supprimée : les lecteurs ne la voient plus.")
    return redirect(_desk_url(update.page))
