"""The reader's forms: signing up (with consent and a honeypot) and changing one's lists."""

from django import forms

from audience.consent import CONSENT_TEXT


class ListsMixin(forms.Form):
    daily = forms.BooleanField(
        label="L’essentiel du jour", required=False, help_text="Chaque matin, les articles de la veille, par rubrique."
    )
    weekly = forms.BooleanField(label="La semaine", required=False, help_text="Le samedi, le meilleur de la semaine.")
    entities = forms.TypedMultipleChoiceField(label="Entités suivies", required=False, coerce=int, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, entities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entities"].choices = [(entity.pk, f"Suivre {entity.name}") for entity in entities]
        if not entities:
            del self.fields["entities"]

    def chosen_entities(self) -> list[int]:
        return self.cleaned_data.get("entities") or []


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

    field_order = ["email", "daily", "weekly", "entities", "consent", "website"]

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("daily") or cleaned.get("weekly") or cleaned.get("entities")):
            raise forms.ValidationError("Choisissez au moins une lettre ou une entité à suivre.")
        return cleaned

    def is_robot(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class ManageForm(ListsMixin):
    """The managing page: lists and followed entities, ticked as they are."""
