"""French named-entity recognition, offline, with spaCy's `fr_core_news_sm` when it is installed.

The model is a Python package (no download at run time). Without it, `named_entities` returns
None and callers say so; the known-entity detector does not need it.
"""

import logging
import re
import threading
from dataclasses import dataclass

logger = logging.getLogger(__name__)

MODEL = "fr_core_news_sm"
# spaCy labels we turn into entity kinds; MISC and LOC are not people or organisations.
LABEL_KINDS = {"PER": "personne", "ORG": "entreprise"}

# Civilities are not part of a name: « M. Alexandr Wang » becomes « Alexandr Wang ».
_TITLES = re.compile(r"^(?:M\.|MM\.|Mme|Mmes|Mlle|Mlles|Dr|Pr|Me)\s+")

_lock = threading.Lock()
_nlp = None
_unavailable = False


@dataclass(frozen=True)
class NamedEntity:
    """A person or organisation named in a text, with the kind an entity for it would have."""

    text: str
    kind: str


def load_model():
    """The spaCy pipeline, loaded once per process; None when spaCy or the model is missing."""
    global _nlp, _unavailable
    if _nlp is not None or _unavailable:
        return _nlp
    with _lock:
        if _nlp is None and not _unavailable:
            try:
                import spacy

                # Only the NER path is needed: the parser and lemmatizer cost time for nothing.
                _nlp = spacy.load(MODEL, exclude=["parser", "lemmatizer", "morphologizer", "attribute_ruler"])
            except (ImportError, OSError) as exc:
                logger.warning("French NER unavailable (%s): install %s to enable it", exc, MODEL)
                _unavailable = True
    return _nlp


def named_entities(text: str) -> list[NamedEntity] | None:
    """People and organisations named in `text`, deduplicated, in order; None without the model."""
    nlp = load_model()
    if nlp is None:
        return None
    seen = set()
    found = []
    for ent in nlp(text).ents:
        kind = LABEL_KINDS.get(ent.label_)
        name = _TITLES.sub("", " ".join(ent.text.split())).strip(" .,;:!?«»\"'’")
        # Single letters and lowercase fragments are tagging noise, not names; a lone capitalised
        # word tagged as a person is usually a sentence-initial common noun (« Documentation »).
        if kind is None or len(name) < 2 or not name[0].isupper():
            continue
        if kind == "personne" and len(name.split()) < 2:
            continue
        key = name.casefold()
        if key not in seen:
            seen.add(key)
            found.append(NamedEntity(text=name, kind=kind))
    return found
