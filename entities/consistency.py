"""What a text says against what the knowledge base records: amounts of deals, roles of people
and when they joined an organisation.

`check_text(text)` finds the known entities of a text (the mention detector), then reads, in two
queries, the deals between them and the roles of the people named. Each disagreement is a
`Finding`: a French message and a link to the entity concerned (a deal is edited on its acquirer's
record). These are warnings for the journalist, never reasons to refuse a publication.
"""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from entities.amounts import close_enough, find_amounts, format_amount
from entities.mentions import find_mentions, normalize_name
from entities.models import Deal, Entity, Role
from newsroom.templatetags.french import elide

# Only figures of the same order as the recorded ones are compared: « 100 millions » of signing
# bonuses next to a 14-billion deal is another figure, not a mistake about it.
COMPARABLE_RATIO = 3
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")
_ROLE_CLAIM = re.compile(
    r"^\s*,?\s*(?:l[’']|le\s+|la\s+|son\s+|sa\s+)?(?P<former>ancien(?:ne)?\s+)?"
    r"(?P<role>PDG|directeur\s+général|directrice\s+générale|patron(?:ne)?|(?:co-?)?fondat(?:eur|rice))"
    r"\s+(?:de\s+|du\s+|d[’']|chez\s+)$",
    re.IGNORECASE,
)
CHIEF_KINDS = {Role.Kind.CEO, Role.Kind.EXECUTIVE}
FOUNDER_KINDS = {Role.Kind.FOUNDER, Role.Kind.COFOUNDER}


@dataclass(frozen=True)
class Finding:
    """One disagreement between the text and the base, with where to check the base."""

    message: str
    url: str
    link_label: str

    def __str__(self):
        return self.message


def _edit_url(entity) -> str:
    return reverse("wagtailsnippets_entities_entity:edit", args=[entity.pk])


def _sentences(text):
    for match in _SENTENCE.finditer(text):
        yield match.start(), match.end()


def _amount_findings(text, mentions, entity_ids):
    deals = list(
        Deal.objects.filter(source_id__in=entity_ids, target_id__in=entity_ids)
        .exclude(amount=None, valuation=None)
        .select_related("source", "target")
    )
    findings, seen = [], set()
    for deal in deals:
        recorded = [value for value in (deal.amount, deal.valuation) if value]
        for start, end in _sentences(text):
            parties = {m.entity.pk for m in mentions if start <= m.start < end}
            if not parties & {deal.source_id, deal.target_id}:
                continue
            for amount in find_amounts(text[start:end]):
                comparable = [value for value in recorded if value / COMPARABLE_RATIO <= amount.value <= value * COMPARABLE_RATIO]
                if not comparable or (deal.pk, amount.written) in seen:
                    continue
                seen.add((deal.pk, amount.written))
                wrong_currency = amount.currency and amount.currency != deal.currency
                if not wrong_currency and any(close_enough(amount, value) for value in comparable):
                    continue
                figures = ", ".join(
                    f"{label} de {format_amount(value, deal.currency)}"
                    for label, value in ((deal.get_kind_display().lower(), deal.amount), ("valorisation", deal.valuation))
                    if value
                )
                findings.append(
                    Finding(
                        message=f"Le texte indique «\u00a0{amount.written}\u00a0» près de {deal.source} et {deal.target}\u00a0; "
                        f"la base enregistre\u00a0: {figures}.",
                        url=_edit_url(deal.source),
                        link_label=f"Voir l’opération sur la fiche {deal.source}",
                    )
                )
    return findings


def _roles_of(mentions):
    """The recorded roles of the people named, by (person, organisation): one query."""
    people = {m.entity.pk for m in mentions if m.entity.kind == "personne"}
    roles = {}
    if people:
        for role in Role.objects.filter(person_id__in=people):
            roles.setdefault((role.person_id, role.organisation_id), []).append(role)
    return roles


