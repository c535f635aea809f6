"""The one short form a journalist fills to post (or correct) an update."""

from django import forms
from django.utils.html import strip_tags

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.images.widgets import AdminImageChooser

from live.models import LiveUpdate


class LiveUpdateForm(WagtailAdminModelForm):
    """Text (required), « important », then an optional image, link or quote."""

    link_url = forms.URLField(
        label="Lien ou vidéo à citer",
        required=False,
        assume_scheme="https",
        help_text="Montré comme un lien : aucun contenu tiers chargé d’office.",
    )

    class Meta:
        model = LiveUpdate
        fields = ["body", "important", "image", "image_alt", "link_url", "quote", "quote_source"]
        labels = {"body": "Texte de la mise à jour"}
        widgets = {"image": AdminImageChooser}

    def clean_body(self):
        body = self.cleaned_data.get("body") or ""
        if not " ".join(strip_tags(body).split()):
            raise forms.ValidationError("Écrivez le texte de la mise à jour.")
        return body

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("image") and not (cleaned.get("image_alt") or "").strip():
            self.add_error("image_alt", "Décrivez l’image : le texte alternatif est obligatoire avec une image.")
        if cleaned.get("quote_source") and not (cleaned.get("quote") or "").strip():
            self.add_error("quote", "Saisissez la citation, ou effacez son auteur.")
        return cleaned

    def fields_for_service(self) -> dict:
        """The cleaned values, as keyword arguments of live.services."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
