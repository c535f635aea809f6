"""The computed related articles: each article's nearest neighbours, ranked once and stored."""

from django.db import models


class RelatedRanking(models.Model):
    """One computed « À lire aussi » neighbour of an article, by position (1 = closest).

    Written by `articles.related_ranking` when the article is published (its tags and entity
    links change only then), so that the article page reads its related teasers in one indexed
    query whatever the size of the archive. Editor's picks (`RelatedArticle`) are not stored here:
    the page puts them first.
    """

    article = models.ForeignKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="+", verbose_name="article")
    target = models.ForeignKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="+", verbose_name="article proche")
    position = models.PositiveSmallIntegerField("rang")
    score = models.PositiveIntegerField("score", help_text="3 par entité partagée, 1 par mot-clé partagé.")

    class Meta:
        verbose_name = "article proche (calculé)"
        verbose_name_plural = "articles proches (calculés)"
        constraints = [models.UniqueConstraint(fields=["article", "position"], name="articles_relatedranking_position")]

    def __str__(self):
        return f"{self.article_id} → {self.target_id} (rang {self.position})"
