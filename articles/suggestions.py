"""Entity suggestions for the article editor: known entities found in the text but not linked
yet, and people or organisations named in the text that are not entities at all."""

from dataclasses import dataclass, field

from django.utils.text import slugify

from articles.body_text import body_texts
from entities.consistency import check_text, name_variant_findings
from entities.mentions import find_mentions
from entities.models import Entity
from entities.ner import NamedEntity, default_gazetteer, named_entities


@dataclass
class Suggestions:
    """What the « Entités repérées dans le texte » panel shows."""

    known: list[Entity] = field(default_factory=list)
    unknown: list[NamedEntity] = field(default_factory=list)
    ner_available: bool = True
    findings: list = field(default_factory=list)


def article_text(article) -> str:
    """Every piece of prose of an article, in reading order, as plain text."""
    parts = [article.title or "", article.kicker or "", article.chapo or "", *article.body_texts(with_captions=True)]
    return "\n\n".join(part for part in parts if part)


def article_prose(article) -> str:
    """The running prose the name finder reads: the chapô, paragraphs, quotes and captions. Titles,
    surtitres and headings are left out: their capitals and missing context make the model take
    common words for names (« SOUVERAINETÉ »), and a name that matters is in the prose too."""
    blocks = [block for block in (article.body.raw_data if article.body else []) if block.get("type") != "heading"]
    parts = [article.chapo or "", *body_texts(blocks, with_captions=True)]
    return "\n\n".join(part for part in parts if part)


def _key(name: str) -> str:
    return slugify(name)


def suggest_entities(article) -> Suggestions:
    """Known entities not yet linked (in order of first mention), then unknown named people and
    organisations, skipping any name that a known entity already covers."""
    text = article_text(article)
    if not text.strip():
        return Suggestions()
    linked = {link.entity_id for link in article.entity_links.all()}
    mentions = find_mentions(text)
    known, seen = [], set()
    for mention in mentions:
        entity = mention.entity
        if entity.pk not in linked and entity.pk not in seen:
            seen.add(entity.pk)
            known.append(entity)
    findings = check_text(text)
    found = named_entities(article_prose(article), gazetteer=default_gazetteer())
    if found is None:
        return Suggestions(known=known, ner_available=False, findings=findings)
    covered = {_key(mention.matched_text) for mention in mentions}
    unknown = [candidate for candidate in found if _key(candidate.text) not in covered and not find_mentions(candidate.text)]
    variants = name_variant_findings([candidate.text for candidate in unknown])
    return Suggestions(known=known, unknown=unknown, findings=findings + variants)


def unique_entity_slug(name: str) -> str:
    """A free slug for a new entity named `name`."""
    base = slugify(name)[:150] or "entite"
    slug, number = base, 2
    while Entity.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug
