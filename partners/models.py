"""A partner: a logo, a link and a schedule, shown in the « Ils nous font confiance » block.

Partners are snippets run by sales. They never import articles or entities: sections are targeted
through Wagtail's own page model, and the article side refers to `"partners.Partner"` by string.
"""

import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils import timezone
from django.utils.deconstruct import deconstructible

from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import RevisionMixin
from wagtail.search import index

from partners.partner_form import PartnerForm

PARIS = ZoneInfo("Europe/Paris")


def paris_today() -> datetime.date:
    """Today's date in Paris: campaigns start and end at midnight, Paris time, whatever the server's zone."""
    return timezone.now().astimezone(PARIS).date()


class Placement(models.TextChoices):
    """Where a partner block can appear; the value is also the path segment of the click URL."""

    SITE = "site", "Tout le site (pied de page)"
    HOME = "accueil", "Page d’accueil"
    ARTICLE = "article", "Pages article"
    SECTION = "rubrique", "Rubriques choisies"
    CONTENT = "contenu", "Bloc inséré dans un article"
    SPONSORSHIP = "parrainage", "Parrainage d’une rubrique ou d’un sujet"


class Tier(models.TextChoices):
    PREMIUM = "premium", "Premium"
    STANDARD = "standard", "Standard"
    COMMUNITY = "communaute", "Communauté"


@deconstructible
class HttpsOnlyValidator:
    """A partner's address must be https: says so plainly, before judging the rest of the address."""

    message = "L’adresse doit commencer par https:// (par exemple https://exemple.fr/)."

    def __call__(self, value):
        if not str(value).lower().startswith("https://"):
            raise ValidationError(self.message, code="https_required")
        URLValidator(schemes=["https"], message="Saisissez une adresse complète, par exemple https://exemple.fr/.")(value)

    def __eq__(self, other):
        return isinstance(other, HttpsOnlyValidator)


https_only = HttpsOnlyValidator()


class PartnerQuerySet(models.QuerySet):
    def active(self, *, on: datetime.date | None = None):
        """Partners shown on `on` (today in Paris by default): not archived, inside their dates."""
        on = on or paris_today()
        return (
            self.filter(archived=False, active_from__lte=on)
            .filter(models.Q(active_until__isnull=True) | models.Q(active_until__gte=on))
            .exclude(logo__isnull=True)
        )

    def for_placement(self, placement: str, *, section_id: int | None = None):
        """Partners shown by the block of `placement`.

        A page shows one block: its own placement's partners plus the site-wide ones, so a partner
        that is both site-wide and on article pages appears once, not twice.
        """
        site_wide = models.Q(on_site=True)
        if placement == Placement.SITE:
            return self.filter(site_wide)
        if placement == Placement.HOME:
            return self.filter(site_wide | models.Q(on_home=True))
        if placement == Placement.ARTICLE:
            return self.filter(site_wide | models.Q(on_articles=True))
        if placement == Placement.CONTENT:
            # « Tous les partenaires actifs », dropped into a page by a journalist.
            return self
        if placement == Placement.SECTION:
            return self.filter(site_wide | models.Q(sections=section_id)) if section_id else self.filter(site_wide)
        return self.none()


