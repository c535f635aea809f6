"""A list of aliases stored as JSON and edited as one alias per line."""

from django import forms
from django.db import models


class AliasListFormField(forms.CharField):
    """One alias per line (commas also separate); blanks and duplicates dropped, order kept."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(value)
        return value

    def to_python(self, value):
        if isinstance(value, list):
            return value
        text = super().to_python(value) or ""
        aliases = []
        for line in text.replace(",", "\n").splitlines():
            alias = " ".join(line.split())
            if alias and alias.casefold() not in {a.casefold() for a in aliases}:
                aliases.append(alias)
        return aliases


class AliasListField(models.JSONField):
    """JSON list of strings, edited through `AliasListFormField`."""

    def formfield(self, **kwargs):
        return AliasListFormField(
            required=not self.blank,
            label=self.verbose_name.capitalize(),
            help_text=self.help_text,
            max_length=2000,
        )
