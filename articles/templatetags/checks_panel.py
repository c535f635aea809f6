"""`{% publishing_checklist_checks page %}`: the publishing checklist inside Wagtail's own « Vérifications »
side panel of the page editor (templates/wagtailadmin/shared/side_panels/checks.html)."""

from django import template

register = template.Library()


@register.inclusion_tag("articles/panels/checks_side_panel.html")
def publishing_checklist_checks(page):
    """The saved version's blockers and warnings for an article; nothing for other page types."""
    from articles.checklist import ArticleDraft, enforced, run_checklist
    from articles.models import ArticlePage

    if not isinstance(page, ArticlePage) or not page.pk:
        return {"result": None}
    return {"result": run_checklist(ArticleDraft.from_page(page)), "enforced": enforced(), "shown": True}
