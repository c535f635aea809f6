"""Autosave without a second slug clash: a new-article POST whose address is already taken by the
same person's own unpublished draft is handed over to that draft's edit view.

Wagtail 8 autosaves a new page as soon as something is typed, so a journalist who left that form
and starts again with the same title hit « Le slug … est déjà utilisé », and every autosave of the
second form then failed. The draft is reused only when it is certainly the same person's
abandoned attempt: same rubrique and page type, same address, owned by them, never published, not
in review, created within the last day. Its history keeps every earlier version.
"""

import datetime

from django.contrib import messages
from django.utils import timezone
from django.utils.text import slugify

from wagtail.admin.viewsets.pages import page_viewset_registry
from wagtail.models import Page

REUSE_WINDOW = datetime.timedelta(hours=24)


def reusable_draft(request, parent_page, page_class):
    """The caller's own abandoned draft at the address this creation POST asks for, or None."""
    if request.method != "POST":
        return None
    slug = (request.POST.get("slug") or "").strip() or slugify(request.POST.get("title") or "")
    if not slug:
        return None
    candidate = (
        Page.objects.child_of(parent_page)
        .filter(slug=slug, owner=request.user, live=False, first_published_at__isnull=True)
        .filter(content_type__model=page_class._meta.model_name, content_type__app_label=page_class._meta.app_label)
        .filter(latest_revision_created_at__gte=timezone.now() - REUSE_WINDOW)
        .first()
    )
    if candidate is None or candidate.workflow_in_progress:
        return None
    return candidate


def reuse_draft_response(request, parent_page, page_class):
    """Answer the creation POST with the edit view of the reusable draft (JSON for an autosave)."""
    draft = reusable_draft(request, parent_page, page_class)
    if draft is None:
        return None
    if request.accepts("text/html") and not request.headers.get("Accept", "").startswith("application/json"):
        messages.info(
            request,
            f"Votre brouillon «\u00a0{draft.get_admin_display_title()}\u00a0», enregistré automatiquement, a été repris\u00a0: pas de doublon.",
        )
    viewset = page_viewset_registry.get_by_page_id(draft.pk)
    return viewset.construct_view(viewset.edit_view_class)(request, page_id=draft.pk)
