"""French named-entity recognition, offline, with spaCy's `fr_core_news_sm` when it is installed.

The model is a Python package (no download at run time). Without it, `named_entities` returns
None and callers say so; the known-entity detector does not need it.

The model alone finds people well and organisations badly on tech news (see
`entities/ner_sample/` and `benchmarks/ner_quality.py`): `entities.ner_rules` corrects it, and a
gazetteer of the knowledge base's names and aliases gives known names their recorded kind.
"""

import importlib.util
import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path

from entities import ner_rules as rules
from entities.mentions import MentionIndex

logger = logging.getLogger(__name__)

MODEL = "fr_core_news_sm"
# spaCy labels we turn into entity kinds; MISC and LOC are not people or organisations (the rules
# look at them again: the model files many organisations there).
LABEL_KINDS = {"PER": "personne", "ORG": "entreprise"}
# Only the NER path is needed: the parser and lemmatizer cost time for nothing.
EXCLUDED_PIPES = ["parser", "lemmatizer", "morphologizer", "attribute_ruler", "senter"]
# French words common in news that the model's dictionary lacks.
EXTRA_WORDS = frozenset({"start", "start-up", "start-ups", "podcast", "podcasts", "data", "cloud", "web", "internet"})

_lock = threading.Lock()
_nlp = None
_unavailable = False
_dictionary = None


@dataclass(frozen=True)
class NamedEntity:
    """A person or organisation named in a text, with the kind an entity for it would have."""

    text: str
    kind: str


@dataclass
class Gazetteer:
    """Known names (an entity's name and aliases) with their kind, and the first names of the known
    people, which the person rule then recognises too."""

    index: MentionIndex
    first_names: frozenset = field(default_factory=frozenset)

    @classmethod
    def from_entries(cls, entries) -> "Gazetteer":
        """From (object with `.kind` and `.name`, names) pairs, as `MentionIndex` takes them."""
        entries = list(entries)
        people = {obj.name.split()[0] for obj, _names in entries if obj.kind == rules.PERSON and obj.name.split()}
        return cls(index=MentionIndex(entries), first_names=frozenset(people))


def load_model():
    """The spaCy pipeline, loaded once per process; None when spaCy or the model is missing."""
    global _nlp, _unavailable
    if _nlp is not None or _unavailable:
        return _nlp
    with _lock:
        if _nlp is None and not _unavailable:
            try:
                import spacy

                _nlp = spacy.load(MODEL, exclude=EXCLUDED_PIPES)
            except (ImportError, OSError) as exc:
                logger.warning("French NER unavailable (%s): install %s to enable it", exc, MODEL)
                _unavailable = True
    return _nlp


def _lookups_dir() -> Path | None:
    spec = importlib.util.find_spec(MODEL)
    if spec is None or not spec.submodule_search_locations:
        return None
    found = sorted(Path(next(iter(spec.submodule_search_locations))).glob("*/lemmatizer/lookups"))
    return found[0] if found else None


def load_dictionary():
    """`word → bool`: whether a word is French vocabulary (a form or lemma the model's lemmatizer
    knows), loaded once per process. Without the tables, nothing is a dictionary word."""
    global _dictionary
    if _dictionary is not None:
        return _dictionary
    with _lock:
        if _dictionary is None:
            words, forms = set(EXTRA_WORDS), None
            folder = _lookups_dir()
            if folder is not None:
                from spacy.lookups import Lookups

                lookups = Lookups().from_disk(folder)
                for lemmas in lookups.get_table("lemma_index").values():
                    words.update(lemmas)
                forms = lookups.get_table("lemma_lookup")

            def dictionary(word: str) -> bool:
                lower = word.lower().replace("’", "'")
                return lower in words or (forms is not None and lower in forms)

            _dictionary = dictionary
    return _dictionary


def _clean(name: str) -> str:
    name = " ".join(name.split()).strip(" .,;:!?«»\"'’")
    words = name.split()
    while words and words[0] in rules.CIVILITIES:
        words = words[1:]
    return " ".join(words)


def _model_entities(doc) -> list[NamedEntity]:
    """The model as it is: its PER and ORG spans, with the minimal cleaning of the first version."""
    found = []
    for ent in doc.ents:
        kind = LABEL_KINDS.get(ent.label_)
        name = _clean(ent.text)
        # Single letters and lowercase fragments are tagging noise, not names; a lone capitalised
        # word tagged as a person is usually a sentence-initial common noun (« Documentation »).
        if kind is None or len(name) < 2 or not name[0].isupper():
            continue
        if kind == "personne" and len(name.split()) < 2:
            continue
        found.append(NamedEntity(text=name, kind=kind))
    return found


def _trim(doc, start: int, end: int) -> tuple[int, int]:
    """Drop what a span should not hold at its edges: civilities, elisions, lowercase words
    (« fonds Eurazeo », « Station F lundi »), punctuation. An institution keeps its adjective
    (« Commission européenne »)."""
    while start < end and (
        not rules.is_capitalised(doc[start].text) or doc[start].text in rules.CIVILITIES or not doc[start].text[0].isalnum()
    ):
        start += 1
    if start < end and doc[start].text in rules.ORG_HEADS:
        return start, end
    while end > start and (not rules.is_capitalised(doc[end - 1].text) or not doc[end - 1].text[0].isalnum()):
        end -= 1
    return start, end


