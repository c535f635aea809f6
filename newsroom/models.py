"""Site-wide settings editable by the Rédaction en chef in « Paramètres »."""

from django.db import models

from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class SiteIdentity(BaseSiteSetting):
    """The outlet's name and slogan, shown in the header, titles and metadata of every page."""

    name = models.CharField("nom du site", max_length=80, default="Newsroom")
    slogan = models.CharField("slogan", max_length=160, default="Réinventez demain avec l'IA", blank=True)
    description = models.TextField(
        "description",
        blank=True,
        default="L'actualité de l'intelligence artificielle : entreprises, recherche, argent et société.",
        help_text="Description par défaut des pages qui n'en ont pas (moteurs de recherche, réseaux sociaux).",
    )

    class Meta:
        verbose_name = "identité du site"
        verbose_name_plural = "identité du site"

    def __str__(self):
        return self.name
