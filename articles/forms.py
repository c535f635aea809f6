"""Admin form of the article editor: checks that span several fields or inline rows."""

from django import forms

from wagtail.admin.forms import WagtailAdminPageForm

from taggit.models import Tag

from newsroom.schedule_input import HELP, ParisDateTimeField, SafeScheduleFormMixin, describe


class ArticlePageForm(SafeScheduleFormMixin, WagtailAdminPageForm):
    """Typed publication dates that are never silently in the past (see newsroom.schedule_input).

    Refuses the same author twice in a byline, or the same entity twice, with a French message
    on the duplicate row.

    This is a form check rather than a database constraint on purpose: modelcluster saves new
    rows before deleting removed ones, so removing and re-adding an author in one edit would
    break a unique constraint with a 500 instead of saving.
    """

    embargo_until = ParisDateTimeField(
        label="Sous embargo jusqu’au",
        required=False,
        help_text=f"{HELP} Jusque-là, l’article ne peut être ni publié ni programmé plus tôt. "
        "Le lever avant son terme\u00a0: bouton «\u00a0Lever l’embargo\u00a0» (rédaction en chef).",
    )

    def clean(self):
        cleaned_data = super().clean()
        self._keep_the_embargo()
        self._require_an_author()
        self._apply_checklist()
        self._refuse_duplicates("article_authors", "author", "Cet auteur figure déjà dans la signature de l’article.")
        self._refuse_duplicates("entity_links", "entity", "Cette entité est déjà liée à l’article.")
        return cleaned_data

    def clean_tags(self):
        """Refuse a tag that would have an empty slug (« {{ », « <> », « 日本 »): it could have no page
        or feed of its own, and every link to it would be broken."""
        tags = self.cleaned_data.get("tags") or []
        empty = [name for name in tags if not Tag().slugify(name)]
        if empty:
            names = ", ".join(f"«\u202f{name}\u202f»" for name in empty)
            verb = "ne peut" if len(empty) == 1 else "ne peuvent"
            raise forms.ValidationError(
                f"Un mot-clé doit contenir au moins une lettre ou un chiffre de l’alphabet latin\u00a0: {names} {verb} pas servir."
            )
        return tags

    def _require_an_author(self):
        # Checked here rather than with min_num on the panel: min_num draws an empty row that
        # the multiple chooser never fills (wagtail#12461), which blocked saving and autosave.
        # Drafts may be saved without a byline; submitting or publishing needs one.
        formset = self.formsets.get("article_authors")
        if self.is_deferred_validation or formset is None or not formset.is_valid():
            return
        bylines = [
            form
            for form in formset.forms
            if (getattr(form, "cleaned_data", None) or {}).get("author") and not form.cleaned_data.get("DELETE")
        ]
        if not bylines:
            self.add_error(None, "Ajoutez au moins un auteur avant de soumettre ou de publier l’article.")

    def _keep_the_embargo(self):
        """No one shortens or clears a running embargo from the editor, schedules before it, or
        publishes under it (see articles/embargo.py)."""
        from django.utils import timezone

        now = timezone.now()
        stored = self.instance.embargo_until
        embargo = self.cleaned_data.get("embargo_until")
        if "embargo_until" in self.errors:
            return
        if stored and stored > now and (embargo is None or embargo < stored):
            self.add_error(
                "embargo_until",
                f"L’article est sous embargo jusqu’au {describe(stored)}\u00a0: seule la rédaction en chef peut le lever "
                "avant son terme, avec le bouton «\u00a0Lever l’embargo\u00a0».",
            )
            return
        if not embargo or embargo <= now:
            return
        go_live_at = self.cleaned_data.get("go_live_at")
        if go_live_at and go_live_at < embargo:
            self.add_error(
                "go_live_at", f"Sous embargo jusqu’au {describe(embargo)}\u00a0: programmez la publication à cette heure ou plus tard."
            )
        elif not go_live_at and "action-publish" in self.data:
            self.add_error(
                None,
                f"Sous embargo jusqu’au {describe(embargo)} (heure de Paris)\u00a0: publication impossible avant. "
                "Programmez-la à cette heure ou plus tard.",
            )

    def _apply_checklist(self):
        """« Publier », « Soumettre », « Approuver » from the editor: the checklist's blockers are
        form errors (drafts are saved whatever they lack). See articles/checklist.py."""
        from articles.checklist import ArticleDraft, enforced, run_checklist

        if self.is_deferred_validation or self.errors or not enforced():
            return

        data = self.cleaned_data
        body = data.get("body")
        image = data.get("hero_image")
        draft = ArticleDraft(
            title=data.get("title") or "",
            seo_title=data.get("seo_title") or "",
            chapo=data.get("chapo") or "",
            hero_image_id=image.pk if image else None,
            hero_alt=data.get("hero_alt") or "",
            body=list(body.get_prep_value()) if body is not None else [],
            tag_count=len(data.get("tags") or []),
            entity_count=len(self._kept_rows("entity_links", "entity")),
            related_ids=[target.pk for target in self._kept_rows("related_articles", "target")],
            own_id=self.instance.pk,
        )
        for message in run_checklist(draft).blockers:
            self.add_error(None, f"Avant publication\u00a0: {message}")

    def _kept_rows(self, relation, field):
        formset = self.formsets.get(relation)
        if formset is None or not formset.is_valid():
            return []
        rows = [getattr(form, "cleaned_data", None) or {} for form in formset.forms]
        return [row[field] for row in rows if row.get(field) is not None and not row.get("DELETE")]

    def _refuse_duplicates(self, relation, field, message):
        formset = self.formsets.get(relation)
        if formset is None or not formset.is_valid():
            return
        seen = set()
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            chosen = data.get(field)
            if chosen is None or data.get("DELETE"):
                continue
            if chosen.pk in seen:
                form.add_error(field, message)
            seen.add(chosen.pk)
