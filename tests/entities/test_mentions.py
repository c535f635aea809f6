"""Entity-mention detection (entities.mentions): pure Python, no database."""

import dataclasses
import itertools
import sys
import threading
import time
import types
import unicodedata
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from entities import mentions
from entities.mentions import Mention, MentionIndex, find_mentions, normalize_name


@dataclass(frozen=True)
class Ent:
    name: str


META = Ent("Meta")
META_AI = Ent("Meta AI")
OPENAI = Ent("OpenAI")
APPLE = Ent("Apple")
ALTMAN = Ent("Sam Altman")
SCALE = Ent("Scale AI")
LEVY = Ent("Lévy")
SECURITE = Ent("Sécurité")
SSI = Ent("Safe Superintelligence")
SUPERINTELLIGENCE = Ent("Superintelligence")
AI_ENTITY = Ent("AI")
TML = Ent("Thinking Machines Lab")
LOREAL = Ent("L'Oréal")
STRAUSS = Ent("Strauß")

ENTRIES = [
    (META, ["Meta", "Meta Platforms"]),
    (META_AI, ["Meta AI"]),
    (OPENAI, ["OpenAI"]),
    (APPLE, ["Apple"]),
    (ALTMAN, ["Sam Altman", "Altman"]),
    (SCALE, ["Scale AI"]),
    (LEVY, ["Lévy"]),
    (SECURITE, ["securite"]),
    (SSI, ["Safe Superintelligence", "SSI"]),
    (SUPERINTELLIGENCE, ["Superintelligence"]),
    (AI_ENTITY, ["AI"]),
    (TML, ["Thinking Machines Lab"]),
    (LOREAL, ["L’Oréal"]),
    (STRAUSS, ["Strauß"]),
]


@pytest.fixture(scope="module")
def index():
    return MentionIndex(ENTRIES)


def found(index, text):
    """(entity, matched_text) pairs, checking the offsets on the way."""
    result = index.find(text)
    for mention in result:
        assert text[mention.start : mention.end] == mention.matched_text
    return [(m.entity, m.matched_text) for m in result]


# --- case, accents, punctuation -------------------------------------------------


@pytest.mark.parametrize("written", ["Meta", "META", "meta", "mEtA"])
def test_matches_whatever_the_case(index, written):
    assert found(index, f"Un article sur {written} ce matin.") == [(META, written)]


def test_accentless_text_matches_accented_name(index):
    assert found(index, "Le chercheur Levy parle de LEVY.") == [(LEVY, "Levy"), (LEVY, "LEVY")]


def test_accented_text_matches_accentless_name(index):
    assert found(index, "La Sécurité d’abord, puis la SÉCURITÉ.") == [(SECURITE, "Sécurité"), (SECURITE, "SÉCURITÉ")]


@pytest.mark.parametrize("separator", ["-", " ", "\u00a0", "\u202f", "\u2011", "–", "  ", "\n", "_", "/"])
def test_punctuation_and_spaces_between_name_words_are_interchangeable(index, separator):
    text = f"Rachat de Scale{separator}AI annoncé."
    assert found(index, text) == [(SCALE, f"Scale{separator}AI")]


def test_hyphenated_variant_of_a_multiword_name(index):
    assert found(index, "Mira Murati lance Thinking-Machines Lab.") == [(TML, "Thinking-Machines Lab")]


def test_name_glued_together_is_a_different_word(index):
    assert found(index, "ScaleAI recrute.") == []


@pytest.mark.parametrize(
    "text",
    ["« OpenAI »", "«\u00a0OpenAI\u00a0»", "“OpenAI”", "‘OpenAI’", '"OpenAI"', "(OpenAI)", "OpenAI.", "OpenAI…", "[OpenAI]"],
)
def test_quotes_and_brackets_around_a_name(index, text):
    assert found(index, text) == [(OPENAI, "OpenAI")]


@pytest.mark.parametrize("text", ["L'Oréal", "L’Oréal", "l’oreal", "L‘Oréal", "L Oréal"])
def test_name_containing_an_apostrophe_matches_every_apostrophe(index, text):
    assert found(index, f"Le groupe {text} investit.") == [(LOREAL, text)]


