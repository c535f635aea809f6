"""The reader's forms: signing up (with consent and a honeypot) and changing one's lists."""

from dataclasses import dataclass

from django import forms
from django.forms.boundfield import BoundWidget

from audience.consent import CONSENT_TEXT


@dataclass(frozen=True)
class EntityChoice:
    """One followed (or offered) entity on a form: its checkbox and, when it heads a group, the
    « et ses filiales » checkbox under it with the first subsidiaries' names."""

    entity: object
    follow: BoundWidget
    subsidiaries: BoundWidget | None
    members: list


class ListsMixin(forms.Form):
    daily = forms.BooleanField(
        label="L’essentiel du jour", required=False, help_text="Chaque matin, les articles de la veille, par rubrique."
    )
    weekly = forms.BooleanField(label="La semaine", required=False, help_text="Le samedi, le meilleur de la semaine.")
    entities = forms.TypedMultipleChoiceField(label="Entités suivies", required=False, coerce=int, widget=forms.CheckboxSelectMultiple)
    subsidiaries = forms.TypedMultipleChoiceField(
        label="Et leurs filiales", required=False, coerce=int, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, entities=(), groups=None, **kwargs):
        """`groups`: {entity id: its current subsidiaries} (entities.groups.current_subsidiaries).
        « et ses filiales » is offered for an entity with current subsidiaries, or already chosen
        for it (so that the reader can untick it after the group changed)."""
        super().__init__(*args, **kwargs)
        self.groups = groups or {}
        self.fields["entities"].choices = [(entity.pk, f"Suivre {entity.name}") for entity in entities]
        offered = [entity for entity in entities if self.groups.get(entity.pk) or getattr(entity, "followed_with_subsidiaries", False)]
        self.fields["subsidiaries"].choices = [(entity.pk, f"{entity.name} et ses filiales") for entity in offered]
        self._entities = list(entities)
        if not offered:
            del self.fields["subsidiaries"]
        if not entities:
            del self.fields["entities"]

    def chosen_entities(self) -> list[int]:
        return self.cleaned_data.get("entities") or []

    def chosen_subsidiaries(self) -> list[int]:
        """The entities followed « et ses filiales »: only among those followed (a ticked « et ses
        filiales » under an unticked entity means nothing)."""
        followed = set(self.chosen_entities())
        return [pk for pk in self.cleaned_data.get("subsidiaries") or [] if pk in followed]

    def entity_choices(self) -> list[EntityChoice]:
        """The entities' checkboxes in order, each with its « et ses filiales » checkbox if offered."""
        if "entities" not in self.fields:
            return []
        follows = {widget.data["value"]: widget for widget in self["entities"]}
        with_group = {widget.data["value"]: widget for widget in self["subsidiaries"]} if "subsidiaries" in self.fields else {}
        return [
            EntityChoice(entity, follows[entity.pk], with_group.get(entity.pk), self.groups.get(entity.pk, []))
            for entity in self._entities
            if entity.pk in follows
        ]


class SubscribeForm(ListsMixin):
    """A sign-up: an address, at least one list or entity, the consent box ticked by the reader."""

    email = forms.EmailField(
        label="Votre adresse e-mail",
        max_length=254,
        error_messages={"required": "Indiquez votre adresse e-mail.", "invalid": "Cette adresse e-mail n’est pas valide."},
    )
    consent = forms.BooleanField(label=CONSENT_TEXT, error_messages={"required": "Cochez la case pour confirmer votre accord."})
    # The honeypot: hidden from readers (CSS and aria-hidden), filled by sign-up robots.
    website = forms.CharField(label="Ne pas remplir ce champ", required=False)

    field_order = ["email", "daily", "weekly", "entities", "subsidiaries", "consent", "website"]

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("daily") or cleaned.get("weekly") or cleaned.get("entities")):
            raise forms.ValidationError("Choisissez au moins une lettre ou une entité à suivre.")
        return cleaned

    def is_robot(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class ManageForm(ListsMixin):
    """The managing page: lists and followed entities, ticked as they are."""
