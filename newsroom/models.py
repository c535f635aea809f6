"""Site-wide settings editable by the Rédaction en chef in « Paramètres »."""

from django.db import models

from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting, register_setting
from wagtail.embeds.models import Embed
from wagtail.images import get_image_model_string


@register_setting(icon="site")
class SiteIdentity(BaseSiteSetting):
    """The outlet's name and slogan, shown in the header, titles and metadata of every page."""

    name = models.CharField("nom du site", max_length=80, default="Newsroom")
    slogan = models.CharField("slogan", max_length=160, default="Réinventez demain avec l’IA", blank=True)
    description = models.TextField(
        "description",
        blank=True,
        default="L’actualité de l’intelligence artificielle : entreprises, recherche, argent et société.",
        help_text="Description par défaut des pages qui n’en ont pas (moteurs de recherche, réseaux sociaux).",
    )
    # PNG or WebP through the image chooser (SVG uploads are refused: newsroom/uploads.py).
    logo = models.ForeignKey(
        get_image_model_string(),
        verbose_name="logo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Facultatif : une image PNG ou WebP (le nom du site lui sert de texte alternatif). "
        "Vide : notre logo par défaut suivi du nom du site.",
    )

    class Meta:
        verbose_name = "identité du site"
        verbose_name_plural = "identité du site"

    def __str__(self):
        return self.name


@register_setting(icon="key")
class TwoFactorPolicy(BaseGenericSetting):
    """Who must confirm their admin login with a second factor (an authenticator app or a backup code).

    The environment variable NEWSROOM_REQUIRE_2FA=1 forces both requirements on, whatever is saved
    here, so a deployment can make it mandatory without trusting the database.
    """

    require_for_editors = models.BooleanField(
        "exiger pour la Rédaction en chef",
        default=False,
        help_text="Les membres du groupe « Rédaction en chef » doivent saisir un code à usage unique après leur mot de passe.",
    )
    require_for_superusers = models.BooleanField(
        "exiger pour les super-utilisateurs",
        default=False,
        help_text="Les super-utilisateurs doivent saisir un code à usage unique après leur mot de passe.",
    )

    class Meta:
        verbose_name = "double authentification"
        verbose_name_plural = "double authentification"

    def __str__(self):
        return "Double authentification"


class EmbedThumbnail(models.Model):
    """The local copy of an embed's thumbnail (one per stored oEmbed answer; newsroom/embed_thumbnails.py)."""

    embed = models.OneToOneField(Embed, on_delete=models.CASCADE, related_name="local_thumbnail")
    image = models.ForeignKey(get_image_model_string(), on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = "vignette de contenu intégré"
        verbose_name_plural = "vignettes de contenus intégrés"

    def __str__(self):
        return f"Vignette de {self.embed_id}"
