"""The audience models: subscribers, editions and their deliveries, daily read counts."""

from audience.models.editions import Delivery, Edition, EditionArticle
from audience.models.readership import ArticleReadCount
from audience.models.subscribers import AlertItem, Follow, Subscriber, Suppression

__all__ = ["AlertItem", "ArticleReadCount", "Delivery", "Edition", "EditionArticle", "Follow", "Subscriber", "Suppression"]
