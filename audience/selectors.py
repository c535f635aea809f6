"""Reads of the audience app: the articles an edition may hold, the subscriber's lists, counts."""

import datetime

from django.db.models import Sum

from articles.selectors import teaser_queryset
from audience.models import ArticleReadCount, Follow, Subscriber
from entities.models import Entity


def public_articles():
    """Live, public articles (the same rows as every public listing)."""
    return teaser_queryset()


def live_entities_by_id(ids) -> list[Entity]:
    """The live entities among `ids`, by name."""
    return list(Entity.objects.filter(live=True, pk__in=list(ids)).order_by("name"))


def followed_entities(subscriber: Subscriber) -> list[Entity]:
    """The entities a subscriber follows, by name, each with `followed_with_subsidiaries` (followed
    « et ses filiales » or not)."""
    follows = Follow.objects.filter(subscriber=subscriber).select_related("entity").order_by("entity__name")
    entities = []
    for follow in follows:
        follow.entity.followed_with_subsidiaries = follow.with_subsidiaries
        entities.append(follow.entity)
    return entities


def most_read(*, since: datetime.date, limit: int = 5) -> list:
    """The live, public articles read most since `since` (Paris days, included), most read first.

    Two queries: the ranking, then the articles.
    """
    ranking = list(
        ArticleReadCount.objects.filter(day__gte=since, article__in=public_articles().values("pk"))
        .values("article_id")
        .annotate(total=Sum("views"))
        .order_by("-total", "article_id")[:limit]
    )
    articles = {article.pk: article for article in public_articles().filter(pk__in=[row["article_id"] for row in ranking])}
    return [(articles[row["article_id"]], row["total"]) for row in ranking if row["article_id"] in articles]
