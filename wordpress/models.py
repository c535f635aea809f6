"""The import ledger: what each WordPress item became here, so that a second run changes nothing."""

from django.db import models


class ImportedItem(models.Model):
    """One WordPress post, page or attachment of one site, and the page or image it became.

    Keyed by the export's site URL and the WordPress ID. `fingerprint` is a digest of everything the
    import read from the item: the same export imported again finds it unchanged and writes nothing.
    `revision_id` is the revision the import wrote last: a page edited here since is left alone.
    """

    class Kind(models.TextChoices):
        POST = "post", "Article"
        PAGE = "page", "Page"
        ATTACHMENT = "attachment", "Fichier joint"

    site_url = models.CharField("site WordPress", max_length=255)
    wp_id = models.PositiveBigIntegerField("identifiant WordPress")
    kind = models.CharField("type", max_length=20, choices=Kind.choices)
    page = models.ForeignKey("wagtailcore.Page", verbose_name="page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name="image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revision_id = models.PositiveBigIntegerField("dernière révision importée", null=True, blank=True)
    fingerprint = models.CharField("empreinte", max_length=64, blank=True)
    imported_at = models.DateTimeField("importé le", auto_now=True)

    class Meta:
        verbose_name = "élément importé de WordPress"
        verbose_name_plural = "éléments importés de WordPress"
        constraints = [models.UniqueConstraint(fields=["site_url", "wp_id"], name="wordpress_item_unique_per_site")]

    def __str__(self):
        return f"{self.site_url} #{self.wp_id}"


class ImportedAuthor(models.Model):
    """A WordPress login of one site and the byline it became (created once, by login)."""

    site_url = models.CharField("site WordPress", max_length=255)
    login = models.CharField("identifiant WordPress", max_length=150)
    author = models.ForeignKey("articles.Author", verbose_name="auteur", on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = "auteur importé de WordPress"
        verbose_name_plural = "auteurs importés de WordPress"
        constraints = [models.UniqueConstraint(fields=["site_url", "login"], name="wordpress_author_unique_per_site")]

    def __str__(self):
        return f"{self.login} → {self.author}"
