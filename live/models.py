"""« En direct »: a live page under a rubrique, and its updates as rows of their own.

Updates are not page revisions: several journalists post at once without edit conflicts and
without re-publishing the page. Each change of an update (posted, corrected, deleted) takes the
next number of the page's `update_seq`, under the page row's lock, so a reader asking « what
changed since number N » never misses a change committed after its last look.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, MultipleChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from taggit.models import TaggedItemBase

from newsroom.restrictions import ViewRestrictionsMixin

UPDATE_FEATURES = ["bold", "italic", "link"]
SUMMARY_FEATURES = ["bold", "italic", "link", "ul"]


class LivePage(ViewRestrictionsMixin, Page):
    """A live coverage (keynote, launch, trial): headline, chapô, « L'essentiel » and updates.

    Its state is set by the rédaction en chef (publishing the page): journalists post updates
    only while it is « en cours ».
    """

    class State(models.TextChoices):
        UPCOMING = "a_venir", "À venir"
        RUNNING = "en_cours", "En cours"
        ENDED = "termine", "Terminé"

    chapo = models.TextField("chapô", max_length=600, help_text="Le paragraphe d’introduction, sous le titre.")
    hero_image = models.ForeignKey(
        "wagtailimages.Image", verbose_name="image principale", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hero_alt = models.CharField("texte alternatif de l’image", max_length=250, blank=True)
    state = models.CharField(
        "état",
        max_length=10,
        choices=State.choices,
        default=State.UPCOMING,
        help_text="« En cours » ouvre le direct aux journalistes ; « Terminé » arrête l’actualisation chez les lecteurs.",
    )
    starts_at = models.DateTimeField("début", help_text="Heure de Paris.")
    ends_at = models.DateTimeField("fin", null=True, blank=True, help_text="Laissez vide : renseignée quand le direct est terminé.")
    summary = RichTextField(
        "l’essentiel",
        features=SUMMARY_FEATURES,
        blank=True,
        help_text="Le résumé épinglé en tête, réécrit au fil de l’événement.",
    )
    tags = ClusterTaggableManager("mots-clés", through="live.LiveTag", blank=True)
    # Bumped (under the row's lock) by every posted, corrected or deleted update: see the module.
    update_seq = models.PositiveIntegerField(default=0, editable=False)

    content_panels = [
        *Page.content_panels,
        FieldPanel("chapo"),
        MultiFieldPanel([FieldPanel("state"), FieldPanel("starts_at"), FieldPanel("ends_at")], heading="Déroulé"),
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("hero_image"), FieldPanel("hero_alt")], heading="Image principale"),
        MultipleChooserPanel("live_authors", chooser_field_name="author", heading="Auteurs", label="Auteur"),
        FieldPanel("tags"),
        MultipleChooserPanel("entity_links", chooser_field_name="entity", heading="Entités liées", label="Entité"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("chapo"), index.SearchField("summary")]

    route_select_related = ("hero_image",)
    parent_page_types = ["articles.SectionPage"]
    subpage_types = []

    class Meta:
        verbose_name = "direct"
        verbose_name_plural = "directs"

    def clean(self):
        super().clean()
        if self.hero_image_id and not self.hero_alt.strip():
            raise ValidationError({"hero_alt": "Décrivez l’image principale : le texte alternatif est obligatoire avec une image."})
        if self.state == self.State.ENDED and self.ends_at is None:
            # The end the readers and search engines are told: when the desk closed it.
            self.ends_at = timezone.now()
        if self.ends_at and self.starts_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": "La fin du direct ne peut pas précéder son début."})

    @property
    def is_running(self) -> bool:
        return self.state == self.State.RUNNING

    @property
    def published_at(self):
        """When readers first saw it (its start for a page not yet published)."""
        return self.first_published_at or self.starts_at

    def get_context(self, request, *args, **kwargs):
        from live.page_context import live_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(live_page_context(page=self, request=request))
        return context


class LiveTag(TaggedItemBase):
    """The link between a live page and a django-taggit tag."""

    content_object = ParentalKey(LivePage, on_delete=models.CASCADE, related_name="tagged_items")


class LiveAuthor(Orderable):
    """A byline of the live page (the Author snippet: the same profiles as articles)."""

    page = ParentalKey(LivePage, on_delete=models.CASCADE, related_name="live_authors")
    author = models.ForeignKey("articles.Author", verbose_name="auteur", on_delete=models.PROTECT, related_name="live_bylines")

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        verbose_name = "auteur du direct"
        verbose_name_plural = "auteurs du direct"


class LiveEntity(Orderable):
    """An organisation or person the live is about."""

    page = ParentalKey(LivePage, on_delete=models.CASCADE, related_name="entity_links")
    entity = models.ForeignKey("entities.Entity", verbose_name="entité", on_delete=models.CASCADE, related_name="live_links")

    panels = [FieldPanel("entity")]

    class Meta(Orderable.Meta):
        verbose_name = "entité liée"
        verbose_name_plural = "entités liées"


class LiveUpdate(models.Model):
    """One timestamped update of a live page: short rich text, an optional image, link or quote.

    The poster is the Django user (who posted is a login, not a byline: a journalist's account is
    what the form knows); their name is copied at posting so that the page never changes when an
    account is renamed or removed. Corrections keep the previous text in `LiveUpdateVersion`;
    a deletion only hides the update (`deleted_at`).
    """

    page = models.ForeignKey(LivePage, verbose_name="direct", on_delete=models.CASCADE, related_name="updates")
    posted_at = models.DateTimeField("heure", default=timezone.now, db_index=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="auteur", null=True, blank=True, on_delete=models.SET_NULL, related_name="live_updates"
    )
    author_name = models.CharField("signature", max_length=150)
    body = RichTextField("texte", features=UPDATE_FEATURES, max_length=3000)
    important = models.BooleanField("important", default=False, help_text="Mise en avant chez les lecteurs et dans le flux.")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name="image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    image_alt = models.CharField("texte alternatif de l’image", max_length=250, blank=True)
    link_url = models.URLField("lien ou vidéo à citer", blank=True, help_text="Montré comme un lien : aucun contenu tiers chargé d’office.")
    quote = models.TextField("citation", max_length=600, blank=True)
    quote_source = models.CharField("auteur de la citation", max_length=150, blank=True)
    seq = models.PositiveIntegerField("numéro de changement", default=0, editable=False)
    corrected_at = models.DateTimeField("corrigée le", null=True, blank=True)
    deleted_at = models.DateTimeField("supprimée le", null=True, blank=True)

    class Meta:
        verbose_name = "mise à jour"
        verbose_name_plural = "mises à jour"
        ordering = ["-posted_at", "-pk"]
        indexes = [models.Index(fields=["page", "seq"], name="live_update_page_seq_idx")]

    def __str__(self):
        return f"{self.page_id} · {self.posted_at:%H:%M} · {self.author_name}"

    @property
    def anchor(self) -> str:
        """The permalink anchor of the update on the page."""
        return f"maj-{self.pk}"


class LiveUpdateVersion(models.Model):
    """What an update said before a correction or a deletion: the history the desk can read."""

    update = models.ForeignKey(LiveUpdate, on_delete=models.CASCADE, related_name="versions")
    body = models.TextField("texte")
    quote = models.TextField("citation", blank=True)
    link_url = models.URLField("lien", blank=True)
    replaced_at = models.DateTimeField("remplacée le", default=timezone.now)
    replaced_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField("action", max_length=12, choices=[("correction", "Correction"), ("suppression", "Suppression")])

    class Meta:
        verbose_name = "version précédente"
        verbose_name_plural = "versions précédentes"
        ordering = ["-replaced_at"]

    def __str__(self):
        return f"{self.get_action_display()} · {self.replaced_at:%Y-%m-%d %H:%M}"
