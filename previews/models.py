"""A shareable preview link: who may see the latest version of a page, until when, and how often it was used."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

DEFAULT_LIFETIME = datetime.timedelta(days=7)


class PreviewLink(models.Model):
    """One link handed to an advertiser or an expert. The URL holds a random key, signed; only its
    SHA-256 digest is stored, so a database dump gives no working link. Uses are counted without
    recording who used it (no address, no user agent)."""

    page = models.ForeignKey("wagtailcore.Page", verbose_name="page", on_delete=models.CASCADE, related_name="preview_links")
    key_digest = models.CharField("empreinte de la clé", max_length=64, unique=True, editable=False)
    label = models.CharField(
        "destinataire", max_length=120, blank=True, help_text="Pour vous y retrouver : « annonceur », « expert cité »…"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="créé par", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("créé le", default=timezone.now)
    expires_at = models.DateTimeField("expire le")
    revoked_at = models.DateTimeField("révoqué le", null=True, blank=True)
    allow_embargoed = models.BooleanField("autorisé malgré l’embargo", default=False)
    use_count = models.PositiveIntegerField("consultations", default=0)
    last_used_at = models.DateTimeField("dernière consultation", null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "lien de prévisualisation"
        verbose_name_plural = "liens de prévisualisation"

    def __str__(self):
        return f"Aperçu de « {self.page.get_admin_display_title()} »"

    def is_active(self, *, now=None) -> bool:
        """Neither revoked nor expired."""
        return self.revoked_at is None and self.expires_at > (now or timezone.now())
