"""The public history of an entity's facts: what each publication changed in the figures of its
deals, in its roles and in its group links (entities.FactChange).

`Entity.publish` wraps Wagtail's publication in `recording_fact_changes`: the live rows of the
entity's deals, roles and group links are read before and after Wagtail writes the revision's,
in one transaction that holds the entity's row, and each difference readers care about becomes a
FactChange. Only a publication runs the diff (6 small queries, plus one insert when something
changed): draft saves, imports and bulk loads never do. A first publication records nothing,
since nothing was public before it; notes, kinds and sort orders are not facts of the history.
"""

import datetime
from contextlib import contextmanager

from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone

from entities.models import Deal, Entity, FactChange, GroupLink, Role
from newsroom.templatetags.french import day_fr, elide, money_fr

Kind = FactChange.Kind
HISTORY_SIZE = 10
ARROW = "\u00a0→ "
# Words a missing value stands for, agreed with the fact they replace.
MISSING = {Kind.DEAL_AMOUNT: "non communiqué", Kind.DEAL_VALUATION: "non communiquée", Kind.DEAL_DATE: "inconnue"}
# Each change shows « old → new », or only the value that exists after (or before) it.
SHOWS_BOTH = {Kind.DEAL_AMOUNT, Kind.DEAL_VALUATION, Kind.DEAL_STATUS, Kind.DEAL_DATE, Kind.ROLE_CHANGED, Kind.GROUP_CHANGED}
SHOWS_OLD = {Kind.DEAL_REMOVED, Kind.ROLE_REMOVED, Kind.GROUP_REMOVED}


# --- French writing ------------------------------------------------------------------------------


def _lower_first(label: str) -> str:
    # « A rejoint » → « a rejoint », but « PDG » stays an acronym.
    return label[:1].lower() + label[1:] if label[1:2].islower() else label


def _month(value) -> str:
    return formats.date_format(value, "F Y")


def _period(start, end) -> str:
    """« depuis juin 2019 », « d’avril 2012 à mars 2026 », « jusqu’en novembre 2023 »."""
    if start and end:
        return f"{elide('de', _month(start))} à {_month(end)}"
    if start:
        return f"depuis {_month(start)}"
    if end:
        return f"jusqu’en {_month(end)}"
    return ""


def _deal_subject(row) -> str:
    """« l’acquisition de Scale AI par Meta »: the deal as a sentence names it."""
    source, target = row["source__name"], row["target__name"]
    if row["kind"] == Deal.Kind.ACQUISITION:
        return f"l’acquisition {elide('de', target)} par {source}"
    if row["kind"] == Deal.Kind.INVESTMENT:
        return f"l’investissement {elide('de', source)} dans {target}"
    if row["kind"] == Deal.Kind.FUNDING:
        return f"la levée de fonds {elide('de', target)} auprès {elide('de', source)}"
    return f"les discussions de rachat entre {source} et {target}"


def _of_subject(subject: str) -> str:
    # « de » + « les discussions » is « des discussions ».
    return f"des {subject[4:]}" if subject.startswith("les ") else f"de {subject}"


def _role_description(row) -> str:
    """« PDG (directeur général), depuis mars 2019 »."""
    text = _lower_first(Role.Kind(row["kind"]).label) if row["kind"] in Role.Kind.values else row["kind"]
    if row["title"]:
        text += f" ({row['title']})"
    period = _period(row["start_date"], row["end_date"])
    return f"{text}, {period}" if period else text


def _money(value: str, currency: str) -> str:
    return money_fr(value, currency or Deal.Currency.USD)


def _value_display(kind: str, value: str, currency: str) -> str:
    if not value:
        return MISSING.get(kind, "")
    if kind in (Kind.DEAL_AMOUNT, Kind.DEAL_VALUATION, Kind.DEAL_ADDED, Kind.DEAL_REMOVED):
        return _money(value, currency)
    if kind == Kind.DEAL_STATUS:
        return Deal.Status(value).label.lower() if value in Deal.Status.values else value
    if kind == Kind.DEAL_DATE:
        return day_fr(datetime.date.fromisoformat(value))
    return value