def _model_spans(doc, dictionary):
    """The model's (label, start, end), with two neighbouring spans joined when together they read
    as an organisation (« Lightspeed » + « Venture Partners », « Meta » + « Superintelligence Labs »)."""
    spans = []
    for ent in doc.ents:
        if spans and spans[-1][2] == ent.start:
            _label, start, _end = spans[-1]
            if rules.looks_like_organisation([token.text for token in doc[start : ent.end]], dictionary):
                spans[-1] = ("ORG", start, ent.end)
                continue
        spans.append((ent.label_, ent.start, ent.end))
    return spans


def _classify(doc, label, start, end, dictionary, first_names, surnames):
    """The kind of a model span after the rules, or None when it is no person nor organisation."""
    words = [token.text for token in doc[start:end]]
    if all(rules.is_all_caps(word) and dictionary(word) for word in words):
        return None  # a heading or a surtitre in capitals
    if rules.looks_like_organisation(words, dictionary):
        return rules.ORGANISATION
    if len(words) == 1:
        word = words[0]
        if dictionary(word) and (rules.at_sentence_start(doc, start) or rules.is_all_caps(word)):
            return None
        if rules.is_first_name(word, first_names) or word in surnames or len(word) < 3:
            return None
        if label == "LOC":
            before = doc[start - 1].text if start else ""
            return rules.ORGANISATION if before in rules.DEFINITE_BEFORE and not dictionary(word) else None
        if label == "MISC" and dictionary(word):
            return None
        return rules.ORGANISATION
    if label == "PER" or (label == "ORG" and rules.is_first_name(words[0], first_names)):
        return rules.PERSON
    if label == "ORG" or (label == "MISC" and all(rules.is_capitalised(word) for word in words)):
        return rules.ORGANISATION
    return None


def _improved_entities(doc, gazetteer: Gazetteer | None) -> list[NamedEntity]:
    """Gazetteer first, then the person rule, then the model's spans through the rules."""
    dictionary = load_dictionary()
    first_names = gazetteer.first_names if gazetteer else frozenset()
    taken = [False] * len(doc)
    spans = []  # (first token, kind, text)

    def free(start, end):
        return start < end and not any(taken[start:end])

    def take(start, end, kind, text=None):
        for index in range(start, end):
            taken[index] = True
        spans.append((start, kind, text or doc[start:end].text))

    if gazetteer is not None:
        for mention in gazetteer.index.find(doc.text):
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None and free(span.start, span.end):
                kind = getattr(mention.entity, "kind", rules.ORGANISATION)
                take(span.start, span.end, rules.PERSON if kind == rules.PERSON else kind, mention.matched_text)
    for start, end in rules.person_spans(doc, first_names):
        if free(start, end):
            take(start, end, rules.PERSON)
    surnames = {text.split()[-1] for _start, kind, text in spans if kind == rules.PERSON}
    surnames |= {ent.text.split()[-1] for ent in doc.ents if ent.label_ == "PER" and len(ent.text.split()) > 1}
    for label, start, end in _model_spans(doc, dictionary):
        start, end = _trim(doc, start, end)
        if not free(start, end):
            continue
        kind = _classify(doc, label, start, end, dictionary, first_names, surnames)
        if kind is not None:
            take(start, end, kind)
    spans.sort(key=lambda span: span[0])
    return [NamedEntity(text=_clean(text), kind=kind) for _start, kind, text in spans if len(_clean(text)) > 1]


def named_entities(text: str, *, gazetteer: Gazetteer | None = None, nlp=None, improved: bool = True) -> list[NamedEntity] | None:
    """People and organisations named in `text`, deduplicated, in order; None without the model.

    `gazetteer` gives known names their recorded kind; `improved=False` is the model as it is
    (for measuring); `nlp` another loaded pipeline (the medium model, in the benchmark).
    """
    nlp = nlp or load_model()
    if nlp is None:
        return None
    doc = nlp(text)
    found = _improved_entities(doc, gazetteer) if improved else _model_entities(doc)
    seen, unique = set(), []
    for candidate in found:
        key = candidate.text.casefold()
        if key not in seen:
            seen.add(key)
            unique.append(candidate)
    return unique


_default_gazetteer: tuple[int, Gazetteer] | None = None


def default_gazetteer() -> Gazetteer:
    """The live knowledge base as gazetteer: the mention detector's index (rebuilt whenever any
    process edits an entity) and the first names of the known people (one query per rebuild)."""
    global _default_gazetteer
    from entities.mentions import get_default_index
    from entities.models import Entity

    index = get_default_index()
    cached = _default_gazetteer
    if cached is not None and cached[0] == id(index):
        return cached[1]
    names = Entity.objects.filter(live=True, kind=Entity.Kind.PERSON).values_list("name", flat=True)
    gazetteer = Gazetteer(index=index, first_names=frozenset(name.split()[0] for name in names if name.split()))
    _default_gazetteer = (id(index), gazetteer)
    return gazetteer
