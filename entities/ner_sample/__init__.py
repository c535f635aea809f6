"""The annotated French sample the NER is measured on, and its scoring (precision, recall per kind).

`sample_fr.txt` holds one text per line with the people and organisations marked inline:
« [Mistral AI](org) lève des fonds auprès de [Bpifrance](org) ». Names are compared after
`normalize_name` (case, accents and punctuation do not count); the kind must match too.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from entities.mentions import normalize_name

SAMPLE_PATH = Path(__file__).with_name("sample_fr.txt")
_MARK = re.compile(r"\[([^\]]+)\]\((per|org)\)")
PERSON, ORGANISATION = "personne", "organisation"
CLASSES = (PERSON, ORGANISATION)


@dataclass(frozen=True)
class SampleText:
    """One line of the sample: the plain text and its gold (normalised name, class) pairs."""

    text: str
    gold: frozenset


def kind_class(kind: str) -> str:
    """The class an entity kind is scored in: people apart, every other kind is an organisation."""
    return PERSON if kind == "personne" else ORGANISATION


def load_sample(path: Path = SAMPLE_PATH) -> list[SampleText]:
    """The texts of the sample with their annotations removed and collected."""
    texts = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        gold = {(normalize_name(name), PERSON if tag == "per" else ORGANISATION) for name, tag in _MARK.findall(line)}
        texts.append(SampleText(text=_MARK.sub(r"\1", line), gold=frozenset(gold)))
    return texts


@dataclass
class Score:
    """Counts and ratios for one class (or both together)."""

    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0


def score(predict: Callable[[str], Iterable], sample: list[SampleText]) -> dict[str, Score]:
    """Run `predict` (text → objects with `.text` and `.kind`) on every text and score it per class
    and for both classes together (key « ensemble »)."""
    scores = {name: Score() for name in (*CLASSES, "ensemble")}
    for item in sample:
        predicted = {(normalize_name(found.text), kind_class(found.kind)) for found in predict(item.text) or ()}
        for name, cls in predicted:
            hit = (name, cls) in item.gold
            for key in (cls, "ensemble"):
                if hit:
                    scores[key].true_positives += 1
                else:
                    scores[key].false_positives += 1
        for _name, cls in item.gold - predicted:
            scores[cls].false_negatives += 1
            scores["ensemble"].false_negatives += 1
    return scores


def errors(predict: Callable[[str], Iterable], sample: list[SampleText]) -> list[tuple[str, set, set]]:
    """(text, wrongly suggested, missed) for every text the prediction gets wrong: what to fix next."""
    wrong = []
    for item in sample:
        predicted = {(normalize_name(found.text), kind_class(found.kind)) for found in predict(item.text) or ()}
        if predicted != item.gold:
            wrong.append((item.text, predicted - item.gold, item.gold - predicted))
    return wrong