def values_display(change: FactChange) -> str:
    """« 14 milliards de dollars → 15 milliards de dollars », « rumeur → conclu », « depuis juin 2025 »."""
    if change.kind in SHOWS_BOTH:
        old = _value_display(change.kind, change.old_value, change.old_currency)
        new = _value_display(change.kind, change.new_value, change.new_currency)
        return f"{old}{ARROW}{new}"
    if change.kind in SHOWS_OLD:
        return _value_display(change.kind, change.old_value, change.old_currency) if change.old_value else ""
    return _value_display(change.kind, change.new_value, change.new_currency) if change.new_value else ""


# --- Reading the live facts and comparing them ---------------------------------------------------


def live_facts(entity_id) -> dict:
    """The entity's own facts as readers see them now, by kind then primary key (3 queries)."""
    roles = Role.objects.filter(person_id=entity_id).values(
        "pk", "person__name", "organisation_id", "organisation__name", "kind", "title", "start_date", "end_date"
    )
    deals = Deal.objects.filter(source_id=entity_id).values(
        "pk", "source__name", "target_id", "target__name", "kind", "status", "date", "amount", "currency", "valuation"
    )
    links = GroupLink.objects.filter(parent_id=entity_id).values("pk", "parent__name", "child_id", "child__name", "start_date", "end_date")
    return {
        "roles": {row["pk"]: row for row in roles},
        "deals": {row["pk"]: row for row in deals},
        "links": {row["pk"]: row for row in links},
    }


