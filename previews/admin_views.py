"""The rédaction en chef's side: list, create and revoke the preview links of one page."""

import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from wagtail.models import Page

from previews import services
from previews.models import PreviewLink

PERMISSION = "previews.add_previewlink"


class PreviewLinkForm(forms.Form):
    """What the rédaction en chef chooses when creating a link."""

    label = forms.CharField(label="Destinataire", max_length=120, required=False, help_text="Facultatif : « annonceur », « expert cité »…")
    days = forms.IntegerField(
        label="Valable pendant (jours)",
        min_value=1,
        max_value=30,
        initial=7,
        error_messages={
            "invalid": "Indiquez un nombre de jours, par exemple 7.",
            "min_value": "Un lien doit valoir au moins 1 jour.",
            "max_value": "Un lien ne peut pas valoir plus de 30 jours.",
            "required": "Indiquez pendant combien de jours le lien fonctionne.",
        },
    )
    allow_embargoed = forms.BooleanField(
        label="Autoriser malgré l’embargo",
        required=False,
        help_text="Un article sous embargo n’est jamais montré par un lien, sauf si vous cochez cette case.",
    )

    def __init__(self, *args, page, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page

    def clean(self):
        cleaned_data = super().clean()
        if services.is_embargoed(self.page) and not cleaned_data.get("allow_embargoed"):
            raise forms.ValidationError("Cet article est sous embargo : cochez « Autoriser malgré l’embargo » pour le montrer quand même.")
        return cleaned_data


def may_share(user, page) -> bool:
    """The rédaction en chef (the permission given by the migration) on a page they may edit."""
    return user.has_perm(PERMISSION) and page.permissions_for_user(user).can_edit()


def _page_or_403(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not may_share(request.user, page):
        raise PermissionDenied
    return page


def manage_view(request, page_id):
    """The page's links (state, uses, last use) and the form creating one; the new URL is shown once."""
    page = _page_or_403(request, page_id)
    draft = page.get_latest_revision_as_object()
    form = PreviewLinkForm(request.POST or None, page=draft)
    new_url = None
    if request.method == "POST" and form.is_valid():
        _link, token = services.link_create(
            page=page,
            user=request.user,
            label=form.cleaned_data["label"],
            lifetime=datetime.timedelta(days=form.cleaned_data["days"]),
            allow_embargoed=form.cleaned_data["allow_embargoed"],
        )
        new_url = request.build_absolute_uri(f"/apercu/{token}/")
        messages.success(request, "Lien de prévisualisation créé : copiez-le maintenant, il ne sera plus affiché.")
    links = PreviewLink.objects.filter(page=page).order_by("-created_at")
    context = {
        "page": page,
        "form": form,
        "links": links,
        "new_url": new_url,
        "embargoed": services.is_embargoed(draft),
        "page_title": "Liens de prévisualisation",
        "page_subtitle": page.get_admin_display_title(),
        "header_icon": "link",
    }
    response = TemplateResponse(request, "previews/admin/manage.html", context)
    # The new URL is a secret: never kept by a browser or proxy cache.
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def revoke_view(request, link_id):
    """Revoke one link: it stops working at once, for good."""
    link = get_object_or_404(PreviewLink.objects.select_related("page"), pk=link_id)
    _page_or_403(request, link.page_id)
    services.link_revoke(link)
    messages.success(request, "Lien révoqué : il ne fonctionne plus.")
    return redirect("previews_manage", link.page_id)
