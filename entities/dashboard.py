"""« Entités › Tableau de bord »: what the desk should look at in the knowledge base.

Four lists, each one query and at most LIST_LIMIT rows, so the page costs the same with fifty
entities or five thousand:

- the most cited entities of the last seven Paris days (live publications only);
- entities still waiting for a description or a logo (or photo), newest first;
- suspected duplicates: one query reads only `(pk, name, aliases, kind, live)` of every entity,
  then each name and alias is normalised in Python (the mention detector's `normalize_name`, with
  legal and « AI »-style suffixes dropped) and grouped by key in a dict: one linear pass, tens of
  milliseconds for 5,000 entities, and no second normalisation to keep in step in SQL;
- deals that no published article reports.

Citations and reports are rows of the app that publishes articles: the knowledge base knows no
page type, so that app tells this module where they are with `register_publications()`.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from django.db.models import CharField, Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Revision

from entities.mentions import normalize_name
from entities.models import Deal, Entity

LIST_LIMIT = 10
CITATION_DAYS = 7
NBSP = "\u00a0"

# Words that do not tell two organisations apart when they end a name: legal forms (« Inc. »,
# « SAS »…) and the « AI » or « Labs » that start-ups add or drop (« Mistral AI », « Mistral »).
NAME_SUFFIXES = frozenset(
    [
        "ab",
        "ag",
        "ai",
        "bv",
        "co",
        "company",
        "corp",
        "corporation",
        "gmbh",
        "group",
        "groupe",
        "holding",
        "holdings",
        "inc",
        "incorporated",
        "lab",
        "labs",
        "limited",
        "llc",
        "ltd",
        "nv",
        "plc",
        "sa",
        "sarl",
        "sas",
        "sasu",
        "se",
        "spa",
        "srl",
        "technologies",
    ]
)

# A key that more entities share is a generic word given as an alias (« IA », « Groupe »), not a
# duplicate; skipping it also bounds the pairs a single key can make.
MAX_NAMESAKES = 4

_publications: dict[str, str] = {}


def register_publications(*, citations: str, reports: str) -> None:
    """Say where publications cite entities and report deals, as lookups ending on a publishable
    object (with Wagtail's `live` and `first_published_at`): `citations` from Entity, `reports`
    from Deal. Called by the publishing app's `ready()`; until then those two lists are None."""
    _publications.update(citations=citations, reports=reports)


def week_start(now: datetime.datetime | None = None) -> datetime.datetime:
    """Midnight in Paris six days before today: the last seven calendar days, today included."""
    first_day = timezone.localdate(now or timezone.now()) - datetime.timedelta(days=CITATION_DAYS - 1)
    return timezone.make_aware(datetime.datetime.combine(first_day, datetime.time.min))


def most_cited(*, now: datetime.datetime | None = None, limit: int = LIST_LIMIT) -> list[Entity] | None:
    """Entities cited by the most live publications first published this week, each with
    `citations` (distinct publications); None when no app registered its citations."""
    path = _publications.get("citations")
    if path is None:
        return None
    now = now or timezone.now()
    # A single filter() call: the count reuses its join, so only this week's live ones count.
    cited = Entity.objects.filter(
        **{f"{path}__live": True, f"{path}__first_published_at__gte": week_start(now), f"{path}__first_published_at__lte": now}
    )
    cited = cited.annotate(citations=Count(path, distinct=True)).only("pk", "name", "kind", "live")
    return list(cited.order_by("-citations", "name", "pk")[:limit])


def to_complete(*, limit: int = LIST_LIMIT) -> list[Entity]:
    """Entities without a description or without an image, newest first, each with `created_at`
    (the date of its first revision; None for one loaded without any)."""
    first_revision = (
        Revision.objects.filter(
            base_content_type__app_label=Entity._meta.app_label,
            base_content_type__model=Entity._meta.model_name,
            object_id=OuterRef("text_id"),
        )
        .order_by("created_at")
        .values("created_at")[:1]
    )
    entities = (
        Entity.objects.filter(Q(description="") | Q(image__isnull=True))
        .only("pk", "name", "kind", "live", "description", "image_id")
        # Revisions point at their object by a text `object_id`.
        .annotate(text_id=Cast("pk", CharField()), created_at=Subquery(first_revision))
    )
    return list(entities.order_by("-pk")[:limit])


@dataclass(frozen=True)
class EntityRow:
    """The little the duplicates list shows of an entity."""

    pk: int
    name: str
    kind: str
    live: bool

    @property
    def is_person(self) -> bool:
        return self.kind == Entity.Kind.PERSON


@dataclass(frozen=True)
class DuplicatePair:
    """Two entities that may be the same: `keep` is the one a merge should keep (live before
    draft, then the older), `absorb` the other; `reason` says which names met, in French."""

    keep: EntityRow
    absorb: EntityRow
    reason: str

    @property
    def merge_url(self) -> str:
        """The merge tool with both entities already chosen: the user still confirms."""
        return f"{reverse('entity_merge:merge')}?keep={self.keep.pk}&absorb={self.absorb.pk}"


def name_keys(name: str) -> set[str]:
    """The forms under which two names count as the same: folded, without spaces (« Open AI » =
    « OpenAI »), and also without trailing suffixes (« Mistral AI » = « Mistral »)."""
    words = normalize_name(name).split()
    if not words:
        return set()
    stripped = list(words)
    while len(stripped) > 1 and stripped[-1] in NAME_SUFFIXES:
        stripped.pop()
    return {"".join(words), "".join(stripped)}


def _quoted(text: str) -> str:
    return f"«{NBSP}{text}{NBSP}»"


def _reason(first: EntityRow, first_name: str, first_is_alias: bool, second: EntityRow, second_name: str, second_is_alias: bool) -> str:
    """Which names met, in French: the desk judges a pair by that sentence."""
    same = normalize_name(first_name) == normalize_name(second_name)
    if first_is_alias and second_is_alias:
        if same:
            return f"Alias commun{NBSP}: {_quoted(first_name)}"
        return f"Alias proches{NBSP}: {_quoted(first_name)} et {_quoted(second_name)}"
    if first_is_alias or second_is_alias:
        owner, alias, named = (first, first_name, second) if first_is_alias else (second, second_name, first)
        if same:
            return f"{_quoted(named.name)} est aussi un alias de {_quoted(owner.name)}"
        return f"{_quoted(named.name)} ressemble à {_quoted(alias)}, alias de {_quoted(owner.name)}"
    return f"Noms proches{NBSP}: {_quoted(first_name)} et {_quoted(second_name)}"


def suspected_duplicates(*, limit: int = LIST_LIMIT) -> tuple[list[DuplicatePair], int]:
    """Pairs of entities of the same sort (two people or two organisations) whose names or
    aliases share a key (`name_keys`), newest entity first; and how many pairs there are."""
    rows = Entity.objects.order_by("pk").values_list("pk", "name", "aliases", "kind", "live")
    entities, owners = {}, defaultdict(dict)
    for pk, name, aliases, kind, live in rows:
        entities[pk] = EntityRow(pk, name, kind, live)
        for is_alias, text in [(False, name), *((True, alias) for alias in aliases or () if isinstance(alias, str))]:
            for key in name_keys(text):
                # The entity's own name wins over an alias with the same key.
                owners[key].setdefault(pk, (text, is_alias))
    reasons = {}
    for names in owners.values():
        if not 2 <= len(names) <= MAX_NAMESAKES:
            continue
        for first_pk, second_pk in combinations(sorted(names), 2):
            first, second = entities[first_pk], entities[second_pk]
            if (first_pk, second_pk) in reasons or first.is_person != second.is_person:
                continue
            reasons[first_pk, second_pk] = _reason(first, *names[first_pk], second, *names[second_pk])
    ordered = sorted(reasons, key=lambda pair: (pair[1], pair[0]), reverse=True)
    pairs = []
    for first_pk, second_pk in ordered[:limit]:
        first, second = entities[first_pk], entities[second_pk]
        keep, absorb = (second, first) if second.live and not first.live else (first, second)
        pairs.append(DuplicatePair(keep=keep, absorb=absorb, reason=reasons[first_pk, second_pk]))
    return pairs, len(reasons)


def unreported_deals(*, limit: int = LIST_LIMIT) -> list[Deal] | None:
    """Deals that no live publication reports, latest first (undated ones last); None when no
    app registered its reports."""
    path = _publications.get("reports")
    if path is None:
        return None
    deals = Deal.objects.exclude(**{f"{path}__live": True}).select_related("source", "target")
    deals = deals.only("pk", "kind", "status", "date", "amount", "currency", "source__name", "target__name")
    return list(deals.order_by(F("date").desc(nulls_last=True), "-pk")[:limit])


def entity_dashboard(*, now: datetime.datetime | None = None) -> dict:
    """The four lists of the page, in four queries whatever the size of the base."""
    duplicates, duplicate_count = suspected_duplicates()
    return {
        "most_cited": most_cited(now=now),
        "week_start": week_start(now),
        "to_complete": to_complete(),
        "duplicates": duplicates,
        "duplicate_count": duplicate_count,
        "unreported_deals": unreported_deals(),
    }
