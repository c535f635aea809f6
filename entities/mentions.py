"""Find mentions of known entities (organisations, people) in French text.

Matching is case-, accent- and punctuation-insensitive and works on whole words
only. Both the text and the entity names go through the same normalisation:

* the text is cut into *words*: maximal runs of alphanumeric characters, with
  their combining marks and invisible joiners (soft hyphen, ZWJ…) kept inside;
* each word is folded (NFKD, case folding, accents dropped, « œ » → « oe »…);
* everything between two words (spaces, NBSP, hyphens, apostrophes, quotes,
  emoji…) collapses into one space, so « l’OpenAI » reads « l openai » and
  « Scale-AI » reads « scale ai ».

The folded words are joined into one string that a single Aho-Corasick
automaton scans. Since every hit starts and ends on a word boundary, mapping
it back to the original text only needs the original span of each word, which
keeps offsets exact whatever the folding does to lengths (« œ », « ß »,
NFD input, astral characters).

Django is imported lazily (only by :func:`get_default_index`) so the matcher
itself can be used and tested without a database.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import ahocorasick

__all__ = [
    "Mention",
    "MentionIndex",
    "find_mentions",
    "get_default_index",
    "invalidate_default_index",
    "normalize_name",
]


# Marks only live in planes 0, 1 and 14 (variation selectors); scanning all
# 17 planes would cost ~10x more import time for nothing.
_MARK_CHARS = frozenset(chr(cp) for cp in (*range(0x20000), *range(0xE0000, 0xE1000)) if unicodedata.category(chr(cp))[0] == "M")


def _char_class(chars: Iterable[str]) -> str:
    """Regex character class body (ranges of escapes) matching exactly ``chars``."""
    ranges: list[list[int]] = []
    for cp in sorted(map(ord, chars)):
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return "".join(f"\\U{a:08x}" if a == b else f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges)


# Invisible characters that may sit inside a word without splitting it:
# « Open\u00adAI » (soft hyphen) must still read « OpenAI ». ZWSP is left out
# on purpose: it is a word break by definition.
_JOINERS = "\u00ad\u200c\u200d\u2060\ufeff"
# U+02BC is a letter for Unicode (so \w) but French typography uses it as an
# apostrophe (« lʼOpenAI »); treat it as punctuation so elision still splits.
_APOSTROPHE_LETTERS = "\u02bc"
_MARKS = _char_class(_MARK_CHARS)
_WORD_CHAR = rf"[^\W_{_APOSTROPHE_LETTERS}]"
# Fast path for the usual text (no combining marks, no joiners).
_SIMPLE_WORD_RE = re.compile(rf"{_WORD_CHAR}+")
# A word may carry marks (NFD input) and joiners, but never ends on a joiner,
# so a span never swallows a trailing soft hyphen.
_FULL_WORD_RE = re.compile(rf"{_WORD_CHAR}(?:{_WORD_CHAR}|[{_MARKS}]|[{_JOINERS}]+(?={_WORD_CHAR}|[{_MARKS}]))*")
# A set test beats scanning the text with a regex class of ~300 ranges (6x).
_NEEDS_FULL_CHARS = _MARK_CHARS | frozenset(_JOINERS)
_DROP_FROM_FOLD_RE = re.compile(rf"[\W_{_APOSTROPHE_LETTERS}{_MARKS}]")

# Letters that NFKD leaves alone but a French reader considers spelling
# variants: « cœur » = « coeur », « Søren » = « Soren ».
_EXTRA_FOLDS = str.maketrans(
    {
        "œ": "oe",
        "æ": "ae",
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "ı": "i",
    }
)


# News vocabulary is a few tens of thousands of words; the bound caps memory
# (~15 MB) in a long-lived worker.
@lru_cache(maxsize=65_536)
def _fold_word(word: str) -> str:
    """Fold one word (as cut by the word regexes) to its matching form."""
    if word.isascii():
        return word.lower()
    folded = unicodedata.normalize("NFKD", word).casefold()
    # casefold() can reintroduce decomposable characters (« İ » → « i̇ »).
    folded = unicodedata.normalize("NFKD", folded).translate(_EXTRA_FOLDS)
    folded = _DROP_FROM_FOLD_RE.sub("", folded)
    # A word is never allowed to vanish: an empty fold would merge its
    # neighbours' separators and fake a word boundary.
    return folded or word.casefold()


def _words(text: str) -> tuple[list[tuple[int, int]], list[str]]:
    """Original spans and folded forms of the words of ``text``."""
    simple = text.isascii() or _NEEDS_FULL_CHARS.isdisjoint(text)
    word_re = _SIMPLE_WORD_RE if simple else _FULL_WORD_RE
    spans: list[tuple[int, int]] = []
    folded: list[str] = []
    for match in word_re.finditer(text):
        spans.append(match.span())
        folded.append(_fold_word(match.group()))
    return spans, folded


def normalize_name(text: str) -> str:
    """Return the matching form of ``text``: folded words joined by single spaces.

    Two strings that normalise to the same value are treated as the same name
    (« Scale-AI » and « scale ai », « Lévy » and « LEVY »).
    """
    return " ".join(_words(text)[1])


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of an entity in a text; ``text[start:end] == matched_text``."""

    entity: Any
    start: int
    end: int
    matched_text: str


