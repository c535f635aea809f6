"""« Fusionner deux entités »: for the duplicates every knowledge base ends up with."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet
from wagtail.snippets.widgets import AdminSnippetChooser

from entities.models import Entity
from entities.services import entity_merge

MERGE_PERMISSIONS = ("entities.change_entity", "entities.delete_entity")


class EntityMergeForm(forms.Form):
    keep = forms.ModelChoiceField(
        queryset=Entity.objects.all(),
        label="Entité à garder",
        widget=AdminSnippetChooser(Entity),
        help_text="Elle reçoit les articles, relations et noms de l'autre.",
    )
    absorb = forms.ModelChoiceField(
        queryset=Entity.objects.all(),
        label="Doublon à absorber",
        widget=AdminSnippetChooser(Entity),
        help_text="Son nom devient un alias, puis elle est supprimée.",
    )

    def clean(self):
        cleaned_data = super().clean()
        keep, absorb = cleaned_data.get("keep"), cleaned_data.get("absorb")
        if keep and absorb and keep.pk == absorb.pk:
            raise forms.ValidationError("Choisissez deux entités différentes.")
        if keep and absorb and keep.is_person != absorb.is_person:
            raise forms.ValidationError("Une personne ne peut pas être fusionnée avec une organisation.")
        return cleaned_data


def merge_view(request):
    """Pick the entity to keep and the duplicate, confirm, merge."""
    if not request.user.has_perms(MERGE_PERMISSIONS):
        raise PermissionDenied
    form = EntityMergeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        keep = entity_merge(keep=form.cleaned_data["keep"], absorb=form.cleaned_data["absorb"], user=request.user)
        messages.success(request, f"« {form.cleaned_data['absorb'].name} » a été fusionnée dans « {keep.name} ».")
        return redirect(reverse("wagtailsnippets_entities_entity:edit", args=[keep.pk]))
    return TemplateResponse(
        request, "entities/admin/merge.html", {"form": form, "page_title": "Fusionner deux entités", "header_icon": "resubmit"}
    )


class EntityMergeMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perms(MERGE_PERMISSIONS)


class EntityMergeViewSet(ViewSet):
    """The merge tool, listed under « Entités »."""

    name = "entity_merge"
    url_prefix = "entites/fusionner"
    icon = "resubmit"
    menu_label = "Fusionner deux entités"

    @property
    def menu_item_class(self):
        return EntityMergeMenuItem

    def get_urlpatterns(self):
        return [path("", merge_view, name="merge")]
