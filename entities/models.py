"""The knowledge base: organisations and people, their dated roles and deals, and their tags."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone

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
        FUND = "fonds", "Fonds d’investissement"
        MEDIA = "media", "Média"
        INSTITUTION = "institution", "Institution"
        PERSON = "personne", "Personne"

    kind = models.CharField("type", max_length=20, choices=Kind.choices, default=Kind.COMPANY)
    name = models.CharField("nom", max_length=160)
    slug = models.SlugField("identifiant d’URL", max_length=160, unique=True, help_text="Adresse de la page : /entites/<identifiant>/.")
    aliases = AliasListField(
        "autres noms",
        default=list,
        blank=True,
        help_text="Un par ligne : sigles, anciens noms, graphies courantes (« SSI », « Facebook »…). Servent à repérer l’entité dans les textes.",
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
    image_alt = models.CharField("texte alternatif de l’image", max_length=250, blank=True)
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
            raise ValidationError({"image_alt": "Décrivez l’image : le texte alternatif est obligatoire avec une image."})

    def get_preview_template(self, request, mode_name):
        return "entities/entity_preview.html"

    def get_url_path(self) -> str:
        """The public page (entities/public_paths.py)."""
        from entities.public_paths import entity_path

        return entity_path(self.slug)

    def publish(self, revision, *args, **kwargs):
        """Publish `revision` (Wagtail) and record in the public fact history what it changes in
        the entity's deals, roles and group links (entities/fact_history.py).

        Every publication goes through here: the admin, `revision.publish()`, scheduled
        publishing. Draft saves and bulk loads do not, so they record nothing."""
        from entities.fact_history import recording_fact_changes

        with recording_fact_changes(self, revision):
            return super().publish(revision, *args, **kwargs)


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


class FactChange(models.Model):
    """One change of a published fact, as readers saw it change: a deal's amount, valuation, status
    or date, a role or a group link added, ended, changed or removed.

    Written when an entity is published (entities/fact_history.py), never edited. `summary` is a
    French sentence with the names as they were then; deal figures keep their raw values (units,
    ISO dates, status codes) and are written out on display, roles and group links keep the French
    description of their period. The change shows on the page of `entity` (whose publication made
    it) and on the page of `other` (the target, the organisation, the subsidiary)."""

    class Kind(models.TextChoices):
        DEAL_ADDED = "operation_ajoutee", "Nouvelle opération"
        DEAL_REMOVED = "operation_retiree", "Opération retirée"
        DEAL_AMOUNT = "montant", "Montant"
        DEAL_VALUATION = "valorisation", "Valorisation"
        DEAL_STATUS = "statut", "Statut"
        DEAL_DATE = "date", "Date d’une opération"
        ROLE_ADDED = "fonction_ajoutee", "Nouvelle fonction"
        ROLE_ENDED = "fonction_terminee", "Fin de fonction"
        ROLE_CHANGED = "fonction_modifiee", "Fonction modifiée"
        ROLE_REMOVED = "fonction_retiree", "Fonction retirée"
        GROUP_ADDED = "groupe_entree", "Entrée dans le groupe"
        GROUP_LEFT = "groupe_sortie", "Sortie du groupe"
        GROUP_CHANGED = "groupe_modifie", "Appartenance au groupe modifiée"
        GROUP_REMOVED = "groupe_retire", "Lien de groupe retiré"

    entity = models.ForeignKey(Entity, verbose_name="entité publiée", on_delete=models.CASCADE, related_name="fact_changes")
    # A real related name (not "+"): entity_merge moves every foreign key it finds on Entity.
    other = models.ForeignKey(
        Entity,
        verbose_name="autre entité",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="fact_changes_as_other",
    )
    when = models.DateTimeField("date", default=timezone.now)
    kind = models.CharField("type", max_length=20, choices=Kind.choices)
    summary = models.CharField("fait", max_length=400)
    old_value = models.CharField("ancienne valeur", max_length=300, blank=True)
    old_currency = models.CharField("ancienne devise", max_length=3, blank=True)
    new_value = models.CharField("nouvelle valeur", max_length=300, blank=True)
    new_currency = models.CharField("nouvelle devise", max_length=3, blank=True)
    deal = models.ForeignKey(Deal, verbose_name="opération", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    role = models.ForeignKey(Role, verbose_name="fonction", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    group_link = models.ForeignKey(
        GroupLink, verbose_name="lien de groupe", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision", verbose_name="révision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-when", "-pk"]
        verbose_name = "changement d’un fait"
        verbose_name_plural = "historique des faits"
        # The newest changes shown on an entity's page: those it published, those about it.
        indexes = [
            models.Index(fields=["entity", "-when"], name="entities_fact_entity_when"),
            models.Index(fields=["other", "-when"], name="entities_fact_other_when"),
        ]

    def __str__(self):
        values = self.values_display
        return f"{self.summary}\u00a0: {values}" if values else self.summary

    @property
    def when_fr(self) -> str:
        """« 5 décembre 2026 »."""
        from entities.fact_history import day_fr

        return day_fr(self.when)

    @property
    def values_display(self) -> str:
        """The values as readers read them: « 14 milliards de dollars → 15 milliards de dollars »."""
        from entities.fact_history import values_display

        return values_display(self)