def _raw(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _deal_changes(before: dict, after: dict, make) -> list:
    changes = []
    for pk, new in after.items():
        subject = _deal_subject(new)
        old = before.get(pk)
        if old is None:
            changes.append(make(Kind.DEAL_ADDED, f"Nouvelle opération\u00a0: {subject}", new, new_value=_raw(new["amount"])))
            continue
        # An amount written in another currency is another amount.
        for kind, field, label in ((Kind.DEAL_AMOUNT, "amount", "Montant"), (Kind.DEAL_VALUATION, "valuation", "Valorisation")):
            if (old[field], old["currency"]) != (new[field], new["currency"]) and (old[field] is not None or new[field] is not None):
                summary = f"{label} {_of_subject(subject)}" if kind == Kind.DEAL_AMOUNT else f"{label} lors {_of_subject(subject)}"
                changes.append(
                    make(kind, summary, new, old_value=_raw(old[field]), old_currency=old["currency"], new_value=_raw(new[field]))
                )
        if old["status"] != new["status"]:
            changes.append(make(Kind.DEAL_STATUS, f"Statut {_of_subject(subject)}", new, old_value=old["status"], new_value=new["status"]))
        if old["date"] != new["date"]:
            changes.append(
                make(Kind.DEAL_DATE, f"Date {_of_subject(subject)}", new, old_value=_raw(old["date"]), new_value=_raw(new["date"]))
            )
    for pk, old in before.items():
        if pk not in after:
            summary = f"Opération retirée\u00a0: {_deal_subject(old)}"
            changes.append(make(Kind.DEAL_REMOVED, summary, old, gone=True, old_value=_raw(old["amount"]), old_currency=old["currency"]))
    return changes


def _role_changes(before: dict, after: dict, make) -> list:
    changes = []
    fields = ("organisation_id", "kind", "title", "start_date", "end_date")
    for pk, new in after.items():
        subject = f"{new['person__name']} chez {new['organisation__name']}"
        old = before.get(pk)
        if old is None:
            changes.append(make(Kind.ROLE_ADDED, f"Nouvelle fonction\u00a0: {subject}", new, new_value=_role_description(new)))
        elif all(old[field] == new[field] for field in fields):
            continue
        elif old["end_date"] is None and new["end_date"] and all(old[field] == new[field] for field in fields[:-1]):
            changes.append(make(Kind.ROLE_ENDED, f"Fin de fonction\u00a0: {subject}", new, new_value=_role_description(new)))
        else:
            changes.append(
                make(
                    Kind.ROLE_CHANGED,
                    f"Fonction modifiée\u00a0: {subject}",
                    new,
                    old_value=_role_description(old),
                    new_value=_role_description(new),
                )
            )
    for pk, old in before.items():
        if pk not in after:
            subject = f"{old['person__name']} chez {old['organisation__name']}"
            changes.append(make(Kind.ROLE_REMOVED, f"Fonction retirée\u00a0: {subject}", old, gone=True, old_value=_role_description(old)))
    return changes


def _link_changes(before: dict, after: dict, make) -> list:
    changes = []
    for pk, new in after.items():
        subject = f"{new['child__name']}, filiale {elide('de', new['parent__name'])}"
        period = _period(new["start_date"], new["end_date"])
        old = before.get(pk)
        if old is None:
            changes.append(make(Kind.GROUP_ADDED, f"Entrée dans le groupe\u00a0: {subject}", new, new_value=period))
        elif (old["child_id"], old["start_date"], old["end_date"]) == (new["child_id"], new["start_date"], new["end_date"]):
            continue
        elif old["end_date"] is None and new["end_date"] and (old["child_id"], old["start_date"]) == (new["child_id"], new["start_date"]):
            changes.append(make(Kind.GROUP_LEFT, f"Sortie du groupe\u00a0: {subject}", new, new_value=period))
        else:
            old_period = _period(old["start_date"], old["end_date"]) or "sans dates"
            changes.append(
                make(
                    Kind.GROUP_CHANGED,
                    f"Appartenance au groupe modifiée\u00a0: {subject}",
                    new,
                    old_value=old_period,
                    new_value=period or "sans dates",
                )
            )
    for pk, old in before.items():
        if pk not in after:
            subject = f"{old['child__name']}, filiale {elide('de', old['parent__name'])}"
            old_period = _period(old["start_date"], old["end_date"])
            changes.append(make(Kind.GROUP_REMOVED, f"Lien de groupe retiré\u00a0: {subject}", old, gone=True, old_value=old_period))
    return changes


def diff_facts(entity_id, before: dict, after: dict, *, when=None, revision=None) -> list[FactChange]:
    """The changes (unsaved) from the facts `before` to the facts `after` (see `live_facts`)."""
    when = when or timezone.now()

    def maker(row_field, other_field):
        def make(kind, summary, row, *, gone=False, new_value="", old_value="", old_currency=""):
            money = kind in (Kind.DEAL_AMOUNT, Kind.DEAL_VALUATION, Kind.DEAL_ADDED, Kind.DEAL_REMOVED)
            return FactChange(
                entity_id=entity_id,
                other_id=row[other_field],
                when=when,
                kind=kind,
                summary=summary,
                old_value=old_value,
                old_currency=old_currency if money and old_value else "",
                new_value=new_value,
                new_currency=row.get("currency", "") if money and new_value else "",
                # A row this publication deleted cannot be pointed at.
                **{row_field: None if gone else row["pk"]},
                revision=revision,
            )

        return make

    return [
        *_deal_changes(before["deals"], after["deals"], maker("deal_id", "target_id")),
        *_role_changes(before["roles"], after["roles"], maker("role_id", "organisation_id")),
        *_link_changes(before["links"], after["links"], maker("group_link_id", "child_id")),
    ]


@contextmanager
def recording_fact_changes(entity: Entity, revision):
    """Around a publication of `entity`: record what it changes in the live facts.

    The entity's row is locked first, so two publications of one entity are compared one after
    the other; the changes are written in the publication's transaction, so the purge that runs
    after its commit sees them."""
    with transaction.atomic():
        published_before = list(Entity.objects.select_for_update().filter(pk=entity.pk).values_list("first_published_at", flat=True))
        before = live_facts(entity.pk) if published_before and published_before[0] else None
        yield
        if before is not None:
            changes = diff_facts(entity.pk, before, live_facts(entity.pk), revision=revision)
            if changes:
                FactChange.objects.bulk_create(changes)


# --- Reading the history for the public page -----------------------------------------------------


def public_fact_changes(entity: Entity, limit: int = HISTORY_SIZE) -> list[FactChange]:
    """The latest changes shown on `entity`'s page, newest first, in one query: those its own
    publications made and those about it, the other party being live (a draft entity is never
    named)."""
    own = Q(entity=entity) & (Q(other__isnull=True) | Q(other__live=True))
    about = Q(other=entity, entity__live=True)
    return list(FactChange.objects.filter(own | about).order_by("-when", "-pk")[:limit])