# --- French elision ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("l'OpenAI de 2019", (OPENAI, "OpenAI")),
        ("l’OpenAI de 2019", (OPENAI, "OpenAI")),
        ("lʼOpenAI de 2019", (OPENAI, "OpenAI")),
        ("L'OPENAI de 2019", (OPENAI, "OPENAI")),
        ("les puces d'Apple", (APPLE, "Apple")),
        ("les puces d’Apple", (APPLE, "Apple")),
        ("qu'OpenAI a publié", (OPENAI, "OpenAI")),
        ("qu’OpenAI a publié", (OPENAI, "OpenAI")),
        ("jusqu'à Meta", (META, "Meta")),
        ("jusqu’à Meta", (META, "Meta")),
        ("lorsqu’Altman parle", (ALTMAN, "Altman")),
    ],
)
def test_elided_article_is_not_part_of_the_mention(index, text, expected):
    result = index.find(text)
    assert [(m.entity, m.matched_text) for m in result] == [expected]
    mention = result[0]
    assert mention.start == text.index(mention.matched_text)
    assert text[mention.start - 1] in "'’ʼ "


# --- whole words only -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Une métaphore filée.",
        "Les métadonnées et la métadonnée.",
        "Strip the metadata.",
        "Le Metaverse est mort.",
        "META2 et 2META",
        "L'AIR du temps, ZAI et xAIx",
        "Un package SSIS.",
        "Le fairplay et la chaise.",
        "Applet, pineapple, Apples.",
        "Meta\u00adverse (trait d'union conditionnel)",
        "OpenAIs",
    ],
)
def test_does_not_match_inside_a_word(index, text):
    assert found(index, text) == []


def test_short_all_caps_aliases_match_as_whole_words(index):
    assert found(index, "SSI, AI et ssi") == [(SSI, "SSI"), (AI_ENTITY, "AI"), (SSI, "ssi")]


def test_trade_off_short_aliases_and_hyphenated_compounds_match_ordinary_words(index):
    # Documented in MentionIndex: one case-insensitive rule for everything.
    assert found(index, "J'ai lu une méta-analyse.") == [(AI_ENTITY, "ai"), (META, "méta")]


def test_soft_hyphen_inside_a_name_is_ignored(index):
    text = "Open\u00adAI\u00ad publie"
    assert found(index, text) == [(OPENAI, "Open\u00adAI")]


# --- overlaps ------------------------------------------------------------------------


def test_longest_name_wins(index):
    assert found(index, "Meta AI et Meta.") == [(META_AI, "Meta AI"), (META, "Meta")]


def test_longest_name_wins_over_a_name_it_contains(index):
    text = "Safe Superintelligence, alias SSI, vise la superintelligence."
    assert found(index, text) == [(SSI, "Safe Superintelligence"), (SSI, "SSI"), (SUPERINTELLIGENCE, "superintelligence")]


def test_longest_name_wins_even_when_it_starts_later():
    short, long = Ent("Sam Altman"), Ent("Altman Capital Partners")
    idx = MentionIndex([(short, ["Sam Altman"]), (long, ["Altman Capital Partners"])])
    assert found(idx, "Sam Altman Capital Partners") == [(long, "Altman Capital Partners")]


def test_equal_lengths_go_to_the_earliest_start():
    first, second = Ent("Sam Altman"), Ent("Altman Lab")
    idx = MentionIndex([(second, ["Altman Lab"]), (first, ["Sam Altman"])])
    assert found(idx, "Sam Altman Lab") == [(first, "Sam Altman")]


def test_adjacent_mentions_are_all_found(index):
    assert found(index, "Meta OpenAI-Apple") == [(META, "Meta"), (OPENAI, "OpenAI"), (APPLE, "Apple")]


def test_mentions_never_overlap_and_are_sorted(index):
    text = "Meta AI Meta Platforms Meta AI Safe Superintelligence Superintelligence SSI Sam Altman Altman"
    result = index.find(text)
    assert [m.start for m in result] == sorted(m.start for m in result)
    assert all(a.end <= b.start for a, b in itertools.pairwise(result))
    assert [m.entity for m in result] == [META_AI, META, META_AI, SSI, SUPERINTELLIGENCE, SSI, ALTMAN, ALTMAN]