def _role_findings(text, mentions, roles):
    today = timezone.localdate()
    findings = []
    for index, mention in enumerate(mentions):
        if mention.entity.kind != "personne" or index + 1 >= len(mentions):
            continue
        organisation = mentions[index + 1]
        claim = _ROLE_CLAIM.match(text[mention.end : organisation.start])
        if claim is None or organisation.entity.kind == "personne":
            continue
        person, org = mention.entity, organisation.entity
        held = roles.get((person.pk, org.pk), [])
        said = " ".join(claim["role"].split())
        if said.lower().replace("-", "").startswith(("cofond", "fond")):
            if not any(role.kind in FOUNDER_KINDS for role in held):
                message = f"Le texte présente {person} comme {said} {elide('de', org)}\u00a0: la base n’enregistre pas ce rôle."
            else:
                continue
        else:
            current = [role for role in held if role.kind in CHIEF_KINDS and (role.end_date is None or role.end_date >= today)]
            ended = [role for role in held if role.kind in CHIEF_KINDS and role.end_date and role.end_date < today]
            ended += [role for role in held if role.kind == Role.Kind.FORMER_CEO]
            if claim["former"] and current:
                message = (
                    f"Le texte dit {person} «\u00a0ancien\u00a0» {said} {elide('de', org)}\u00a0: d’après la base, ce rôle est en cours."
                )
            elif not claim["former"] and not current and ended:
                end = max((role.end_date for role in ended if role.end_date), default=None)
                since = f" depuis le {date_format(end, 'j F Y')}" if end else ""
                message = f"Le texte dit {person} {said} {elide('de', org)}\u00a0: d’après la base, ce rôle a pris fin{since}."
            elif not claim["former"] and not held:
                message = f"Le texte dit {person} {said} {elide('de', org)}\u00a0: la base n’enregistre aucune fonction {elide('de', person)} chez {org}."
            else:
                continue
        findings.append(Finding(message=message, url=_edit_url(person), link_label=f"Voir la fiche {person}"))
    return findings


_SPACE = r"[\s\u00a0\u202f]"
_MONTH_NAMES = (
    "janvier", "février|fevrier", "mars", "avril", "mai", "juin",
    "juillet", "août|aout", "septembre", "octobre", "novembre", "décembre|decembre",
)  # fmt: skip
_MONTHS = {name: number for number, names in enumerate(_MONTH_NAMES, start=1) for name in names.split("|")}
_DATE = rf"(?:(?P<day>1er|\d{{1,2}}){_SPACE}+)?(?:(?P<month>{'|'.join(_MONTHS)}){_SPACE}+)?(?P<year>(?:19|20)\d{{2}})\b"
# « Alexandr Wang a rejoint Meta », « …, recruté par Meta », « …, arrivée chez Mistral AI ».
_JOINED = re.compile(
    rf"^{_SPACE}*,?{_SPACE}*(?:qui{_SPACE}+)?(?:(?:a|avait|aurait|est|était){_SPACE}+)?(?:été{_SPACE}+)?"
    rf"(?:rejoint|intégré|(?:recruté|embauché|débauché)e?{_SPACE}+(?:par|chez)|(?:arrivé|entré)e?{_SPACE}+(?:chez|à|au|dans))"
    rf"{_SPACE}+(?:l[’']|le{_SPACE}+|la{_SPACE}+)?$",
    re.IGNORECASE,
)
# The date right after the organisation (« … Meta en juin 2025 », « …, le 12 juin 2025 ») or
# opening the sentence (« En juin 2025, Alexandr Wang a rejoint Meta »).
_DATE_AFTER = re.compile(rf"^{_SPACE}*,?{_SPACE}*(?:en|le|dès|au{_SPACE}+mois{_SPACE}+de){_SPACE}+{_DATE}", re.IGNORECASE)
_DATE_BEFORE = re.compile(rf"^{_SPACE}*(?:en|le|dès|au{_SPACE}+mois{_SPACE}+de){_SPACE}+{_DATE}{_SPACE}*,", re.IGNORECASE)


