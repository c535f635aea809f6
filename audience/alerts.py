"""Entity alerts: an article published about a followed entity queues one item per follower.

Connected to Wagtail's page_published signal here, so articles/ never imports the audience app.
An item exists once per (reader, article): republishing an article alerts no one again. The
items are batched by `flush_alerts` in the worker, at most one message per reader per interval.
A reader who follows a group « et ses filiales » is alerted by an article about any of its current
subsidiaries too (entities.groups), still once per article.
"""

from django.db.models import Q

from wagtail.signals import page_published

from articles.models import ArticleEntity, ArticlePage
from audience.models import AlertItem, Follow
from audience.selectors import public_articles
from entities.groups import current_groups
from newsroom.worker import enqueue_on_commit


def queue_alerts(article) -> int:
    """Queue an alert item for each follower of the article's entities; returns how many were new."""
    if not public_articles().filter(pk=article.pk).exists():
        return 0  # restricted: followers are not told about what they cannot read
    entity_ids = list(
        dict.fromkeys(ArticleEntity.objects.filter(article_id=article.pk).order_by("sort_order", "pk").values_list("entity_id", flat=True))
    )
    rank = {entity_id: position for position, entity_id in enumerate(entity_ids)}
    # {group: the first subsidiary the article is about}, in the article's order of entities.
    through = {}
    for child_id, parent_ids in sorted(current_groups(entity_ids).items(), key=lambda pair: rank[pair[0]]):
        for parent_id in parent_ids:
            through.setdefault(parent_id, child_id)
    follows = Follow.objects.filter(
        Q(entity_id__in=entity_ids) | Q(entity_id__in=list(through), with_subsidiaries=True), entity__live=True
    ).values_list("subscriber_id", "entity_id")
    # One item per reader: a followed entity the article names (the first in the article's order)
    # beats a group reached through a subsidiary, so the e-mail gives the plainest reason.
    chosen = {}
    for subscriber_id, entity_id in sorted(follows, key=lambda row: (row[0], rank.get(row[1], len(rank)), row[1])):
        chosen.setdefault(subscriber_id, entity_id)
    items = [
        AlertItem(
            subscriber_id=subscriber_id,
            article_id=article.pk,
            entity_id=entity_id,
            subsidiary_id=None if entity_id in rank else through[entity_id],
        )
        for subscriber_id, entity_id in chosen.items()
    ]
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
