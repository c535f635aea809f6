"""`{% embed_facade value as facade %}`: the consent facade of an embed block (newsroom/embeds.py)."""

from django import template

from newsroom.embeds import facade_for

register = template.Library()


@register.simple_tag
def embed_facade(value):
    """The Facade of an EmbedBlock value, or None."""
    return facade_for(value)
