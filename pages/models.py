"""« Page simple »: a page of prose under the home page, for the pages French law requires
(mentions légales, accessibility statement, privacy policy) and service pages (contact)."""

from django.db import models
from django.utils import timezone

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from newsroom.reserved_paths import ReservedSlugMixin, ReservedSlugPageForm
from pages.blocks import SimplePageBodyBlock


class SimplePage(ReservedSlugMixin, Page):
    """Title, intro, body and the date of the last change readers are told about."""

    intro = models.TextField("chapô", blank=True, max_length=600, help_text="Facultatif : une ou deux phrases sous le titre.")
    body = StreamField(SimplePageBodyBlock(), verbose_name="contenu", blank=True)
    last_updated = models.DateField(
        "dernière mise à jour",
        default=timezone.localdate,
        help_text="Affichée sous le titre. Changez-la quand le fond du texte change (obligation d’information).",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body"), FieldPanel("last_updated")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    base_form_class = ReservedSlugPageForm
    subpage_types = []

    class Meta:
        verbose_name = "page simple"
        verbose_name_plural = "pages simples"

    @classmethod
    def can_create_at(cls, parent):
        """Only directly under a site's home page (without naming its page type: floors)."""
        return super().can_create_at(parent) and parent.is_site_root()


@register_setting(icon="doc-full")
class LegalInformation(BaseSiteSetting):
    """Who publishes the site, who answers for it and who hosts it (LCEN, article 6).

    The « Mentions légales » page shows these fields through its « Informations légales » block,
    so that a change of director or host is made once, here.
    """

    publisher = models.CharField("éditeur", max_length=200, blank=True, help_text="Raison sociale de la société éditrice.")
    publisher_details = models.TextField(
        "forme, capital et immatriculation", blank=True, help_text="Par exemple : SAS au capital de 10 000 €, RCS Paris 000 000 000."
    )
    publisher_address = models.TextField("adresse de l’éditeur", blank=True)
    publication_director = models.CharField("directeur ou directrice de la publication", max_length=200, blank=True)
    host = models.CharField("hébergeur", max_length=200, blank=True)
    host_address = models.TextField("adresse et téléphone de l’hébergeur", blank=True)
    contact_email = models.EmailField("adresse de contact", blank=True)

    panels = [
        FieldPanel("publisher"),
        FieldPanel("publisher_details"),
        FieldPanel("publisher_address"),
        FieldPanel("publication_director"),
        FieldPanel("host"),
        FieldPanel("host_address"),
        FieldPanel("contact_email"),
    ]

    class Meta:
        verbose_name = "informations légales"
        verbose_name_plural = "informations légales"

    def __str__(self):
        return "Informations légales"
