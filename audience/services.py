"""Writes of the audience app: sign-up requests, confirmation, changes of lists, leaving."""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Case, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from audience.consent import CONSENT_TEXT
from audience.models import Follow, Subscriber, Suppression
from audience.models.subscribers import email_hash, normalise_email
from audience.selectors import live_entities_by_id
from audience.tokens import confirmation_token
from newsroom.login_throttling import client_ip_address
from newsroom.visitor_hash import keyed_digest
from newsroom.worker import enqueue_on_commit

SIGNUP_WINDOW_SECONDS = 600
RATE_KEY = "audience:signup-rate:{digest}"
ADDRESS_KEY = "audience:signup-address:{digest}"


def signup_rate_exceeded(request) -> bool:
    """True beyond NEWSROOM_NEWSLETTER_SIGNUP_LIMIT sign-ups from one address in 10 minutes.

    The counter is keyed by a hash of the address under the day's salt (shared cache): no address
    is stored anywhere.
    """
    digest = keyed_digest("signup", client_ip_address(request) or "")
    key = RATE_KEY.format(digest=digest)
    cache.add(key, 0, timeout=SIGNUP_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=SIGNUP_WINDOW_SECONDS)
        count = 1
    return count > settings.NEWSROOM_NEWSLETTER_SIGNUP_LIMIT


def request_subscription(*, email: str, daily: bool, weekly: bool, entity_ids: list[int], group_ids=()) -> str:
    """Send the confirmation e-mail of a sign-up, after the commit; returns what was done (for logs
    and tests only: the reader gets the same answer whatever happened).

    An address that asked never to be written to gets nothing; one that asked less than ten
    minutes ago gets nothing more (a flood cannot fill a stranger's inbox); one already subscribed
    gets its managing link beside the confirmation (which adds the new lists to its own).
    `group_ids` are the entities of `entity_ids` the reader follows « et ses filiales ».
    """
    from audience.messages import site_url, subscriber_links
    from audience.tasks import send_confirmation

    email = normalise_email(email)
    digest = email_hash(email)
    if Suppression.objects.filter(email_hash=digest).exists():
        return "suppressed"
    if not cache.add(ADDRESS_KEY.format(digest=digest), 1, timeout=SIGNUP_WINDOW_SECONDS):
        return "throttled"
    subscriber = Subscriber.objects.filter(email=email).first()
    manage_url = subscriber_links(subscriber)["manage_url"] if subscriber else None
    entity_ids = [entity.pk for entity in live_entities_by_id(entity_ids)]
    group_ids = [pk for pk in group_ids if pk in entity_ids]
    token = confirmation_token(
        email=email, daily=daily, weekly=weekly, entity_ids=entity_ids, group_ids=group_ids, consented_at=timezone.now().isoformat()
    )
    enqueue_on_commit(send_confirmation, email, site_url(reverse("audience:confirm", args=[token])), manage_url)
    return "already" if subscriber else "sent"


@transaction.atomic
def confirm_subscription(payload: dict) -> Subscriber:
    """Store a confirmed sign-up (or add its lists to an existing subscriber), with its consent."""
    email = normalise_email(payload["e"])
    Suppression.objects.filter(email_hash=email_hash(email)).delete()
    subscriber, created = Subscriber.objects.get_or_create(
        email=email,
        defaults={
            "daily": payload["d"],
            "weekly": payload["w"],
            "consent_text": CONSENT_TEXT,
            "consented_at": parse_datetime(payload["c"]) or timezone.now(),
            "confirmed_at": timezone.now(),
        },
    )
    if not created and (payload["d"] or payload["w"]):
        subscriber.daily = subscriber.daily or payload["d"]
        subscriber.weekly = subscriber.weekly or payload["w"]
        subscriber.save(update_fields=["daily", "weekly"])
    entities = live_entities_by_id(payload["f"])
    Follow.objects.bulk_create([Follow(subscriber=subscriber, entity=entity) for entity in entities], ignore_conflicts=True)
    # Like the lists, a new sign-up only adds: « et ses filiales » already chosen stays chosen.
    if payload.get("g"):
        Follow.objects.filter(subscriber=subscriber, entity_id__in=payload["g"]).update(with_subsidiaries=True)
    return subscriber


@transaction.atomic
def update_subscription(subscriber: Subscriber, *, daily: bool, weekly: bool, entity_ids: list[int], group_ids=()) -> None:
    """Replace a subscriber's lists and followed entities with the ones ticked; `group_ids`: the
    followed entities ticked « et ses filiales » (the others follow the entity alone)."""
    subscriber.daily, subscriber.weekly = daily, weekly
    subscriber.save(update_fields=["daily", "weekly"])
    keep = [entity.pk for entity in live_entities_by_id(entity_ids)]
    Follow.objects.filter(subscriber=subscriber).exclude(entity_id__in=keep).delete()
    Follow.objects.bulk_create([Follow(subscriber=subscriber, entity_id=pk) for pk in keep], ignore_conflicts=True)
    Follow.objects.filter(subscriber=subscriber, entity_id__in=keep).update(
        with_subsidiaries=Case(When(entity_id__in=list(group_ids), then=Value(True)), default=Value(False))
    )


@transaction.atomic
def leave(subscriber: Subscriber, *, never_again: bool = False) -> None:
    """Delete the subscriber, their follows and deliveries; keep only a hash if they asked for it."""
    if never_again:
        Suppression.objects.get_or_create(email_hash=email_hash(subscriber.email))
    subscriber.delete()
