"""Writes of a live page's updates: post, correct, delete. Each purges what readers see at once.

Who may write is decided here, for every path (the admin form, a test, a script):
`may_post` for new updates, `may_change` for corrections and deletions.
"""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from live.models import LivePage, LiveUpdate, LiveUpdateVersion
from live.public_paths import live_paths
from newsroom.cache_purge import purge_paths


class NotAllowed(Exception):
    """The user may not post to, or change, this live page now (the message says why, in French)."""


def may_post(*, page: LivePage, user) -> str | None:
    """Why `user` may not post to `page` now, or None when they may.

    Journalists and the rédaction en chef post to a published live page that is « en cours »:
    those who may edit the page in Wagtail (page permissions on the tree).
    """
    if not page.permissions_for_user(user).can_edit():
        return "Vous ne pouvez pas publier dans ce direct."
    if not page.live or page.state != LivePage.State.RUNNING:
        return "Ce direct n’est pas ouvert : la rédaction en chef doit le publier à l’état « En cours »."
    return None


def may_change(*, update: LiveUpdate, user) -> bool:
    """The poster of an update may correct or delete it; so may whoever may publish the page."""
    permissions = update.page.permissions_for_user(user)
    return permissions.can_publish() or (permissions.can_edit() and update.author_id == user.pk)


def _next_seq(page_id: int) -> int:
    """The page's next change number, taken under its row lock (the order of commits)."""
    LivePage.objects.filter(pk=page_id).update(update_seq=F("update_seq") + 1)
    return LivePage.objects.filter(pk=page_id).values_list("update_seq", flat=True).get()


def _purge(page: LivePage) -> None:
    purge_paths(live_paths(page))


def _display_name(user) -> str:
    return user.get_full_name().strip() or user.get_username()


@transaction.atomic
def update_post(*, page: LivePage, user, body: str, important: bool = False, **optional) -> LiveUpdate:
    """Post an update now; it is live at once (page, fragment and feed purged after commit)."""
    refusal = may_post(page=page, user=user)
    if refusal:
        raise NotAllowed(refusal)
    update = LiveUpdate.objects.create(
        page=page, author=user, author_name=_display_name(user), body=body, important=important, seq=_next_seq(page.pk), **optional
    )
    _purge(page)
    return update


def _keep_version(update: LiveUpdate, user, action: str) -> None:
    LiveUpdateVersion.objects.create(
        update=update, body=update.body, quote=update.quote, link_url=update.link_url, replaced_by=user, action=action
    )


@transaction.atomic
def update_correct(*, update: LiveUpdate, user, **fields) -> LiveUpdate:
    """Replace an update's content, keeping the previous one in its history; « corrigée » for readers."""
    if not may_change(update=update, user=user):
        raise NotAllowed("Seuls l’auteur de la mise à jour et la rédaction en chef peuvent la corriger.")
    _keep_version(update, user, "correction")
    for name, value in fields.items():
        setattr(update, name, value)
    update.corrected_at = timezone.now()
    update.seq = _next_seq(update.page_id)
    update.save()
    _purge(update.page)
    return update


@transaction.atomic
def update_delete(*, update: LiveUpdate, user) -> None:
    """Hide an update from readers; the row and its text stay in the history."""
    if not may_change(update=update, user=user):
        raise NotAllowed("Seuls l’auteur de la mise à jour et la rédaction en chef peuvent la supprimer.")
    _keep_version(update, user, "suppression")
    update.deleted_at = timezone.now()
    update.seq = _next_seq(update.page_id)
    update.save(update_fields=["deleted_at", "seq"])
    _purge(update.page)
