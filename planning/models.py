"""The newsroom's plan: stories to write (who, for when, how long, where they stand) and the
events the desk covers (keynotes, earnings, trade shows), plus the private calendar feeds."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

# Rubriques are the articles app's section pages: named by content type, never imported.
SECTION_CHOICES = {"content_type__app_label": "articles", "content_type__model": "sectionpage"}
JOURNALISTS = {"groups__name": "Journalistes", "is_active": True}


class PlannedStory(index.Indexed, models.Model):
    """A story the desk plans: subject, angle, rubrique, assigned journalists, due date, length, status."""

    class Status(models.TextChoices):
        IDEA = "idee", "Idée"
        COMMISSIONED = "commande", "Commandé"
        IN_PROGRESS = "en_cours", "En cours"
        REVIEW = "relecture", "Relecture"
        SCHEDULED = "programme", "Programmé"
        PUBLISHED = "publie", "Publié"

    subject = models.CharField("sujet", max_length=200)
    angle = models.TextField("angle", max_length=1000, blank=True, help_text="Ce que l’article doit montrer, en une ou deux phrases.")
    section = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="rubrique",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to=SECTION_CHOICES,
    )
    assignees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name="journalistes", blank=True, related_name="planned_stories", limit_choices_to=JOURNALISTS
    )
    due_date = models.DateField("à rendre le")
    expected_length = models.PositiveIntegerField(
        "longueur prévue (signes)", null=True, blank=True, help_text="Par exemple 6000 pour un article, 2500 pour une brève."
    )
    status = models.CharField("état", max_length=12, choices=Status.choices, default=Status.IDEA)
    draft = models.ForeignKey(
        "wagtailcore.Page", verbose_name="article", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    notes = models.TextField("notes", blank=True)
    created_at = models.DateTimeField("créé le", default=timezone.now, editable=False)

    panels = [
        FieldPanel("subject"),
        FieldPanel("angle"),
        FieldRowPanel([FieldPanel("section"), FieldPanel("due_date"), FieldPanel("expected_length")]),
        FieldPanel("assignees"),
        FieldPanel("status"),
        FieldPanel("notes"),
    ]
    search_fields = [index.SearchField("subject"), index.AutocompleteField("subject"), index.SearchField("angle")]

    class Meta:
        ordering = ["due_date", "subject"]
        verbose_name = "sujet prévu"
        verbose_name_plural = "sujets prévus"

    def __str__(self):
        return self.subject


class NewsroomEvent(index.Indexed, models.Model):
    """A date the desk must cover: a keynote, earnings, a trade show."""

    title = models.CharField("événement", max_length=200)
    starts_at = models.DateTimeField("début", help_text="Heure de Paris.")
    ends_at = models.DateTimeField("fin", null=True, blank=True)
    place = models.CharField("lieu", max_length=200, blank=True, help_text="Ville, salle, ou « en ligne ».")
    entities = models.ManyToManyField("entities.Entity", verbose_name="entités concernées", blank=True, related_name="+")
    notes = models.TextField("notes", blank=True)

    panels = [
        FieldPanel("title"),
        MultiFieldPanel([FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]), FieldPanel("place")], heading="Quand et où"),
        FieldPanel("entities"),
        FieldPanel("notes"),
    ]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title"), index.SearchField("place")]

    class Meta:
        ordering = ["starts_at"]
        verbose_name = "événement"
        verbose_name_plural = "événements"

    def __str__(self):
        return self.title

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.ends_at and self.starts_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": "La fin ne peut pas précéder le début."})


class CalendarFeed(models.Model):
    """A private ICS address: one person's assignments, or the whole desk's plan (`user` empty).
    Only the digest of its key is stored; revoking it stops calendar apps at their next refresh."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="personne", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    key_digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField("créé le", default=timezone.now)
    revoked_at = models.DateTimeField("révoqué le", null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "agenda privé"
        verbose_name_plural = "agendas privés"

    def __str__(self):
        return f"Agenda de {self.user}" if self.user_id else "Agenda de la rédaction"
