"""Groups as they stand today: « the current subsidiaries of Meta », « the current groups of these
entities ».

One definition for every reader of the group structure (the entity page's « Tout le groupe Meta »,
the search's « Inclure tout le groupe », the e-mail alerts of « Meta et ses filiales »): a link is
current while it has no end date (`GroupLink.current`), and only links between two live entities
count, so an unpublished subsidiary never widens anything a reader sees. Each function costs one
query whatever the size of the groups (none when given no entity), or none when its result is used
as a subquery. This module knows no page type.
"""

from collections.abc import Iterable

from django.db.models import QuerySet

from entities.models import Entity, GroupLink


def current_links() -> QuerySet[GroupLink]:
    """Group links in force today between two live entities (the queryset form of `GroupLink.current`)."""
    return GroupLink.objects.filter(end_date__isnull=True, parent__live=True, child__live=True)


def current_subsidiary_ids(parent) -> QuerySet:
    """The ids of `parent`'s current live subsidiaries, as a lazy queryset: used as a subquery, it
    costs no query of its own."""
    return current_links().filter(parent=parent).values("child_id")


def current_subsidiaries(parent_ids: Iterable[int]) -> dict[int, list[Entity]]:
    """The current live subsidiaries of each of `parent_ids` that has any, in the order the group's
    record lists them: {group id: [subsidiary, …]}. One query; none without ids."""
    parent_ids = list(dict.fromkeys(pk for pk in parent_ids if pk is not None))
    if not parent_ids:
        return {}
    links = current_links().filter(parent_id__in=parent_ids).select_related("child").order_by("parent_id", "sort_order", "pk")
    by_parent: dict[int, list[Entity]] = {}
    for link in links:
        members = by_parent.setdefault(link.parent_id, [])
        # Listed twice in the group's inline panel: one mention is enough.
        if all(member.pk != link.child_id for member in members):
            members.append(link.child)
    return by_parent


def current_groups(child_ids: Iterable[int]) -> dict[int, list[int]]:
    """The live groups each of `child_ids` currently belongs to: {subsidiary id: [group id, …]},
    only for the entities in a group. One query; none without ids."""
    child_ids = list(dict.fromkeys(pk for pk in child_ids if pk is not None))
    if not child_ids:
        return {}
    groups: dict[int, list[int]] = {}
    for child_id, parent_id in (
        current_links().filter(child_id__in=child_ids).order_by("child_id", "parent_id").values_list("child_id", "parent_id")
    ):
        if parent_id not in groups.setdefault(child_id, []):
            groups[child_id].append(parent_id)
    return groups
