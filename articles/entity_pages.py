"""Reads for the public entity pages and the entity boxes of articles, in fixed query counts."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, F, Q

from articles.selectors import paginate, prepare_teasers, teaser_queryset
from entities.fact_history import public_fact_changes
from entities.groups import current_subsidiary_ids
from entities.models import Deal, Entity, GroupLink
from newsroom.routing import SiteRoots
from newsroom.templatetags.french import day_fr

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


@dataclass(frozen=True)
class DealReport:
    """A live, public article reporting a deal: « Lire : <title>, 12 juin 2025 »."""

    title: str
    path: str
    published: datetime | None

    @property
    def published_fr(self) -> str:
        """« 12 juin 2025 »."""
        return day_fr(self.published)


def attach_public_reports(deals) -> None:
    """Give each deal `public_reports`: the live, public articles reporting it, newest first, in
    one query for all the deals. A restricted or unpublished report is never listed (issue 18,
    finding 6); no deal, no query."""
    from articles.models import ArticleDeal

    by_deal = {deal.pk: [] for deal in deals}
    if by_deal:
        rows = (
            ArticleDeal.objects.filter(deal_id__in=list(by_deal), article__in=teaser_queryset().values("pk"))
            .order_by(F("article__first_published_at").desc(nulls_last=True), "-article_id")
            .values_list("deal_id", "article_id", "article__title", "article__url_path", "article__first_published_at")
        )
        roots = SiteRoots()
        seen = set()
        for deal_id, article_id, title, url_path, published in rows:
            path = roots.path(url_path)
            # The same article may list a deal twice in its inline panel: one link is enough.
            if path is None or (deal_id, article_id) in seen:
                continue
            seen.add((deal_id, article_id))
            by_deal[deal_id].append(DealReport(title=title, path=path, published=published))
    for deal in deals:
        deal.public_reports = by_deal[deal.pk]


def entity_group(entity) -> dict:
    """The groups an organisation belongs to and its subsidiaries (live ones, past ones included,
    with their dates), and the current subsidiaries among them, in one query."""
    links = list(
        GroupLink.objects.filter(Q(parent=entity) | Q(child=entity), parent__live=True, child__live=True)
        .select_related("parent", "child")
        .order_by(F("end_date").desc(nulls_first=True), "sort_order", "pk")
    )
    members = [link for link in links if link.parent_id == entity.pk]
    return {
        "parents": [link for link in links if link.child_id == entity.pk],
        "members": members,
        "current_members": [link.child for link in members if link.current],
    }


def entity_detail(*, entity, page_number, whole_group: bool = False):
    """Profile, people and roles, deals timeline with every public report, group, articles,
    co-mentioned entities, tags, the latest changes of its facts and the date of the last one.

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
        .order_by(F("date").desc(nulls_last=True), "-pk")
    )
    attach_public_reports(deals)
    fact_changes = public_fact_changes(entity)
    updated = last_updated(entity, fact_changes)
    group = entity_group(entity)
    whole_group = whole_group and bool(group["current_members"])
    if whole_group:
        from articles.models import ArticleEntity

        # The shared definition of the group (entities.groups), as a subquery: no query of its own.
        about = ArticleEntity.objects.filter(Q(entity=entity) | Q(entity_id__in=current_subsidiary_ids(entity))).values("article_id")
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
        "fact_changes": fact_changes,
        "last_updated": updated,
        "last_updated_fr": day_fr(updated),
    }


def last_updated(entity, fact_changes) -> datetime | None:
    """« Dernière mise à jour »: the entity's last publication, or the latest change of a fact
    shown on its page when another entity's publication made it (a deal's target, an
    organisation whose people changed)."""
    dates = [entity.last_published_at, *(change.when for change in fact_changes[:1])]
    return max((date for date in dates if date is not None), default=None)
