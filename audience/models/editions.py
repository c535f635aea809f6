"""Editions of the newsletter and every message sent: one delivery row per (edition, subscriber).

The delivery row is what makes sending idempotent: the worker claims a pending row, marks it
« en cours » in its own transaction, talks to the SMTP server, then records the outcome. A worker
restarted half-way never sends a row twice (a row left « en cours » is reported, not re-sent).
"""

from django.db import models
from django.utils import timezone

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, PreviewableMixin


class Edition(PreviewableMixin, ClusterableModel):
    """One issue of « L’essentiel du jour » or « La semaine »: intro, ordered articles, sponsor."""

    class Kind(models.TextChoices):
        DAILY = "quotidienne", "L’essentiel du jour"
        WEEKLY = "hebdomadaire", "La semaine"

    class Status(models.TextChoices):
        DRAFT = "brouillon", "Brouillon"
        SCHEDULED = "programmee", "Programmée"
        SENDING = "envoi", "Envoi en cours"
        SENT = "envoyee", "Envoyée"

    kind = models.CharField("lettre", max_length=20, choices=Kind.choices, default=Kind.DAILY)
    subject = models.CharField("objet de l’e-mail", max_length=160)
    intro = models.TextField("introduction", blank=True, help_text="Quelques lignes en tête de la lettre, en texte simple.")
    sponsor = models.ForeignKey(
        "partners.Partner",
        verbose_name="en partenariat avec",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sponsored_editions",
        help_text="Affiché «\u00a0En partenariat avec…\u00a0» en tête de la lettre, lien marqué sponsorisé.",
    )
    status = models.CharField("état", max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False)
    scheduled_for = models.DateTimeField("envoi programmé le", null=True, blank=True, editable=False)
    sent_at = models.DateTimeField("envoyée le", null=True, blank=True, editable=False)
    created_at = models.DateTimeField("créée le", default=timezone.now, editable=False)

    panels = [
        MultiFieldPanel([FieldPanel("kind"), FieldPanel("subject"), FieldPanel("intro")], heading="La lettre"),
        FieldPanel("sponsor"),
        InlinePanel("items", heading="Articles, dans l’ordre", label="article"),
    ]
    preview_modes = [("", "HTML"), ("texte", "Texte")]

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "édition de la lettre"
        verbose_name_plural = "éditions de la lettre"
        permissions = [("send_edition", "Peut envoyer ou programmer une édition")]

    def __str__(self):
        return self.subject

    def sent_count(self) -> int:
        """Messages the SMTP server accepted for this edition."""
        return self.deliveries.filter(status=Delivery.Status.SENT).count()

    sent_count.short_description = "envois réussis"

    def get_preview_template(self, request, mode_name):
        return "audience/email/edition.txt" if mode_name == "texte" else "audience/email/edition.html"

    def serve_preview(self, request, mode_name):
        from audience.messages import edition_preview

        return edition_preview(self, text=mode_name == "texte")


class EditionArticle(Orderable):
    """An article of an edition, in the order the rédaction en chef chose."""

    edition = ParentalKey(Edition, on_delete=models.CASCADE, related_name="items")
    article = models.ForeignKey("articles.ArticlePage", verbose_name="article", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("article")]

    class Meta(Orderable.Meta):
        verbose_name = "article de l’édition"
        verbose_name_plural = "articles de l’édition"


class Delivery(models.Model):
    """One message to one subscriber: an edition, or a batch of entity alerts."""

    class Kind(models.TextChoices):
        EDITION = "edition", "Édition"
        ALERT = "alerte", "Alerte entité"

    class Status(models.TextChoices):
        PENDING = "attente", "En attente"
        SENDING = "en_cours", "En cours"
        SENT = "envoye", "Envoyé"
        REFUSED = "refuse", "Refusé par le serveur"
        FAILED = "echec", "Échec après plusieurs essais"

    kind = models.CharField("type", max_length=10, choices=Kind.choices)
    edition = models.ForeignKey(Edition, verbose_name="édition", null=True, blank=True, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey("audience.Subscriber", verbose_name="abonné", on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField("état", max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField("essais", default=0)
    next_attempt_at = models.DateTimeField("prochain essai", default=timezone.now)
    error = models.CharField("erreur", max_length=500, blank=True)
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    sent_at = models.DateTimeField("envoyé le", null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "subscriber"], name="audience_one_delivery_per_edition", condition=models.Q(edition__isnull=False)
            )
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
        verbose_name = "envoi"
        verbose_name_plural = "envois"

    def __str__(self):
        return f"{self.get_kind_display()} → {self.subscriber_id} ({self.get_status_display()})"
