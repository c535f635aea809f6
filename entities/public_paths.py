"""The public URL map of the knowledge base, and what an entity's change makes stale.

An entity's page is `entity_path(slug)`, the index is `ENTITY_INDEX_PATH`: the only place these
addresses are written (the home page's routes serve them, the purge and the models read them here).
Purging (newsroom/cache_purge.py): an entity's page, the index, and the pages of the entities it
is related to by a role, a deal or a group link; the articles app adds the pages that name it.
"""

from newsroom.cache_purge import register_object_paths, register_site_paths

ENTITY_PREFIX = "entites"
ENTITY_INDEX_PATH = f"/{ENTITY_PREFIX}/"


def entity_path(slug: str) -> str:
    """The public page of the entity with this slug: `/entites/<slug>/`."""
    return f"{ENTITY_INDEX_PATH}{slug}/"


def entity_paths(entity) -> set[str]:
    """An entity's page, the index, and the live entities whose page names it (roles, deals and group links, in
    either direction)."""
    from entities.models import Deal, Entity, GroupLink, Role

    related = set(Role.objects.filter(person_id=entity.pk).values_list("organisation_id", flat=True))
    related |= set(Role.objects.filter(organisation_id=entity.pk).values_list("person_id", flat=True))
    related |= set(Deal.objects.filter(source_id=entity.pk).values_list("target_id", flat=True))
    related |= set(Deal.objects.filter(target_id=entity.pk).values_list("source_id", flat=True))
    related |= set(GroupLink.objects.filter(parent_id=entity.pk).values_list("child_id", flat=True))
    related |= set(GroupLink.objects.filter(child_id=entity.pk).values_list("parent_id", flat=True))
    related.discard(entity.pk)
    slugs = Entity.objects.filter(pk__in=related, live=True).values_list("slug", flat=True)
    return {entity_path(entity.slug), ENTITY_INDEX_PATH} | {entity_path(slug) for slug in slugs}


def site_entity_paths(*, html_only: bool = False) -> set[str]:
    """The index and every live entity's page."""
    from entities.models import Entity

    return {ENTITY_INDEX_PATH} | {entity_path(slug) for slug in Entity.objects.filter(live=True).values_list("slug", flat=True)}


def connect() -> None:
    """Wire this app's public paths into the page-cache purge (named in its app config's `connects`)."""
    from entities.models import Entity

    register_object_paths(Entity, entity_paths)
    register_site_paths(site_entity_paths)