# --- offsets when normalisation changes lengths -------------------------------------


def test_offsets_after_ligatures_and_emoji(index):
    text = "Cœur 🚀🇫🇷 d’œuvre 👩\u200d💻 Œdipe — Meta, puis OpenAI"
    result = index.find(text)
    assert [(m.start, m.end) for m in result] == [
        (text.index("Meta"), text.index("Meta") + 4),
        (text.index("OpenAI"), text.index("OpenAI") + 6),
    ]


def test_offsets_after_eszett_and_compatibility_characters(index):
    text = "Straße ﬁnale ①② 𝐀𝐁𝐂 Ⅻ Apple"
    (mention,) = index.find(text)
    assert (mention.start, mention.matched_text) == (text.index("Apple"), "Apple")


def test_eszett_in_a_name_matches_ss(index):
    assert found(index, "Strauß, Strauss, STRAUSS") == [(STRAUSS, "Strauß"), (STRAUSS, "Strauss"), (STRAUSS, "STRAUSS")]


def test_ligature_in_text_matches_name_without_ligature():
    cœur = Ent("Cœur de Pirate")
    idx = MentionIndex([(cœur, ["Coeur de Pirate"])])
    assert found(idx, "Concert de Cœur de Pirate") == [(cœur, "Cœur de Pirate")]


def test_decomposed_text_matches_and_span_keeps_the_combining_accents(index):
    text = unicodedata.normalize("NFD", "Éléonore, déjà là : Lévy et la sécurité")
    assert found(index, text) == [(LEVY, unicodedata.normalize("NFD", "Lévy")), (SECURITE, unicodedata.normalize("NFD", "sécurité"))]


def test_trailing_combining_accent_belongs_to_the_mention(index):
    text = "Apple\u0301 est là"
    assert found(index, text) == [(APPLE, "Apple\u0301")]


def test_decomposed_name_matches_composed_text():
    helene = Ent("Hélène")
    idx = MentionIndex([(helene, [unicodedata.normalize("NFD", "Hélène Dupré")])])
    assert found(idx, "avec Hélène Dupré") == [(helene, "Hélène Dupré")]


def test_matched_text_keeps_the_original_spelling(index):
    text = "« SAM\u00a0ALTMAN », l’ex-patron de META"
    assert found(index, text) == [(ALTMAN, "SAM\u00a0ALTMAN"), (META, "META")]


# --- edge cases -------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", " ", "\n\t", "« … » — !?", "🚀🚀", "\u0301\u0301", "\u00ad"])
def test_text_without_words(index, text):
    assert index.find(text) == []


def test_index_without_entities():
    idx = MentionIndex([])
    assert len(idx) == 0
    assert idx.find("Meta et OpenAI") == []


def test_empty_and_punctuation_only_names_are_ignored():
    idx = MentionIndex([(Ent("x"), ["", "   ", "\u00a0", "—", "''"]), (Ent("y"), [])])
    assert len(idx) == 0
    assert idx.entity_count == 2
    assert idx.find("— '' —") == []


def test_shared_alias_goes_to_the_first_entity_added():
    first, second = Ent("Mistral AI"), Ent("Mistral (vent)")
    idx = MentionIndex([(first, ["Mistral AI", "Mistral"]), (second, ["mistral"])])
    assert found(idx, "Le MISTRAL souffle") == [(first, "MISTRAL")]


def test_names_equal_after_normalisation_are_indexed_once():
    idx = MentionIndex([(OPENAI, ["OpenAI", "openai", "OPENAI", " OpenAI "])])
    assert len(idx) == 1


def test_entities_need_not_be_hashable():
    entity = {"id": 1, "name": "Anthropic"}
    idx = MentionIndex([(entity, ["Anthropic"])])
    assert idx.find("chez Anthropic")[0].entity is entity


def test_a_bare_string_of_names_is_one_name():
    idx = MentionIndex([(APPLE, "Apple")])
    assert found(idx, "a Apple p") == [(APPLE, "Apple")]


