"""Admin form of an entity: rules that span the entity and its inline relations."""

from wagtail.admin.forms import WagtailAdminModelForm

PERSON = "personne"


def _live_forms(formset):
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None) or {}
        if data and not data.get("DELETE"):
            yield form, data


class EntityForm(WagtailAdminModelForm):
    """Roles belong to people, deals to organisations; aliases must not repeat the name."""

    def clean(self):
        cleaned_data = super().clean()
        kind = cleaned_data.get("kind")
        name = (cleaned_data.get("name") or "").casefold()
        aliases = cleaned_data.get("aliases") or []
        cleaned_data["aliases"] = [alias for alias in aliases if alias.casefold() != name]

        roles = self.formsets.get("roles")
        if roles is not None and roles.is_valid():
            for form, data in _live_forms(roles):
                if kind != PERSON:
                    form.add_error(None, "Seule une personne a des fonctions : ajoutez la fonction sur la fiche de la personne.")
                elif data.get("organisation") is not None and data["organisation"].kind == PERSON:
                    form.add_error("organisation", "Choisissez une organisation, pas une personne.")
                elif self.instance.pk and data.get("organisation") is not None and data["organisation"].pk == self.instance.pk:
                    form.add_error("organisation", "Une entité ne peut pas avoir de fonction en elle-même.")
        deals = self.formsets.get("deals")
        if deals is not None and deals.is_valid():
            for form, data in _live_forms(deals):
                if kind == PERSON:
                    form.add_error(None, "Une opération relie deux organisations : une personne ne peut pas en être l’acquéreur.")
                elif self.instance.pk and data.get("target") is not None and data["target"].pk == self.instance.pk:
                    form.add_error("target", "Une organisation ne peut pas faire une opération avec elle-même.")
        subsidiaries = self.formsets.get("subsidiary_links")
        if subsidiaries is not None and subsidiaries.is_valid():
            for form, data in _live_forms(subsidiaries):
                child = data.get("child")
                if kind == PERSON:
                    form.add_error(None, "Une personne n’a pas de filiales : ajoutez-les sur la fiche du groupe.")
                elif child is not None and child.kind == PERSON:
                    form.add_error("child", "Choisissez une organisation, pas une personne.")
                elif child is not None and self.instance.pk and child.pk == self.instance.pk:
                    form.add_error("child", "Une organisation ne peut pas être sa propre filiale.")
        return cleaned_data