class MentionIndex:
    """Multi-pattern matcher over the names and aliases of a set of entities.

    ``entries`` yields ``(entity, names)`` pairs; entities are opaque objects
    (they need not be hashable). Names are normalised with
    :func:`normalize_name`; empty names are ignored.

    When several entities share a name (after normalisation), the name keeps
    pointing at the **first entity added** and later claims are ignored: the
    matcher returns one entity per mention and cannot tell them apart.

    Short all-caps names (« AI », « SSI ») are matched case-insensitively like
    any other, as whole words: « AIR » or « SSIS » never match. The trade-off
    is that such an alias also matches the ordinary French word with the same
    letters (« AI » matches « j'ai »), and punctuation-insensitivity means a
    hyphenated compound like « méta-analyse » contains the word « Meta ». We
    keep one simple rule rather than a case-sensitive mode for acronyms
    (which would miss « Ssi » or « ai » in lower-case headlines and URLs):
    keep such ambiguous aliases out of the entity data instead.

    Build once and reuse: building is the expensive part, :meth:`find` is not.
    """

    __slots__ = ("_automaton", "_entity_count", "_name_count")

    def __init__(self, entries: Iterable[tuple[Any, Iterable[str]]]) -> None:
        automaton = ahocorasick.Automaton()
        entity_count = 0
        for entity, names in entries:
            entity_count += 1
            if isinstance(names, str):
                # A bare string would otherwise be iterated as one-letter names.
                names = (names,)
            for name in names:
                if not isinstance(name, str):
                    continue
                normalized = normalize_name(name)
                if not normalized:
                    continue
                # The leading space makes every key start on a word boundary,
                # which also keeps the automaton from reporting « ai » inside
                # every other word; the trailing boundary is checked in find().
                key = " " + normalized
                if key not in automaton:
                    automaton.add_word(key, (len(normalized), entity))
        self._name_count = len(automaton)
        self._entity_count = entity_count
        if self._name_count:
            automaton.make_automaton()
            self._automaton: ahocorasick.Automaton | None = automaton
        else:
            # pyahocorasick refuses to scan with an empty automaton.
            self._automaton = None

    def __len__(self) -> int:
        """Number of distinct normalised names in the index."""
        return self._name_count

    @property
    def entity_count(self) -> int:
        """Number of entities the index was built from (with or without usable names)."""
        return self._entity_count

    def find(self, text: str) -> list[Mention]:
        """Return the non-overlapping mentions of indexed entities in ``text``, by start.

        Overlapping candidates are resolved longest name first (« Meta AI »
        beats « Meta »), then earliest start.
        """
        if not text or self._automaton is None:
            return []
        spans, folded = _words(text)
        if not spans:
            return []
        # Pad with spaces so that every word, including the first and last,
        # is preceded and followed by a boundary.
        normalized = " " + " ".join(folded) + " "
        word_starts: list[int] = []
        position = 1
        for word in folded:
            word_starts.append(position)
            position += len(word) + 1

        candidates: list[tuple[int, int, int, Any]] = []
        for last, (length, entity) in self._automaton.iter(normalized):
            if normalized[last + 1] == " ":
                candidates.append((length, last + 1 - length, last + 1, entity))
        if not candidates:
            return []

        # Longest first, then leftmost; keep a candidate only if it does not
        # overlap one already kept. Few candidates per text, so a sorted list
        # with bisect is plenty.
        candidates.sort(key=lambda c: (-c[0], c[1]))
        kept_starts: list[int] = []
        kept: list[tuple[int, int, Any]] = []
        for _length, start, end, entity in candidates:
            i = bisect_left(kept_starts, start)
            if i < len(kept) and kept[i][0] < end:
                continue
            if i > 0 and kept[i - 1][1] > start:
                continue
            kept_starts.insert(i, start)
            kept.insert(i, (start, end, entity))

        mentions = []
        for start, end, entity in kept:
            # Hits are whole words, so start/end land exactly on word edges.
            first = bisect_left(word_starts, start)
            last = bisect_right(word_starts, end) - 1
            original_start = spans[first][0]
            original_end = spans[last][1]
            mentions.append(Mention(entity, original_start, original_end, text[original_start:original_end]))
        return mentions


