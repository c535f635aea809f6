"""Who receives what: confirmed subscribers, the entities they follow, the « never again » hashes.

Only confirmed addresses are stored: a pending sign-up lives in its signed confirmation link, not
in the database (an unconfirmed address is never kept). A subscriber who leaves is deleted; only a
keyed hash of the address remains if they asked never to be written to again.
"""

import hashlib
import hmac

from django.conf import settings
from django.db import models


def normalise_email(address: str) -> str:
    """One spelling per address: trimmed, lower-case (as every mail provider we know treats them)."""
    return address.strip().lower()


def email_hash(address: str) -> str:
    """A keyed hash of an address: lets us recognise it without keeping it."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, normalise_email(address).encode(), hashlib.sha256).hexdigest()


class Subscriber(models.Model):
    """A confirmed address, its lists, and the consent it gave (text and date, as the CNIL asks)."""

    email = models.EmailField("adresse e-mail", unique=True)
    daily = models.BooleanField("L’essentiel du jour", default=False)
    weekly = models.BooleanField("La semaine", default=False)
    consent_text = models.TextField("texte du consentement")
    consented_at = models.DateTimeField("consentement donné le")
    confirmed_at = models.DateTimeField("adresse confirmée le")
    last_alert_at = models.DateTimeField("dernière alerte envoyée le", null=True, blank=True)

    class Meta:
        ordering = ["-confirmed_at"]
        verbose_name = "abonné"
        verbose_name_plural = "abonnés"

    def __str__(self):
        return self.email


class Follow(models.Model):
    """An entity a subscriber follows by e-mail, and whether its current subsidiaries come with it
    (« Meta et ses filiales »: an article about Instagram alerts too)."""

    subscriber = models.ForeignKey(Subscriber, verbose_name="abonné", on_delete=models.CASCADE, related_name="follows")
    entity = models.ForeignKey("entities.Entity", verbose_name="entité", on_delete=models.CASCADE, related_name="email_follows")
    # Never on by default: the reader ticks it, like every other choice of the sign-up form.
    with_subsidiaries = models.BooleanField("et ses filiales", default=False)
    created_at = models.DateTimeField("suivie depuis le", auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["subscriber", "entity"], name="audience_follow_once")]
        verbose_name = "entité suivie"
        verbose_name_plural = "entités suivies"

    def __str__(self):
        return f"{self.subscriber} → {self.entity}"


class Suppression(models.Model):
    """« Ne plus jamais m’écrire »: the keyed hash of an address that left and asked for it."""

    email_hash = models.CharField("empreinte de l’adresse", max_length=64, unique=True)
    created_at = models.DateTimeField("depuis le", auto_now_add=True)

    class Meta:
        verbose_name = "adresse à ne plus jamais écrire"
        verbose_name_plural = "adresses à ne plus jamais écrire"

    def __str__(self):
        return self.email_hash[:12]


class AlertItem(models.Model):
    """An article a follower has not been told about yet (batched: one alert per reader per hour)."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="alert_items")
    article = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    entity = models.ForeignKey("entities.Entity", on_delete=models.CASCADE, related_name="+")
    # Set when the reader follows `entity` « et ses filiales » and the article is about this
    # subsidiary only: the e-mail then says why it arrived.
    subsidiary = models.ForeignKey("entities.Entity", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    delivery = models.ForeignKey("audience.Delivery", null=True, blank=True, on_delete=models.SET_NULL, related_name="alert_items")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["subscriber", "article"], name="audience_alert_once_per_article")]
        indexes = [models.Index(fields=["sent_at", "subscriber"])]

    def __str__(self):
        return f"{self.subscriber_id} ← {self.article_id}"
