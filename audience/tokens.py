"""Signed links (django.core.signing): confirm a sign-up, manage one's lists, leave in one click.

A confirmation link carries the whole sign-up (address, lists, entities, when consent was given):
nothing is stored before the reader confirms, and the link expires. Managing and leaving links
carry the subscriber's id and a keyed hash of the address, so a link never outlives its address.
"""

from django.conf import settings
from django.core import signing

from audience.models import Subscriber
from audience.models.subscribers import email_hash

CONFIRM_SALT = "audience.confirm"
MANAGE_SALT = "audience.manage"


def confirmation_token(*, email: str, daily: bool, weekly: bool, entity_ids: list[int], consented_at: str, group_ids=()) -> str:
    """The signed, compressed sign-up carried by the confirmation link; `group_ids`: the entities
    followed « et ses filiales » (a link signed before they existed carries none)."""
    payload = {"e": email, "d": daily, "w": weekly, "f": sorted(entity_ids), "c": consented_at}
    if group_ids:
        payload["g"] = sorted(group_ids)
    return signing.dumps(payload, salt=CONFIRM_SALT, compress=True)


def read_confirmation(token: str) -> dict | None:
    """The sign-up of a valid, unexpired confirmation link; None for anything else."""
    try:
        return signing.loads(token, salt=CONFIRM_SALT, max_age=settings.NEWSROOM_NEWSLETTER_CONFIRM_HOURS * 3600)
    except signing.BadSignature:
        return None


def manage_token(subscriber: Subscriber) -> str:
    """The signed id of a subscriber, for their managing page and one-click unsubscribe."""
    return signing.dumps([subscriber.pk, email_hash(subscriber.email)[:16]], salt=MANAGE_SALT)


def read_manage(token: str) -> Subscriber | None:
    """The subscriber a managing link belongs to, if it is still subscribed."""
    try:
        pk, digest = signing.loads(token, salt=MANAGE_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    subscriber = Subscriber.objects.filter(pk=pk).first()
    if subscriber is None or email_hash(subscriber.email)[:16] != digest:
        return None
    return subscriber
