"""The links of an article, edited inline on its page: bylines, editor's picks of related
articles, updates to readers, entities, the deals it reports and its sources."""

from django.db import models
from django.utils import timezone

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable


class ArticleAuthor(Orderable):
    """An ordered byline of an article."""

    article = ParentalKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="article_authors")
    author = models.ForeignKey("articles.Author", verbose_name="auteur", on_delete=models.PROTECT, related_name="bylines")

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        verbose_name = "auteur de l’article"
        verbose_name_plural = "auteurs de l’article"


class RelatedArticle(Orderable):
    """An article chosen by the editor to read next."""

    article = ParentalKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="related_articles")
    target = models.ForeignKey("articles.ArticlePage", verbose_name="article", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("target")]

    class Meta(Orderable.Meta):
        verbose_name = "article lié"
        verbose_name_plural = "articles liés"


class ArticleUpdate(Orderable):
    """A dated entry of the public update log: correction, précision or mise à jour."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        PRECISION = "precision", "Précision"
        UPDATE = "mise_a_jour", "Mise à jour"

    article = ParentalKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="updates")
    kind = models.CharField("type", max_length=20, choices=Kind.choices, default=Kind.UPDATE)
    date = models.DateTimeField("date", default=timezone.now)
    note = models.TextField("note aux lecteurs", max_length=1000)

    panels = [FieldPanel("kind"), FieldPanel("date"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = "modification"
        verbose_name_plural = "modifications"


class ArticleEntity(Orderable):
    """An entity the article is about (« sujet ») or mentions, in order of importance."""

    class Prominence(models.TextChoices):
        SUBJECT = "sujet", "Sujet principal"
        MENTION = "mention", "Mentionnée"

    article = ParentalKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="entity_links")
    entity = models.ForeignKey("entities.Entity", verbose_name="entité", on_delete=models.CASCADE, related_name="article_links")
    prominence = models.CharField("place dans l’article", max_length=10, choices=Prominence.choices, default=Prominence.SUBJECT)

    panels = [FieldPanel("entity"), FieldPanel("prominence")]

    class Meta(Orderable.Meta):
        verbose_name = "entité liée"
        verbose_name_plural = "entités liées"
        # The newest articles about an entity, from the index alone (related-articles ranking).
        indexes = [models.Index(fields=["entity", "article"], name="articles_entity_article_idx")]


class ArticleDeal(Orderable):
    """A deal of the knowledge base this article reports: « Lire notre article » on both entities' pages.

    The link lives on the article's side, so the knowledge base knows no page type."""

    article = ParentalKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="reported_deals")
    deal = models.ForeignKey("entities.Deal", verbose_name="opération", on_delete=models.CASCADE, related_name="reports")

    panels = [FieldPanel("deal")]

    class Meta(Orderable.Meta):
        verbose_name = "opération rapportée"
        verbose_name_plural = "opérations rapportées"


class ArticleSource(Orderable):
    """A media outlet the article relies on (« selon The Verge »), with the link to its story."""

    article = ParentalKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="sources")
    outlet = models.ForeignKey(
        "entities.Entity",
        verbose_name="média",
        on_delete=models.PROTECT,
        related_name="cited_in",
        limit_choices_to={"kind": "media"},
    )
    url = models.URLField("lien vers l’article source", blank=True)
    title = models.CharField("titre de l’article source", max_length=300, blank=True)

    panels = [FieldPanel("outlet"), FieldPanel("url"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = "source"
        verbose_name_plural = "sources"
