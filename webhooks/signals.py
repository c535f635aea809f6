"""Article publish, update and unpublish events, turned into deliveries after the commit.

Only what anonymous readers may see leaves the newsroom: an article with a view restriction (on
itself or a section above it) sends nothing, and the payload carries public fields only (the
receiver reads the rest from the read API).
"""

import uuid

from django.db.models.signals import pre_save
from django.utils import timezone

from wagtail.signals import page_published, page_unpublished

from articles.models import ArticlePage
from articles.selectors import teaser_queryset
from newsroom.worker import enqueue_on_commit
from webhooks.models import Event, WebhookEndpoint
from webhooks.tasks import deliver_webhook

_WAS_LIVE = "_webhooks_was_live"


def _remember_live_state(sender, instance, update_fields=None, raw=False, **kwargs):
    """Before a publication saves the page: was it already live (an update) or not (a publication)?"""
    if raw or instance.pk is None or (update_fields is not None and "live" not in update_fields):
        return
    setattr(instance, _WAS_LIVE, ArticlePage.objects.filter(pk=instance.pk, live=True).exists())


def article_payload(article, event: str) -> dict:
    """The JSON body of an event: the public facts of the article, and where to read the rest."""
    from django.conf import settings

    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return {
        "event": event,
        "occurred_at": timezone.now().isoformat(),
        "article": {
            "id": article.pk,
            "title": article.title,
            "slug": article.slug,
            "url": article.get_full_url(),
            "api_url": f"{base}/api/v2/articles/{article.pk}/",
            "first_published_at": article.first_published_at.isoformat() if article.first_published_at else None,
            "last_published_at": article.last_published_at.isoformat() if article.last_published_at else None,
        },
    }


def send_event(article, event: str) -> int:
    """Enqueue one delivery per active endpoint that wants `event`, after the commit; returns how many."""
    payload = article_payload(article, event)
    count = 0
    for endpoint in WebhookEndpoint.objects.filter(active=True):
        if endpoint.wants(event):
            enqueue_on_commit(deliver_webhook, endpoint.pk, event, payload, str(uuid.uuid4()))
            count += 1
    return count


def _article_published(sender, instance, **kwargs):
    if not teaser_queryset().filter(pk=instance.pk).exists():
        return  # restricted: readers cannot see it, partners are not told
    event = Event.UPDATED if getattr(instance, _WAS_LIVE, False) else Event.PUBLISHED
    send_event(instance, event)


def _article_unpublished(sender, instance, **kwargs):
    # The page is no longer live: only its view restrictions decide whether readers saw it.
    if not ArticlePage.objects.filter(pk=instance.pk).public().exists():
        return
    send_event(instance, Event.UNPUBLISHED)


def connect() -> None:
    """Connect the receivers (from WebhooksConfig.ready)."""
    pre_save.connect(_remember_live_state, sender=ArticlePage, dispatch_uid="webhooks-live-state")
    page_published.connect(_article_published, sender=ArticlePage, dispatch_uid="webhooks-published")
    page_unpublished.connect(_article_unpublished, sender=ArticlePage, dispatch_uid="webhooks-unpublished")
