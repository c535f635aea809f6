"""The article editor's « Entités repérées dans le texte » panel."""

from wagtail.admin.panels import Panel


class EntitySuggestionsPanel(Panel):
    """Lists entities found in the saved text that are not linked yet, each accepted in one
    click, and people or organisations named in the text that are not entities yet."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "articles/panels/entity_suggestions.html"

        def get_context_data(self, parent_context=None):
            from articles.suggestions import suggest_entities

            context = super().get_context_data(parent_context)
            context["page"] = self.instance
            context["saved"] = bool(self.instance.pk)
            context["suggestions"] = suggest_entities(self.instance) if self.instance.pk else None
            return context


class PublishingChecklistPanel(Panel):
    """« Avant publication »: the checklist of the saved version, blockers first, at the top of the editor."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "articles/panels/publishing_checklist.html"

        def get_context_data(self, parent_context=None):
            from articles.checklist import RULES, ArticleDraft, enforced, run_checklist

            context = super().get_context_data(parent_context)
            context["result"] = run_checklist(ArticleDraft.from_page(self.instance), knowledge_base=True) if self.instance.pk else None
            context["enforced"] = enforced()
            context["rule_count"] = len(RULES)
            context.update(self._embargo_context())
            return context

        def _embargo_context(self):
            from django.urls import reverse

            from articles.embargo import is_embargoed, may_lift

            if not self.instance.pk or not is_embargoed(self.instance):
                return {"embargo_until": None}
            return {
                "embargo_until": self.instance.embargo_until,
                "may_lift": may_lift(self.request.user),
                "lift_url": reverse("articles_embargo_lift", args=[self.instance.pk]),
            }
