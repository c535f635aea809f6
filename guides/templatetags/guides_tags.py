"""`{% role_guide_link "redaction" %}`: the link from a role's dashboard panel to its guide."""

from django import template

from guides.guides import ROLE_GUIDES, guide

register = template.Library()


@register.inclusion_tag("guides/_role_guide_link.html")
def role_guide_link(role: str) -> dict:
    """The role's guide (title and address), or nothing when its file is missing."""
    return {"guide": guide(ROLE_GUIDES[role])}
