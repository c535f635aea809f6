"""Admin views of an edition: send a test to oneself, send now, or schedule."""

import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from audience.assembly import assemble_edition
from audience.models import Edition, Subscriber
from newsroom.worker import enqueue_on_commit

SEND_PERMISSION = "audience.send_edition"


class ScheduleForm(forms.Form):
    """When to send: a date and a time, Paris time, in the future."""

    date = forms.DateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}), error_messages={"invalid": "Date invalide."})
    time = forms.TimeField(label="Heure", widget=forms.TimeInput(attrs={"type": "time"}), error_messages={"invalid": "Heure invalide."})

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("date") and cleaned.get("time"):
            when = timezone.make_aware(datetime.datetime.combine(cleaned["date"], cleaned["time"]))
            if when <= timezone.now():
                raise forms.ValidationError("Choisissez un moment à venir.")
            cleaned["when"] = when
        return cleaned


def _require(request):
    if not request.user.has_perm(SEND_PERMISSION):
        raise PermissionDenied


def send_edition_view(request, pk):
    """« Envoyer »: a test to oneself, the real sending now, or at a chosen time."""
    from audience.tasks import send_edition, send_test

    _require(request)
    edition = get_object_or_404(Edition, pk=pk)
    form = ScheduleForm()
    if request.method == "POST":
        action = request.POST.get("action")
        if edition.status in (Edition.Status.SENDING, Edition.Status.SENT) and action != "test":
            messages.error(request, "Cette édition est déjà partie.")
        elif action == "test":
            if request.user.email:
                enqueue_on_commit(send_test, edition.pk, request.user.email)
                messages.success(request, f"Test envoyé à {request.user.email}.")
            else:
                messages.error(request, "Votre compte n’a pas d’adresse e-mail : ajoutez-en une dans votre profil.")
        elif action == "send":
            Edition.objects.filter(pk=edition.pk).update(status=Edition.Status.SCHEDULED, scheduled_for=timezone.now())
            enqueue_on_commit(send_edition, edition.pk)
            messages.success(request, "L’envoi a commencé.")
            return redirect(reverse("audience_edition:list"))
        elif action == "schedule":
            form = ScheduleForm(request.POST)
            if form.is_valid():
                when = form.cleaned_data["when"]
                Edition.objects.filter(pk=edition.pk).update(status=Edition.Status.SCHEDULED, scheduled_for=when)
                transaction.on_commit(lambda: send_edition.using(run_after=when).enqueue(edition.pk))
                messages.success(request, "Envoi programmé.")
                return redirect(reverse("audience_edition:list"))
        edition.refresh_from_db()
    wanted = {"daily": True} if edition.kind == Edition.Kind.DAILY else {"weekly": True}
    context = {
        "edition": edition,
        "form": form,
        "recipients": Subscriber.objects.filter(**wanted).count(),
        "page_title": f"Envoyer «\u00a0{edition.subject}\u00a0»",
        "header_title": f"Envoyer «\u00a0{edition.subject}\u00a0»",
        "header_icon": "mail",
    }
    return TemplateResponse(request, "audience/admin/send_edition.html", context, status=400 if form.errors else 200)


def assemble_view(request, kind):
    """« Préparer l’édition »: a draft assembled from the window's articles, opened for editing."""
    if request.method != "POST" or not request.user.has_perm("audience.add_edition") or kind not in Edition.Kind.values:
        raise PermissionDenied
    edition = assemble_edition(kind)
    messages.success(request, "Édition préparée : relisez l’introduction et l’ordre des articles.")
    return redirect(reverse("audience_edition:edit", args=[edition.pk]))
