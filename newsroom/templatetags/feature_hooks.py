"""`{% listing_blocks page %}`: what feature apps add to the top of a listing (newsroom/feature_hooks.py)."""

from django import template
from django.utils.safestring import mark_safe

from newsroom.feature_hooks import listing_blocks as registered_blocks

register = template.Library()


@register.simple_tag(takes_context=True)
def listing_blocks(context, page):
    """The registered blocks for `page`, in registration order (each already escaped by its app)."""
    return mark_safe("".join(registered_blocks(context.get("request"), page)))  # noqa: S308 - rendered by templates
