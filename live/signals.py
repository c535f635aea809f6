"""Forget the cached « En direct » strip when a live page changes state, moves or goes away."""

from django.db import transaction
from django.db.models.signals import post_delete

from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from live.listing import forget_running
from live.models import LivePage


def _forget(sender, **kwargs):
    forget_running()
    # Again after commit: a listing rendered meanwhile from the old rows must not keep them.
    transaction.on_commit(forget_running, robust=True)


def connect() -> None:
    """Connect the receivers (named in `LiveConfig.connects`)."""
    for signal in (page_published, page_unpublished, post_delete, page_slug_changed):
        signal.connect(_forget, sender=LivePage, dispatch_uid=f"live-forget-{signal!r}")
    # Moves are sent for the base Page class: any move may carry a live page under it.
    post_page_move.connect(_forget, dispatch_uid="live-forget-move")
