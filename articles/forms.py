"""Admin form of the article editor: checks that span several fields or inline rows."""

from wagtail.admin.forms import WagtailAdminPageForm


class ArticlePageForm(WagtailAdminPageForm):
    """Refuses the same author twice in one byline, with a French message on the duplicate row.

    This is a form check rather than a database constraint on purpose: modelcluster saves new
    rows before deleting removed ones, so removing and re-adding an author in one edit would
    break a unique constraint with a 500 instead of saving.
    """

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("article_authors")
        if formset is None or not formset.is_valid():
            return cleaned_data
        seen = set()
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            author = data.get("author")
            if author is None or data.get("DELETE"):
                continue
            if author.pk in seen:
                form.add_error("author", "Cet auteur figure déjà dans la signature de l'article.")
            seen.add(author.pk)
        return cleaned_data
