"""The public search index: one row per live article, its weighted text vector and its date."""

from django.db import models


class TextVectorField(models.Field):
    """A PostgreSQL `tsvector`; plain text elsewhere (SQLite keeps Wagtail's FTS5 index instead)."""

    description = "Vecteur de recherche plein texte"

    def db_type(self, connection):
        return "tsvector" if connection.vendor == "postgresql" else "text"


class ArticleSearchDocument(models.Model):
    """What the public search reads on PostgreSQL, written in SQL by `articles.search_index`.

    A row exists only for a live article (written on publish, deleted on unpublish), so the
    candidates of a search come from this narrow table alone: its GIN index finds the matches,
    its date index keeps the newest ones, and only those are ranked. `vector` weighs the title
    A, the surtitre, chapô and tags B, the body C (`french_unaccent`).
    """

    article = models.OneToOneField(
        "articles.ArticlePage", primary_key=True, on_delete=models.CASCADE, related_name="search_document", verbose_name="article"
    )
    published_at = models.DateTimeField("première publication", null=True)
    vector = TextVectorField("vecteur de recherche", null=True, editable=False)

    class Meta:
        # Walked backwards for a word in most articles: the newest matches come first, no sort.
        indexes = [models.Index(fields=["published_at", "article"], name="articles_searchdoc_date_idx")]
        verbose_name = "entrée de l’index de recherche"
        verbose_name_plural = "entrées de l’index de recherche"

    def __str__(self):
        return f"Index de recherche de l’article {self.article_id}"
