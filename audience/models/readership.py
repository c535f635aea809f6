"""« Les plus lus »: views per article and day, nothing about who read."""

from django.db import models


class ArticleReadCount(models.Model):
    """How many distinct readers (once a day each, at most) opened an article on a Paris day."""

    article = models.ForeignKey("wagtailcore.Page", verbose_name="article", on_delete=models.CASCADE, related_name="+")
    day = models.DateField("jour")
    views = models.PositiveIntegerField("lectures", default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "day"], name="audience_one_count_per_article_day")]
        indexes = [models.Index(fields=["day", "article"])]
        permissions = [("view_all_read_counts", "Voit les lectures de tous les articles (sinon : les sponsorisés)")]
        verbose_name = "lectures d’un jour"
        verbose_name_plural = "lectures par jour"

    def __str__(self):
        return f"{self.article_id} {self.day}: {self.views}"
