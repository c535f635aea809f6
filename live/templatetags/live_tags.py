"""Template helpers of live pages: « 19 h 42 » and the rendition of an update's image."""

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def time_fr(value):
    """« 19 h 42 », in Paris time (no-break spaces around the « h »)."""
    if not value:
        return ""
    value = timezone.localtime(value)
    return f"{value.hour}\u00a0h\u00a0{value.minute:02d}"
