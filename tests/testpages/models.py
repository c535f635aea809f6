from django.db import models

from wagtail.models import Page

from newsroom.restrictions import ViewRestrictionsMixin


class NotePage(ViewRestrictionsMixin, Page):
    """A short note, under a rubrique or the home page: a page type no routing or purge code names."""

    text = models.TextField("texte", blank=True)

    parent_page_types = ["articles.SectionPage", "articles.HomePage"]
    subpage_types = []
    # Made by the tests only: the editors' « Ajouter une sous-page » keeps going straight to an article.
    is_creatable = False

    class Meta:
        verbose_name = "note"
