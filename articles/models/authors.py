"""Journalist profiles: bylines that need no login account."""

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Author(index.Indexed, models.Model):
    """A byline: name, photo and short biography, with a public page listing the articles."""

    name = models.CharField("nom", max_length=120)
    slug = models.SlugField(
        "identifiant d’URL",
        max_length=120,
        unique=True,
        help_text="Utilisé dans l’adresse de la page de l’auteur : /auteurs/<identifiant>/.",
    )
    role = models.CharField("fonction", max_length=120, blank=True, help_text="Par exemple « Journaliste, intelligence artificielle ».")
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="photo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bio = models.TextField("biographie courte", max_length=600, blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("role"), FieldPanel("photo"), FieldPanel("bio")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.FilterField("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name = "auteur"
        verbose_name_plural = "auteurs"

    def __str__(self):
        return self.name
