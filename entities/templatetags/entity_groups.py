"""`{{ members|member_names }}`: the first subsidiaries of a group, for a short label
(« Inclure tout le groupe Meta (Instagram, WhatsApp, …) »)."""

from django import template

register = template.Library()

SHOWN_MEMBERS = 2


@register.filter
def member_names(members) -> str:
    """« Instagram, WhatsApp, … »: the first SHOWN_MEMBERS names, then an ellipsis if there are more."""
    members = list(members or ())
    names = ", ".join(member.name for member in members[:SHOWN_MEMBERS])
    return f"{names}, …" if len(members) > SHOWN_MEMBERS else names