@dataclass(frozen=True)
class WrittenDate:
    """A date as precise as the text gives it: a year, a month or a day."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def from_match(cls, match) -> "WrittenDate":
        month = _MONTHS[match["month"].lower()] if match["month"] else None
        day = (1 if match["day"] == "1er" else int(match["day"])) if match["day"] and month else None
        return cls(int(match["year"]), month, day)

    def agrees_with(self, recorded) -> bool:
        """Whether a recorded date falls within what the text says (« en 2025 » agrees with any day of 2025)."""
        written = (self.year, self.month, self.day)
        precise = (recorded.year, recorded.month, recorded.day)
        return all(part is None or part == known for part, known in zip(written, precise, strict=True))


def parse_written_date(text: str) -> WrittenDate | None:
    """The first French date in `text` (« 12 juin 2025 », « juin 2025 », « 2025 »), or None."""
    match = re.search(_DATE, text, re.IGNORECASE)
    return WrittenDate.from_match(match) if match else None


def _joined_findings(text, mentions, roles):
    """« X a rejoint Y en juin 2025 » against the start date the base records for X at Y."""
    findings = []
    sentences = list(_sentences(text))
    for index, mention in enumerate(mentions[:-1]):
        organisation = mentions[index + 1]
        if mention.entity.kind != "personne" or organisation.entity.kind == "personne":
            continue
        if not _JOINED.match(text[mention.end : organisation.start]):
            continue
        sentence_start = max((start for start, _ in sentences if start <= mention.start), default=0)
        written = _DATE_AFTER.match(text[organisation.end : organisation.end + 40]) or _DATE_BEFORE.match(
            text[sentence_start : mention.start]
        )
        if written is None:
            continue
        when = WrittenDate.from_match(written)
        person, org = mention.entity, organisation.entity
        starts = sorted(role.start_date for role in roles.get((person.pk, org.pk), []) if role.start_date)
        if not starts or any(when.agrees_with(start) for start in starts):
            continue
        recorded = date_format(starts[0], "j F Y")
        said = " ".join(written.group(0).strip(" ,\u00a0\u202f").split())
        findings.append(
            Finding(
                message=f"Le texte dit {elide('que', person)} a rejoint {org} «\u00a0{said}\u00a0»\u00a0: "
                f"la base enregistre son arrivée le {recorded}.",
                url=_edit_url(person),
                link_label=f"Voir la fiche {person}",
            )
        )
    return findings


def check_text(text: str) -> list[Finding]:
    """The disagreements between `text` and the knowledge base: amounts of the deals between the
    entities it names, the roles it gives the people it names and when it says they joined."""
    if not text or not text.strip():
        return []
    mentions = find_mentions(text)
    entity_ids = {mention.entity.pk for mention in mentions}
    if not entity_ids:
        return []
    roles = _roles_of(mentions)
    return _amount_findings(text, mentions, entity_ids) + _role_findings(text, mentions, roles) + _joined_findings(text, mentions, roles)


# Two spellings this close are one name written two ways (« Alexander Wang », « Open AI »).
VARIANT_SIMILARITY = 0.85


def _compact(name: str) -> str:
    return normalize_name(name).replace(" ", "")


def name_variant_findings(names: list[str]) -> list[Finding]:
    """New names (from the NER) that look like a known entity's name written another way, with a
    suggestion to add the spelling to the entity's aliases. One query, narrowed to the known names
    that start like one of the new ones."""
    names = [name for name in names if len(_compact(name)) >= 4]
    if not names:
        return []
    starts = Q()
    for name in names:
        starts |= Q(name__istartswith=name[:2])
    candidates = list(Entity.objects.filter(starts, live=True).only("pk", "name", "aliases", "kind"))
    findings = []
    for name in names:
        written = _compact(name)
        for entity in candidates:
            known = [_compact(known_name) for known_name in entity.names]
            if written in known:
                continue
            if any(written == other or SequenceMatcher(None, written, other).ratio() >= VARIANT_SIMILARITY for other in known):
                findings.append(
                    Finding(
                        message=f"«\u00a0{name}\u00a0» ressemble à «\u00a0{entity.name}\u00a0»\u00a0: s’il s’agit de la même entité, "
                        "ajoutez cette graphie à ses autres noms (ou corrigez le texte).",
                        url=_edit_url(entity),
                        link_label=f"Voir la fiche {entity.name}",
                    )
                )
                break
    return findings
