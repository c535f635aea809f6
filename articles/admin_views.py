"""Admin endpoints behind the entity suggestions panel: link an entity, or create then link one."""

from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_POST

from articles.models import ArticleEntity, ArticlePage
from articles.suggestions import unique_entity_slug
from entities.mentions import invalidate_default_index
from entities.models import Entity


def _editable_draft(request, page_id):
    """The article's latest revision as an object, or None if the user may not edit it."""
    page = get_object_or_404(ArticlePage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        return None
    # In review, or locked by a colleague: the editor shows the page read-only, so must we.
    lock = page.get_lock()
    if lock is not None and lock.for_user(request.user):
        return None
    return page.get_latest_revision_as_object()


def _link(request, draft, entity) -> str:
    links = list(draft.entity_links.all())
    if any(link.entity_id == entity.pk for link in links):
        return f"« {entity.name} » est déjà liée à l’article."
    # Last in the list, as the editor's « Ajouter » would put it (a link without a position sorts first).
    position = max((link.sort_order for link in links if link.sort_order is not None), default=-1) + 1
    draft.entity_links.add(ArticleEntity(entity=entity, prominence=ArticleEntity.Prominence.MENTION, sort_order=position))
    # Like the editor's « save draft »: a draft may still lack required fields.
    draft.save_revision(user=request.user, log_action=True, clean=False)
    return f"« {entity.name} » est liée à l’article (nouveau brouillon)."


@require_POST
def link_entity(request, page_id, entity_id):
    """Link an existing entity to the article, as a new draft revision."""
    draft = _editable_draft(request, page_id)
    if draft is None:
        return JsonResponse({"error": "Vous ne pouvez pas modifier cet article."}, status=403)
    entity = get_object_or_404(Entity, pk=entity_id)
    return JsonResponse({"message": _link(request, draft, entity)})


@require_POST
def create_and_link_entity(request, page_id):
    """Create a live entity from a name found in the text, then link it to the article."""
    draft = _editable_draft(request, page_id)
    if draft is None or not request.user.has_perm("entities.add_entity"):
        return JsonResponse({"error": "Vous ne pouvez pas créer d’entité ici."}, status=403)
    name = " ".join(request.POST.get("name", "").split())[:160]
    kind = request.POST.get("kind", "")
    if not name or kind not in Entity.Kind.values:
        return JsonResponse({"error": "Nom ou type d’entité invalide."}, status=400)
    with transaction.atomic():
        entity = Entity.objects.filter(name__iexact=name).first()
        if entity is None:
            entity = Entity(name=name, kind=kind, slug=unique_entity_slug(name))
            entity.save()
            entity.save_revision(user=request.user, log_action=True).publish(user=request.user)
            invalidate_default_index()
        message = _link(request, draft, entity)
    return JsonResponse({"message": message})


@require_POST
def lift_embargo(request, page_id):
    """« Lever l'embargo »: the rédaction en chef lifts an embargo early, as a new draft and a log entry."""
    from django.contrib import messages
    from django.core.exceptions import PermissionDenied
    from django.shortcuts import redirect
    from django.utils import timezone

    from wagtail.log_actions import log

    from articles.embargo import LIFT_ACTION, is_embargoed, may_lift

    draft = _editable_draft(request, page_id)
    if draft is None or not may_lift(request.user):
        raise PermissionDenied("Seule la rédaction en chef peut lever un embargo.")
    if is_embargoed(draft):
        lifted = draft.embargo_until
        with transaction.atomic():
            draft.embargo_until = None
            revision = draft.save_revision(user=request.user, log_action=True, clean=False)
            log(
                instance=draft,
                action=LIFT_ACTION,
                user=request.user,
                revision=revision,
                data={"embargo_until": lifted.isoformat(), "lifted_at": timezone.now().isoformat()},
            )
        messages.success(request, "Embargo levé\u00a0: l’article peut être publié (nouveau brouillon, levée consignée dans l’historique).")
    return redirect("wagtailadmin_pages:edit", page_id)