class Partner(RevisionMixin, index.Indexed, ClusterableModel):
    """A company shown with its logo; sales schedule, order and archive it."""

    base_form_class = PartnerForm

    name = models.CharField("nom", max_length=120)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="logo",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="PNG, JPEG ou WebP, idéalement sur fond transparent, à ranger dans la collection « Partenaires ».",
    )
    logo_alt = models.CharField(
        "texte alternatif du logo",
        max_length=200,
        help_text="Ce que dit le logo, pour les lecteurs qui ne le voient pas (souvent le nom du partenaire).",
    )
    url = models.URLField(
        "adresse de destination",
        max_length=500,
        validators=[https_only],
        help_text="La page du partenaire ouverte au clic, en https://.",
    )
    tier = models.CharField("niveau", max_length=20, choices=Tier.choices, default=Tier.STANDARD)
    sort_order = models.IntegerField("ordre", default=0, editable=False, db_index=True)
    active_from = models.DateField("visible à partir du", default=paris_today, help_text="Inclus, heure de Paris.")
    active_until = models.DateField("visible jusqu’au", null=True, blank=True, help_text="Inclus, heure de Paris. Vide : sans fin.")
    on_site = models.BooleanField("sur tout le site", default=True, help_text="Dans le bloc « Ils nous font confiance » en pied de page.")
    on_home = models.BooleanField("sur la page d’accueil", default=False)
    on_articles = models.BooleanField("sur les pages article", default=False)
    sections = ParentalManyToManyField(
        "wagtailcore.Page",
        verbose_name="rubriques",
        blank=True,
        related_name="+",
        # The pages right under the home page (the rubriques): partners name no page type, not even
        # by a string (docs/architecture.md). The root is depth 1, the home page depth 2.
        limit_choices_to={"depth": 3},
        help_text="Le bloc de ces rubriques (leur page) montre aussi ce partenaire.",
    )
    sponsored_sections = ParentalManyToManyField(
        "wagtailcore.Page",
        verbose_name="rubriques parrainées",
        blank=True,
        related_name="+",
        limit_choices_to={"depth": 3},
        help_text="« Rubrique … en partenariat avec » ce partenaire, en tête de la rubrique, pendant ses dates.",
    )
    sponsored_tags = ParentalManyToManyField(
        "taggit.Tag",
        verbose_name="sujets parrainés",
        blank=True,
        related_name="+",
        help_text="« Sujet … en partenariat avec » ce partenaire, en tête de la page du sujet, pendant ses dates.",
    )
    note = models.TextField("note interne", blank=True, help_text="Jamais publiée : contrat, contact, conditions.")
    archived = models.BooleanField(
        "archivé", default=False, help_text="Un partenaire archivé n’apparaît plus nulle part ; ses statistiques restent."
    )
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    sort_order_field = "sort_order"

    objects = PartnerQuerySet.as_manager()

    panels = [
        MultiFieldPanel([FieldPanel("name"), FieldPanel("url"), FieldPanel("tier")], heading="Partenaire"),
        MultiFieldPanel([FieldPanel("logo"), FieldPanel("logo_alt")], heading="Logo"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("active_from"), FieldPanel("active_until")]), FieldPanel("archived")],
            heading="Calendrier",
        ),
        MultiFieldPanel(
            [
                FieldPanel("on_site"),
                FieldPanel("on_home"),
                FieldPanel("on_articles"),
                FieldPanel("sections", widget=forms.CheckboxSelectMultiple),
            ],
            heading="Emplacements",
        ),
        MultiFieldPanel(
            [
                FieldPanel("sponsored_sections", widget=forms.CheckboxSelectMultiple),
                FieldPanel("sponsored_tags"),
            ],
            heading="Parrainages",
        ),
        FieldPanel("note"),
    ]

    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.SearchField("note")]

    class Meta:
        verbose_name = "partenaire"
        verbose_name_plural = "partenaires"
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.active_until and self.active_from and self.active_until < self.active_from:
            raise ValidationError({"active_until": "La date de fin précède la date de début."})

    def save(self, *args, **kwargs):
        # A new partner goes to the end of the list; sales then drag it where they want.
        if self._state.adding and not self.sort_order:
            last = Partner.objects.aggregate(last=models.Max("sort_order"))["last"]
            self.sort_order = (last or 0) + 1
        super().save(*args, **kwargs)

    def is_active(self, *, on: datetime.date | None = None) -> bool:
        on = on or paris_today()
        return (
            not self.archived
            and self.logo_id is not None
            and self.active_from <= on
            and (self.active_until is None or on <= self.active_until)
        )

    is_active.boolean = True
    is_active.short_description = "visible aujourd'hui"

    def status(self, *, today: datetime.date | None = None) -> str:
        """In French, for the admin list: « archivé », « programmé », « terminé » or « en ligne »."""
        today = today or paris_today()
        if self.archived:
            return "archivé"
        if self.active_from > today:
            return "programmé"
        if self.active_until and self.active_until < today:
            return "terminé"
        return "en ligne"

    status.short_description = "statut"


class ClickCount(models.Model):
    """Impressions and clicks of a partner, one row per partner, placement and Paris day.

    No visitor data at all (no IP, no user agent, no cookie): counters are all a report needs.
    """

    partner = models.ForeignKey(Partner, verbose_name="partenaire", on_delete=models.CASCADE, related_name="click_counts")
    placement = models.CharField("emplacement", max_length=20, choices=Placement.choices)
    day = models.DateField("jour")
    clicks = models.PositiveIntegerField("clics", default=0)
    impressions = models.PositiveIntegerField("affichages", default=0)

    class Meta:
        verbose_name = "statistiques par jour"
        verbose_name_plural = "statistiques par jour"
        constraints = [models.UniqueConstraint(fields=["partner", "placement", "day"], name="partners_one_count_per_day")]
        indexes = [models.Index(fields=["day"])]

    def __str__(self):
        return f"{self.partner} · {self.placement} · {self.day} : {self.impressions} affichages, {self.clicks} clics"
