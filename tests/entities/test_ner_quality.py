"""The French NER measured on the annotated sample: the targets of the knowledge-base issue hold
with the rules (a quality test, not a timing one), and the model alone does not reach them."""

import pytest

from entities import ner
from entities.ner_sample import PERSON, load_sample, score

PRECISION_TARGET, RECALL_TARGET = 0.85, 0.75


@pytest.fixture(scope="module")
def sample():
    if ner.load_model() is None:
        pytest.fail("fr_core_news_sm is in requirements.txt: the NER must be measurable here")
    return load_sample()


def test_the_sample_is_big_enough_and_annotated(sample):
    prose = [item for item in sample if item.text.rstrip().endswith(".")]
    kinds = {cls for item in sample for _name, cls in item.gold}

    assert len(prose) >= 60 and kinds == {PERSON, "organisation"}


def test_rules_reach_the_targets_for_people_organisations_and_both(sample):
    scores = score(ner.named_entities, sample)

    for key in ("personne", "organisation", "ensemble"):
        assert scores[key].precision >= PRECISION_TARGET, (key, scores[key])
        assert scores[key].recall >= RECALL_TARGET, (key, scores[key])


def test_the_model_alone_misses_most_organisations(sample):
    raw = score(lambda text: ner.named_entities(text, improved=False), sample)

    assert raw["organisation"].recall < RECALL_TARGET


@pytest.mark.parametrize(
    "text",
    ["SOUVERAINETÉ", "DES ACQUISITIONS AVORTÉES", "Documentation, tutoriels et exemples accompagnent chaque version."],
)
def test_headings_and_sentence_initial_common_nouns_are_not_names(sample, text):
    assert ner.named_entities(text) == []


def test_known_names_take_their_recorded_kind_from_the_gazetteer(sample):
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class Known:
        name: str
        kind: str

    text = "Ilya Sutskever reste à la tête de Safe Superintelligence."
    gazetteer = ner.Gazetteer.from_entries([(Known("Safe Superintelligence", "laboratoire"), ["Safe Superintelligence", "SSI"])])

    without = {found.text: found.kind for found in ner.named_entities(text)}
    with_base = {found.text: found.kind for found in ner.named_entities(text, gazetteer=gazetteer)}

    assert without.get("Safe Superintelligence") != "laboratoire"
    assert with_base == {"Ilya Sutskever": "personne", "Safe Superintelligence": "laboratoire"}
