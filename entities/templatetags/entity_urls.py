"""`{% entity_index_path %}`: the address of the knowledge base's index, from entities/public_paths.py,
so that no template writes `/entites/` by hand (an entity's own page is `entity.get_url_path`)."""

from django import template

from entities.public_paths import ENTITY_INDEX_PATH

register = template.Library()


@register.simple_tag
def entity_index_path() -> str:
    """The index of entities: `/entites/`."""
    return ENTITY_INDEX_PATH
