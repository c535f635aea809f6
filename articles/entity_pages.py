"""Reads for the public entity pages and the entity boxes of articles, in fixed query counts."""

from django.db.models import Count, F, OuterRef, Q, Subquery

from articles.selectors import paginate, prepare_teasers, teaser_queryset
from entities.models import Deal, Entity, GroupLink
from newsroom.routing import SiteRoots

INDEX_PAGE_SIZE = 60
CO_MENTIONED_COUNT = 8
# Accented capitals are filed under their plain letter in the index.
INITIAL_VARIANTS = {"A": "AÀÂÄ", "C": "CÇ", "E": "EÉÈÊË", "I": "IÎÏ", "O": "OÔÖ", "U": "UÙÛÜ"}


def live_entities():
    return Entity.objects.filter(live=True)


def entity_index(*, kind: str | None, initial: str | None, page_number):
    """Live entities, filtered by kind and first letter, alphabetical."""
    entities = live_entities().select_related("image").order_by("name")
    if kind in Entity.Kind.values:
        entities = entities.filter(kind=kind)
    else:
        kind = None
    if initial and len(initial) == 1 and initial.isalpha():
        initial = initial.upper()
        query = Q()
        for letter in INITIAL_VARIANTS.get(initial, initial):
            query |= Q(name__startswith=letter) | Q(name__startswith=letter.lower())
        entities = entities.filter(query)
    else:
        initial = None
    return {
        "entities": paginate(entities, page_number, per_page=INDEX_PAGE_SIZE),
        "kind": kind,
        "initial": initial,
        "kinds": Entity.Kind.choices,
        "letters": [chr(code) for code in range(ord("A"), ord("Z") + 1)],
    }


ENTITY_RENDITION = "fill-320x320"


def _public_reports():
    """The live, public articles reporting the outer deal, in the editor's order: a restricted or
    unpublished report is never linked (issue 18, finding 6)."""
    from articles.models import ArticleDeal

    return ArticleDeal.objects.filter(deal=OuterRef("pk"), article__in=teaser_queryset().values("pk")).order_by("sort_order", "pk")


def entity_group(entity) -> dict:
    """The groups an organisation belongs to and its subsidiaries (live ones), in one query."""
    links = list(
        GroupLink.objects.filter(Q(parent=entity) | Q(child=entity), parent__live=True, child__live=True)
        .select_related("parent", "child")
        .order_by(F("end_date").desc(nulls_first=True), "sort_order", "pk")
    )
    return {
        "parents": [link for link in links if link.child_id == entity.pk],
        "members": [link for link in links if link.parent_id == entity.pk],
    }


def entity_detail(*, entity, page_number, whole_group: bool = False):
    """Profile, people and roles, deals timeline, group, articles, co-mentioned entities, tags.

    With `whole_group`, the articles are those about the entity or any of its current
    subsidiaries (« Tout le groupe Meta »). The entity's own image gets its rendition in the same
    lookup as the teasers' images.
    """
    if entity.is_person:
        roles = list(entity.roles.select_related("organisation").filter(organisation__live=True).order_by("-start_date", "sort_order"))
    else:
        roles = list(entity.people_roles.select_related("person").filter(person__live=True).order_by("-start_date", "sort_order"))
    deals = list(
        Deal.objects.filter(Q(source=entity) | Q(target=entity), source__live=True, target__live=True)
        .select_related("source", "target")
        .annotate(report_url_path=Subquery(_public_reports().values("article__url_path")[:1]))
        .order_by(F("date").desc(nulls_last=True), "-pk")
    )
    roots = SiteRoots()
    for deal in deals:
        deal.report_path = roots.path(deal.report_url_path) if deal.report_url_path else None
    group = entity_group(entity)
    member_ids = [link.child_id for link in group["members"] if link.current]
    whole_group = whole_group and bool(member_ids)
    if whole_group:
        from articles.models import ArticleEntity

        about = ArticleEntity.objects.filter(entity_id__in=[entity.pk, *member_ids]).values("article_id")
        articles = teaser_queryset().filter(pk__in=about)
    else:
        articles = teaser_queryset().filter(entity_links__entity=entity)
    article_ids = articles.values("pk")
    co_mentioned = list(
        live_entities()
        .filter(article_links__article__in=article_ids)
        .exclude(pk=entity.pk)
        .annotate(together=Count("article_links"))
        .order_by("-together", "name")[:CO_MENTIONED_COUNT]
    )
    page = paginate(articles, page_number)
    prepare_teasers(page.object_list, extra_images=[(entity.image, (ENTITY_RENDITION,))])
    return {
        "roles": roles,
        "deals": deals,
        "articles": page,
        "entity_image": entity.image.get_rendition(ENTITY_RENDITION) if entity.image else None,
        "co_mentioned": co_mentioned,
        "group": group,
        "whole_group": whole_group,
        "entity_tags": list(entity.tags.all()),
    }
