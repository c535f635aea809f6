"""Webhook endpoints (managed in Paramètres › Webhooks) and the log of every delivery attempt."""

import secrets
import uuid

from django.db import models

from webhooks.addresses import validate_endpoint_url


def new_secret() -> str:
    """A fresh signing secret: 32 random bytes, URL-safe text."""
    return secrets.token_urlsafe(32)


class Event(models.TextChoices):
    """What happened to an article."""

    PUBLISHED = "article.published", "Article publié"
    UPDATED = "article.updated", "Article mis à jour"
    UNPUBLISHED = "article.unpublished", "Article dépublié"


class WebhookEndpoint(models.Model):
    """A receiver: its address, its signing secret and the events it wants."""

    name = models.CharField(
        "nom",
        max_length=120,
        help_text="Pour vous y retrouver\u00a0: «\u00a0Application mobile\u00a0», «\u00a0Lettre d’information\u00a0»…",
    )
    url = models.URLField(
        "adresse",
        max_length=500,
        validators=[validate_endpoint_url],
        help_text="Adresse https:// d’un serveur public, qui reçoit un POST JSON signé.",
    )
    secret = models.CharField(
        "secret de signature",
        max_length=128,
        default=new_secret,
        help_text="Sert à signer chaque envoi (HMAC-SHA256)\u00a0: donnez-le au destinataire, et à lui seul.",
    )
    on_published = models.BooleanField("à la publication", default=True)
    on_updated = models.BooleanField("à chaque mise à jour publiée", default=True)
    on_unpublished = models.BooleanField("à la dépublication", default=True)
    active = models.BooleanField("actif", default=True)
    created_at = models.DateTimeField("créé le", auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "webhook"
        verbose_name_plural = "webhooks"

    def __str__(self):
        return self.name

    def wants(self, event: str) -> bool:
        """Whether this endpoint subscribed to `event`."""
        return {
            Event.PUBLISHED: self.on_published,
            Event.UPDATED: self.on_updated,
            Event.UNPUBLISHED: self.on_unpublished,
        }[event]


class WebhookDelivery(models.Model):
    """One attempt at sending one event to one endpoint (retries share the delivery id)."""

    class Status(models.TextChoices):
        SUCCEEDED = "reussi", "Réussi"
        RETRYING = "nouvel_essai", "Échec, nouvel essai prévu"
        FAILED = "echec", "Échec définitif"

    endpoint = models.ForeignKey(WebhookEndpoint, verbose_name="webhook", on_delete=models.CASCADE, related_name="deliveries")
    delivery_id = models.UUIDField("identifiant d’envoi", default=uuid.uuid4, db_index=True)
    event = models.CharField("événement", max_length=30, choices=Event.choices)
    article_id = models.PositiveIntegerField("article (id)", null=True, blank=True)
    attempt = models.PositiveSmallIntegerField("essai n°", default=1)
    status = models.CharField("statut", max_length=20, choices=Status.choices)
    response_code = models.PositiveSmallIntegerField("code de réponse", null=True, blank=True)
    error = models.CharField("erreur", max_length=500, blank=True)
    duration_ms = models.PositiveIntegerField("durée (ms)", null=True, blank=True)
    next_attempt_at = models.DateTimeField("prochain essai", null=True, blank=True)
    payload = models.JSONField("contenu envoyé")
    created_at = models.DateTimeField("envoyé le", auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "envoi de webhook"
        verbose_name_plural = "envois de webhooks"

    def __str__(self):
        return f"{self.get_event_display()} → {self.endpoint} (essai {self.attempt})"