def test_many_entities():
    entities = [Ent(f"Société {i:05d}") for i in range(5_000)]
    idx = MentionIndex((entity, [entity.name, f"S{i:05d}"]) for i, entity in enumerate(entities))
    assert len(idx) == 10_000
    text = "Fusion entre la Societe 00042, S04999 et l’entreprise SOCIÉTÉ 01234 ; Société 99999 n’existe pas."
    assert found(idx, text) == [(entities[42], "Societe 00042"), (entities[4999], "S04999"), (entities[1234], "SOCIÉTÉ 01234")]


def test_mention_is_immutable():
    mention = Mention(META, 0, 4, "Meta")
    with pytest.raises(dataclasses.FrozenInstanceError):
        mention.start = 1  # type: ignore[misc]


@pytest.mark.parametrize(
    ("name", "normalized"),
    [
        ("Scale-AI", "scale ai"),
        ("  Sam\u00a0Altman ", "sam altman"),
        ("L’Œuvre", "l oeuvre"),
        ("Strauß", "strauss"),
        ("Lévy", "levy"),
        ("Open\u00adAI", "openai"),
        ("« — »", ""),
    ],
)
def test_normalize_name(name, normalized):
    assert normalize_name(name) == normalized


# --- the default, database-backed index ----------------------------------------------


class FakeQuerySet:
    def __init__(self, rows, calls):
        self.rows, self.calls = rows, calls

    def filter(self, **kwargs):
        assert kwargs == {"live": True}
        return self

    def only(self, *fields):
        assert set(fields) == {"id", "name", "aliases", "kind"}
        return self

    def order_by(self, *fields):
        return self

    def aggregate(self, **kwargs):
        # The cross-process staleness stamp: entity count and last update.
        return {"count": len(self.rows), "updated": None}

    def iterator(self):
        self.calls.append(time.monotonic())
        time.sleep(0.05)  # long enough for concurrent callers to pile up
        return iter(self.rows)


@dataclass
class FakeEntity:
    id: int
    name: str
    aliases: list | None


@pytest.fixture
def fake_db(monkeypatch):
    """A stand-in ``entities.models`` module, so no ORM (or database) is touched."""
    rows = [FakeEntity(1, "OpenAI", ["Open AI"]), FakeEntity(2, "Meta", []), FakeEntity(3, "Mistral AI", None)]
    calls: list[float] = []
    model = types.SimpleNamespace(objects=FakeQuerySet(rows, calls))
    monkeypatch.setitem(sys.modules, "entities.models", types.SimpleNamespace(Entity=model))
    mentions.invalidate_default_index()
    yield rows, calls
    mentions.invalidate_default_index()


def test_find_mentions_uses_the_given_index(index):
    assert [m.entity for m in find_mentions("Meta", index)] == [META]


def test_default_index_is_built_from_live_entities_once(fake_db):
    rows, calls = fake_db
    result = find_mentions("Open AI, Meta et Mistral AI")
    assert [m.entity for m in result] == rows
    find_mentions("Meta")
    assert len(calls) == 1


def test_invalidation_rebuilds_the_default_index(fake_db):
    rows, calls = fake_db
    first = mentions.get_default_index()
    rows.append(FakeEntity(4, "Anthropic", ["Claude"]))
    mentions.invalidate_default_index()
    assert mentions.get_default_index() is not first
    assert [m.entity.id for m in find_mentions("Claude")] == [4]
    assert len(calls) == 2