_default_index: MentionIndex | None = None
_generation = 0
_state_lock = threading.Lock()
_build_lock = threading.Lock()


def _build_default_index() -> MentionIndex:
    from entities.models import Entity

    # Ordering by pk makes « first entity added » (for shared aliases) mean
    # the oldest entity, whatever the model's default ordering is.
    entities = Entity.objects.filter(live=True).only("id", "name", "aliases", "kind").order_by("pk")
    return MentionIndex((entity, [entity.name, *(entity.aliases or [])]) for entity in entities.iterator())


def get_default_index() -> MentionIndex:
    """Return the index of all live entities, building it from the database on first use.

    The index is cached at module level until :func:`invalidate_default_index`.
    """
    global _default_index
    _drop_if_stale()
    index = _default_index
    if index is not None:
        return index
    # One builder at a time: concurrent callers wait and reuse its result.
    with _build_lock:
        with _state_lock:
            if _default_index is not None:
                return _default_index
            generation = _generation
        index = _build_default_index()
        with _state_lock:
            # An invalidation during the build means the rows we read may be
            # stale: hand the index to this caller but do not cache it.
            if generation == _generation:
                _default_index = index
        return index


_default_stamp = None


def _database_stamp():
    """(count, last update) of the entities: changes whenever any process edits the knowledge
    base. The signals only reach the process that saved, and gunicorn runs several."""
    from django.db.models import Count, Max

    from entities.models import Entity

    stamp = Entity.objects.aggregate(count=Count("id"), updated=Max("updated_at"))
    return stamp["count"], stamp["updated"]


def _drop_if_stale() -> None:
    global _default_stamp
    try:
        stamp = _database_stamp()
    except ImportError:
        # Outside Django (benchmarks, unit tests with a fake model): signals are enough.
        return
    if stamp != _default_stamp:
        invalidate_default_index()
        _default_stamp = stamp


def invalidate_default_index() -> None:
    """Drop the cached default index; the next lookup rebuilds it from the database."""
    global _default_index, _generation
    # Deliberately not taking _build_lock: a save must not wait for a rebuild.
    with _state_lock:
        _generation += 1
        _default_index = None


def find_mentions(text: str, index: MentionIndex | None = None) -> list[Mention]:
    """Return the mentions of known entities in ``text``, sorted by start.

    Without ``index``, uses :func:`get_default_index` (live entities from the
    database).
    """
    if index is None:
        index = get_default_index()
    return index.find(text)
