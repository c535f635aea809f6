"""Entity alerts: an article published about a followed entity queues one item per follower.

Connected to Wagtail's page_published signal here, so articles/ never imports the audience app.
An item exists once per (reader, article): republishing an article alerts no one again. The
items are batched by `flush_alerts` in the worker, at most one message per reader per interval.
"""

from wagtail.signals import page_published

from articles.models import ArticleEntity, ArticlePage
from audience.models import AlertItem, Follow
from audience.selectors import public_articles
from newsroom.worker import enqueue_on_commit


def queue_alerts(article) -> int:
    """Queue an alert item for each follower of the article's entities; returns how many were new."""
    if not public_articles().filter(pk=article.pk).exists():
        return 0  # restricted: followers are not told about what they cannot read
    entity_ids = list(ArticleEntity.objects.filter(article_id=article.pk).values_list("entity_id", flat=True))
    follows = Follow.objects.filter(entity_id__in=entity_ids, entity__live=True).order_by("subscriber_id", "entity_id")
    items, seen = [], set()
    for follow in follows:
        if follow.subscriber_id not in seen:
            seen.add(follow.subscriber_id)
            items.append(AlertItem(subscriber_id=follow.subscriber_id, article_id=article.pk, entity_id=follow.entity_id))
    created = AlertItem.objects.bulk_create(items, ignore_conflicts=True)
    if items:
        from audience.tasks import flush_alerts

        enqueue_on_commit(flush_alerts)
    return len(created)


def _article_published(sender, instance, **kwargs):
    queue_alerts(instance)


def connect() -> None:
    """Connect the receiver (from AudienceConfig.ready)."""
    page_published.connect(_article_published, sender=ArticlePage, dispatch_uid="audience-entity-alerts")
