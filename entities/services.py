"""Writes on the knowledge base that span several tables."""

from django.db import models, transaction

from modelcluster.fields import ParentalKey
from wagtail.models import Revision

from entities.mentions import invalidate_default_index
from entities.models import Entity


def _entity_foreign_keys():
    """(model, field) for every foreign key that points at Entity, in any app.

    Found through Django's metadata rather than imports, so that the knowledge base never
    depends on the apps that link to it (articles, partners…).
    """
    for relation in Entity._meta.related_objects:
        field = relation.field
        if isinstance(field, models.ForeignKey):
            yield relation.related_model, field


def _parent_key(model, exclude):
    for field in model._meta.fields:
        if isinstance(field, ParentalKey) and field is not exclude:
            return field
    return None


def _rewrite_revisions(parent_model, relation_name, field_name, parent_ids, old_pk, new_pk):
    """Point the stored revisions of the given parents at the kept entity.

    For a link table (an article's entities), a row that now repeats the kept entity is dropped;
    an entity's own relations (several roles at one organisation) may legitimately repeat.
    """
    dedupe = parent_model is not Entity
    if not parent_ids or not hasattr(parent_model, "latest_revision"):
        return
    revisions = Revision.objects.filter(object_id__in=[str(pk) for pk in parent_ids]).filter(
        base_content_type__in=_base_content_types(parent_model)
    )
    for revision in revisions.iterator():
        items = revision.content.get(relation_name)
        if not isinstance(items, list):
            continue
        seen, rewritten, changed = set(), [], False
        for item in items:
            if item.get(field_name) == old_pk:
                item[field_name] = new_pk
                changed = True
            if dedupe and item.get(field_name) in seen:
                changed = True
                continue
            seen.add(item.get(field_name))
            rewritten.append(item)
        if changed:
            revision.content[relation_name] = rewritten
            revision.save(update_fields=["content"])


def _base_content_types(model):
    from django.contrib.contenttypes.models import ContentType

    concrete = model._meta.concrete_model
    while concrete._meta.parents:
        concrete = next(iter(concrete._meta.parents))
    return [ContentType.objects.get_for_model(concrete)]


@transaction.atomic
def entity_merge(*, keep: Entity, absorb: Entity, user=None) -> Entity:
    """Merge `absorb` into `keep`: every article link, relation, source, tag and alias moves to
    `keep`, the absorbed name becomes an alias, and `absorb` is deleted.

    Links that would become duplicates (the same article linked twice) or self-relations (an
    entity's deal with itself) are dropped rather than kept twice.
    """
    if keep.pk == absorb.pk:
        raise ValueError("Impossible de fusionner une entité avec elle-même.")
    names = [absorb.name, *absorb.aliases]
    known = {keep.name.casefold(), *(alias.casefold() for alias in keep.aliases)}
    for name in names:
        if name.casefold() not in known:
            keep.aliases.append(name)
            known.add(name.casefold())
    keep.tags.add(*absorb.tags.all())

    for model, field in _entity_foreign_keys():
        manager = model._base_manager
        parent = _parent_key(model, exclude=field)
        moved = manager.filter(**{field.name: absorb})
        if parent is not None:
            parent_ids = set(moved.values_list(parent.attname, flat=True))
            _rewrite_revisions(parent.related_model, parent.remote_field.related_name, field.name, parent_ids, absorb.pk, keep.pk)
            # The same parent already linked to `keep`: the moved row would be a duplicate.
            already = manager.filter(**{field.name: keep}).values_list(parent.attname, flat=True)
            if parent.related_model is not Entity:
                moved.filter(**{f"{parent.attname}__in": list(already)}).delete()
        moved.update(**{field.name: keep})
        # A relation between the two merged entities would now link `keep` to itself.
        for other in model._meta.fields:
            if other is not field and isinstance(other, models.ForeignKey) and other.related_model is Entity:
                manager.filter(**{field.name: keep, other.attname: keep.pk}).delete()

    absorb.delete()
    keep.save()
    revision = keep.save_revision(user=user, log_action=True)
    if keep.live:
        revision.publish(user=user)
    invalidate_default_index()
    return keep
