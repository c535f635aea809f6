"""The knowledge base: organisations and people, their dated roles and deals, and their tags."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, Orderable, PreviewableMixin, RevisionMixin
from wagtail.search import index

from taggit.models import TaggedItemBase

from entities.fields import AliasListField
from entities.forms import EntityForm


class EntityTag(TaggedItemBase):
    """The link between an entity and a django-taggit tag."""

    content_object = ParentalKey("entities.Entity", on_delete=models.CASCADE, related_name="tagged_items")


class Entity(DraftStateMixin, RevisionMixin, PreviewableMixin, index.Indexed, ClusterableModel):
    """An organisation (company, lab, fund, media, institution…) or a person we write about."""

    class Kind(models.TextChoices):
        COMPANY = "entreprise", "Entreprise"
        LAB = "laboratoire", "Laboratoire"
        FUND = "fonds", "Fonds d'investissement"
        MEDIA = "media", "Média"
        INSTITUTION = "institution", "Institution"
        PERSON = "personne", "Personne"

    kind = models.CharField("type", max_length=20, choices=Kind.choices, default=Kind.COMPANY)
    name = models.CharField("nom", max_length=160)
    slug = models.SlugField("identifiant d'URL", max_length=160, unique=True, help_text="Adresse de la page : /entites/<identifiant>/.")
    aliases = AliasListField(
        "autres noms",
        default=list,
        blank=True,
        help_text="Un par ligne : sigles, anciens noms, graphies courantes (« SSI », « Facebook »…). Servent à repérer l'entité dans les textes.",
    )
    description = models.TextField("description courte", max_length=800, blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="logo ou photo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField("texte alternatif de l'image", max_length=250, blank=True)
    website = models.URLField("site web", blank=True)
    wikidata_id = models.CharField(
        "identifiant Wikidata",
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^Q[1-9][0-9]*$", "Un identifiant Wikidata commence par Q suivi de chiffres, par exemple Q380.")],
        help_text="Par exemple Q380 pour Meta. Publié comme « sameAs » pour les moteurs de recherche.",
    )
    tags = ClusterTaggableManager("mots-clés", through=EntityTag, blank=True)
    updated_at = models.DateTimeField("mis à jour", auto_now=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("kind")]),
        FieldPanel("slug"),
        FieldPanel("aliases"),
        FieldPanel("description"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading="Logo ou photo"),
        FieldRowPanel([FieldPanel("website"), FieldPanel("wikidata_id")]),
        FieldPanel("tags"),
        InlinePanel("roles", heading="Fonctions (pour une personne)", label="Fonction"),
        InlinePanel("deals", heading="Opérations (rachats, investissements…)", label="Opération"),
        InlinePanel("subsidiary_links", heading="Filiales (pour un groupe)", label="Filiale"),
    ]

    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("aliases", boost=2),
        index.AutocompleteField("aliases"),
        index.SearchField("description"),
        index.FilterField("kind"),
        index.FilterField("live"),
    ]

    base_form_class = EntityForm

    class Meta:
        ordering = ["name"]
        verbose_name = "entité"
        verbose_name_plural = "entités"

    def __str__(self):
        return self.name

    @property
    def is_person(self) -> bool:
        return self.kind == self.Kind.PERSON

    @property
    def names(self) -> list[str]:
        """The name then every alias: what the mention detector looks for."""
        return [self.name, *self.aliases]

    def clean(self):
        super().clean()
        if self.image_id and not self.image_alt.strip():
            raise ValidationError({"image_alt": "Décrivez l'image : le texte alternatif est obligatoire avec une image."})

    def get_preview_template(self, request, mode_name):
        return "entities/entity_preview.html"

    def get_url_path(self) -> str:
        """The public page (entities/public_paths.py)."""
        from entities.public_paths import entity_path

        return entity_path(self.slug)


def _check_dates(start, end, field="end_date"):
    if start and end and end < start:
        raise ValidationError({field: "La date de fin ne peut pas précéder la date de début."})


class Role(Orderable):
    """What a person does or did at an organisation, with dates when known."""

    class Kind(models.TextChoices):
        FOUNDER = "fondateur", "Fondateur ou fondatrice"
        COFOUNDER = "cofondateur", "Cofondateur ou cofondatrice"
        CEO = "pdg", "PDG"
        FORMER_CEO = "ancien_pdg", "Ancien ou ancienne PDG"
        RESEARCHER = "chercheur", "Chercheur ou chercheuse"
        FORMER_EMPLOYEE = "ancien_salarie", "Ancien ou ancienne salariée"
        EXECUTIVE = "dirigeant", "Dirigeant ou dirigeante"
        JOINED = "a_rejoint", "A rejoint"
        DECLINED = "a_decline", "A décliné une offre"
        INVESTOR = "investisseur", "Investisseur ou investisseuse"

    person = ParentalKey(Entity, on_delete=models.CASCADE, related_name="roles")
    organisation = models.ForeignKey(
        Entity,
        verbose_name="organisation",
        on_delete=models.CASCADE,
        related_name="people_roles",
        limit_choices_to=~models.Q(kind=Entity.Kind.PERSON),
    )
    kind = models.CharField("fonction", max_length=20, choices=Kind.choices)
    title = models.CharField("intitulé précis", max_length=160, blank=True, help_text="Facultatif : « directeur scientifique »…")
    start_date = models.DateField("début", null=True, blank=True)
    end_date = models.DateField("fin", null=True, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("organisation"), FieldPanel("kind")]),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "fonction"
        verbose_name_plural = "fonctions"

    def clean(self):
        super().clean()
        _check_dates(self.start_date, self.end_date)
        if self.organisation_id and self.person_id and self.organisation_id == self.person_id:
            raise ValidationError({"organisation": "Une entité ne peut pas avoir de fonction en elle-même."})


class Deal(Orderable):
    """An operation between two organisations: acquisition, investment, funding round, talks."""

    class Kind(models.TextChoices):
        ACQUISITION = "acquisition", "Acquisition"
        INVESTMENT = "investissement", "Investissement"
        FUNDING = "levee", "Levée de fonds"
        TALKS = "discussions", "Discussions de rachat"

    class Status(models.TextChoices):
        RUMOUR = "rumeur", "Rumeur"
        TALKING = "en_discussion", "En discussion"
        ABANDONED = "abandonne", "Abandonné"
        DONE = "conclu", "Conclu"

    class Currency(models.TextChoices):
        EUR = "EUR", "euros"
        USD = "USD", "dollars"
        GBP = "GBP", "livres sterling"

    source = ParentalKey(Entity, on_delete=models.CASCADE, related_name="deals", verbose_name="acquéreur ou investisseur")
    target = models.ForeignKey(
        Entity,
        verbose_name="cible",
        on_delete=models.CASCADE,
        related_name="deals_received",
        limit_choices_to=~models.Q(kind=Entity.Kind.PERSON),
    )
    kind = models.CharField("type", max_length=20, choices=Kind.choices)
    status = models.CharField("statut", max_length=20, choices=Status.choices, default=Status.DONE)
    date = models.DateField("date", null=True, blank=True)
    amount = models.DecimalField(
        "montant", max_digits=16, decimal_places=0, null=True, blank=True, help_text="En unités, par exemple 14000000000."
    )
    currency = models.CharField("devise", max_length=3, choices=Currency.choices, default=Currency.USD)
    valuation = models.DecimalField("valorisation", max_digits=16, decimal_places=0, null=True, blank=True)
    note = models.CharField("précision", max_length=300, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("target"), FieldPanel("kind"), FieldPanel("status")]),
        FieldRowPanel([FieldPanel("date"), FieldPanel("amount"), FieldPanel("currency"), FieldPanel("valuation")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "opération"
        verbose_name_plural = "opérations"

    def __str__(self):
        # How a deal is named wherever it is chosen (the apps that link to deals, in their admin).
        when = f" ({self.date:%m/%Y})" if self.date else ""
        return f"{self.get_kind_display()} : {self.source} → {self.target}{when}"

    def clean(self):
        super().clean()
        errors = {}
        if self.target_id and self.source_id and self.target_id == self.source_id:
            errors["target"] = "Une organisation ne peut pas faire une opération avec elle-même."
        if self.amount is not None and self.amount <= 0:
            errors["amount"] = "Le montant doit être positif."
        if self.valuation is not None and self.valuation <= 0:
            errors["valuation"] = "La valorisation doit être positive."
        if self.amount is not None and self.valuation is not None and self.kind == self.Kind.INVESTMENT and self.amount > self.valuation:
            errors["amount"] = "Un investissement ne peut pas dépasser la valorisation de la cible."
        if errors:
            raise ValidationError(errors)


class GroupLink(Orderable):
    """A subsidiary of a group, with dates when known (« Meta » → « Instagram » since 2012)."""

    parent = ParentalKey(Entity, on_delete=models.CASCADE, related_name="subsidiary_links", verbose_name="groupe")
    child = models.ForeignKey(
        Entity,
        verbose_name="filiale",
        on_delete=models.CASCADE,
        related_name="parent_links",
        limit_choices_to=~models.Q(kind=Entity.Kind.PERSON),
    )
    start_date = models.DateField("depuis", null=True, blank=True)
    end_date = models.DateField("jusqu’au", null=True, blank=True, help_text="Vide tant que la filiale appartient au groupe.")

    panels = [FieldPanel("child"), FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")])]

    class Meta(Orderable.Meta):
        verbose_name = "filiale"
        verbose_name_plural = "filiales"

    @property
    def current(self) -> bool:
        return self.end_date is None

    def clean(self):
        super().clean()
        _check_dates(self.start_date, self.end_date)
        if self.child_id and self.parent_id and self.child_id == self.parent_id:
            raise ValidationError({"child": "Une organisation ne peut pas être sa propre filiale."})