def test_concurrent_first_lookups_build_the_index_once(fake_db):
    _, calls = fake_db
    results = []
    threads = [threading.Thread(target=lambda: results.append(mentions.get_default_index())) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1
    assert len({id(index) for index in results}) == 1


def test_index_built_during_an_invalidation_is_not_cached(fake_db):
    _, calls = fake_db
    builder = threading.Thread(target=mentions.get_default_index)
    builder.start()
    # Wait for the builder to start reading the rows; a builder that died first fails the test
    # instead of waiting for ever.
    while not calls and builder.is_alive():
        time.sleep(0.001)
    assert calls, "the builder thread ended without reading the entities"
    mentions.invalidate_default_index()  # lands while the builder reads the rows
    builder.join()
    mentions.get_default_index()
    assert len(calls) == 2


# --- properties -------------------------------------------------------------------------

_JOINERS = "\u00ad\u200c\u200d\u2060\ufeff"
_PROPERTY_ENTRIES = [(entity, names) for entity, names in ENTRIES] + [(Ent("xAI"), ["xAI"]), (Ent("Mistral AI"), ["Mistral AI"])]
_PROPERTY_INDEX = MentionIndex(_PROPERTY_ENTRIES)
_NAMES = [name for _, names in _PROPERTY_ENTRIES for name in names]
_TRAPS = ["métaphore", "Metaverse", "metadata", "AIR", "ZAI", "SSIS", "cœur", "Straße", "Lévy", "LEVY", "l", "d", "qu", "ex"]
_SEPARATORS = [
    " ", "  ", "\u00a0", "\u202f", "-", "'", "’", "ʼ", "‘", "« ", " »", "“", "”", ", ", ".", "\n", "_", "🚀", "👩\u200d💻",
    " l'", " d’", " qu’", "\u200b",
]  # fmt: skip
_GLUE = ["", "\u0301", "\u00ad", "\u200d"]
_ALPHABET = "abcdeéèêëiïoôœuüßAEÉÈIOŒUSTMPRLXZ0123456789\u0301\u00adﬁ𝐀𐐀ʼ_-'’ 🚀\u00a0"


def _is_word_char(char):
    return char.isalnum() and char != "ʼ"


def _base_before(text, i):
    """The character that owns position i-1: combining marks and joiners belong to what precedes them."""
    while i > 0 and (unicodedata.category(text[i - 1]).startswith("M") or text[i - 1] in _JOINERS):
        i -= 1
    return text[i - 1] if i > 0 else None


def _starts_a_word_boundary(text, start):
    before = _base_before(text, start)
    return before is None or not _is_word_char(before)


def _ends_a_word_boundary(text, end):
    i = end
    while i < len(text) and text[i] in _JOINERS:
        i += 1
    return i == len(text) or not (_is_word_char(text[i]) or unicodedata.category(text[i]).startswith("M"))


_words = st.one_of(st.sampled_from(_NAMES), st.sampled_from(_TRAPS), st.text(alphabet=_ALPHABET, min_size=1, max_size=8))
_texts = st.lists(st.tuples(_words, st.sampled_from(_SEPARATORS + _GLUE)), max_size=30).map(
    lambda parts: "".join(word + sep for word, sep in parts)
)


@settings(max_examples=300, deadline=None)
@given(_texts)
def test_property_mentions_are_exact_disjoint_whole_words(text):
    result = _PROPERTY_INDEX.find(text)
    previous_end = 0
    for mention in result:
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.matched_text
        assert mention.start >= previous_end
        previous_end = mention.end
        assert _starts_a_word_boundary(text, mention.start), (text, mention)
        assert _ends_a_word_boundary(text, mention.end), (text, mention)


@settings(max_examples=200, deadline=None)
@given(_texts)
def test_property_matched_text_is_a_name_of_the_entity(text):
    names_by_entity = {id(entity): {normalize_name(n) for n in names} for entity, names in _PROPERTY_ENTRIES}
    for mention in _PROPERTY_INDEX.find(text):
        assert normalize_name(mention.matched_text) in names_by_entity[id(mention.entity)]


_fillers = st.text(alphabet="0123456789ßœ", min_size=1, max_size=6)
_non_word_separators = st.sampled_from([s for s in _SEPARATORS if s.strip(" \u00a0\u202f\n") not in {"l'", "d’", "qu’"}])


@settings(max_examples=200, deadline=None)
@given(
    before=st.lists(st.tuples(_fillers, _non_word_separators), max_size=6),
    name=st.sampled_from(_NAMES),
    gap=_non_word_separators,
    after=st.lists(st.tuples(_non_word_separators, _fillers), max_size=6),
)
def test_property_a_name_between_separators_is_always_found(before, name, gap, after):
    prefix = "".join(word + sep for word, sep in before) + gap
    text = prefix + name + gap + "".join(sep + word for sep, word in after)
    result = _PROPERTY_INDEX.find(text)
    assert [(m.start, m.matched_text) for m in result] == [(len(prefix), name)]
