"""« Fusionner deux entités »: for the duplicates every knowledge base ends up with; and
« Tableau de bord », the desk's view of the knowledge base (entities/dashboard.py)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse, reverse_lazy
from django.views.generic import TemplateView

from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.snippets.widgets import AdminSnippetChooser

from entities import dashboard
from entities.models import Entity
from entities.services import entity_merge

MERGE_PERMISSIONS = ("entities.change_entity", "entities.delete_entity")
DASHBOARD_PERMISSION = "entities.change_entity"


class EntityMergeForm(forms.Form):
    keep = forms.ModelChoiceField(
        queryset=Entity.objects.all(),
        label="Entité à garder",
        widget=AdminSnippetChooser(Entity),
        help_text="Elle reçoit les articles, relations et noms de l’autre.",
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


def _merge_initial(request) -> dict:
    """`?keep=<id>&absorb=<id>` pre-fills the choosers (the dashboard's « Fusionner » links, see
    `DuplicatePair.merge_url`)."""
    return {name: int(value) for name in ("keep", "absorb") if (value := request.GET.get(name, "")).isdigit()}


def merge_view(request):
    """Pick the entity to keep and the duplicate, confirm, merge."""
    if not request.user.has_perms(MERGE_PERMISSIONS):
        raise PermissionDenied
    form = EntityMergeForm(request.POST or None, initial=_merge_initial(request))
    if request.method == "POST" and form.is_valid():
        keep = entity_merge(keep=form.cleaned_data["keep"], absorb=form.cleaned_data["absorb"], user=request.user)
        messages.success(request, f"« {form.cleaned_data['absorb'].name} » a été fusionnée dans « {keep.name} ».")
        return redirect(reverse("wagtailsnippets_entities_entity:edit", args=[keep.pk]))
    return TemplateResponse(
        request, "entities/admin/merge.html", {"form": form, "page_title": "Fusionner deux entités", "header_icon": "resubmit"}
    )


class EntityToolViewSet(ViewSet):
    """A tool under « Entités »: one view, in the menu only for those who hold `permissions`."""

    permissions: tuple[str, ...] = ()
    url_name = "index"
    view = None  # the view function, set by each tool

    @property
    def menu_item_class(self):
        permissions = self.permissions

        class PermittedMenuItem(MenuItem):
            def is_shown(self, request):
                return request.user.has_perms(permissions)

        return PermittedMenuItem

    def get_urlpatterns(self):
        return [path("", self.view, name=self.url_name)]


class EntityMergeViewSet(EntityToolViewSet):
    """The merge tool, listed under « Entités »."""

    name = "entity_merge"
    url_prefix = "entites/fusionner"
    icon = "resubmit"
    menu_label = "Fusionner deux entités"
    permissions = MERGE_PERMISSIONS
    url_name = "merge"
    view = staticmethod(merge_view)


class DashboardView(WagtailAdminTemplateMixin, TemplateView):
    """« Tableau de bord »: most cited this week, to complete, suspected duplicates, unreported deals."""

    template_name = "entities/admin/dashboard.html"
    page_title = "Tableau de bord des entités"
    header_icon = "clipboard-list"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(DASHBOARD_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse_lazy("wagtailsnippets_entities_entity:list"), "label": "Entités"},
            {"url": "", "label": "Tableau de bord"},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(dashboard.entity_dashboard(), can_merge=self.request.user.has_perms(MERGE_PERMISSIONS))
        return context


class EntityDashboardViewSet(EntityToolViewSet):
    """The dashboard, first under « Entités »."""

    name = "entity_dashboard"
    url_prefix = "entites/tableau-de-bord"
    icon = "clipboard-list"
    menu_label = "Tableau de bord"
    permissions = (DASHBOARD_PERMISSION,)
    view = staticmethod(DashboardView.as_view())
