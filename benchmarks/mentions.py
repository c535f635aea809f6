"""Benchmark the entity-mention detector (entities.mentions) without Django.

Builds 10,000 synthetic entities (companies and people, with aliases) and a
5,000-word French-looking article carrying ~300 mentions, then reports index
build time, find() time (cold, median, p95) and the index's peak memory.

    .venv/bin/python benchmarks/mentions.py [--entities N] [--words N] [--mentions N] [--runs N] [--seed N]
"""

from __future__ import annotations

import argparse
import gc
import importlib
import random
import statistics
import sys
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

SYLLABLES = [
    "neu", "quan", "da", "syn", "co", "lu", "vec", "hexa", "or", "as", "ker", "lo", "xi", "no", "sé", "pré", "fé", "cal",
    "ro", "dee", "mis", "al", "zé", "ho", "pi", "ten", "ma", "ri", "gé", "vo", "ta", "li", "bé", "nu", "ka", "mé",
]  # fmt: skip
COMPANY_TAILS = ["ia", "ix", "era", "ium", "ova", "ika", "eon", "ys", "al", "ence", "ique", "ora", "ex", "is", "on"]
COMPANY_SUFFIXES = ["", "", "", " AI", " Labs", " Technologies", " SAS", " Robotics", " Research", " Systems", " Intelligence"]
FIRST_NAMES = [
    "Sam", "Yann", "Demis", "Fei-Fei", "Arthur", "Clément", "Hélène", "Léa", "Timnit", "Dario", "Mira", "Ilya", "Jensen",
    "Aurélie", "François", "Chloé", "Joëlle", "Geoffrey", "Andrej", "Noémie", "Thomas", "Élodie", "Satya", "Sundar",
    "Camille", "Mathilde", "Jean-Baptiste", "Inès", "Karim", "Sophie", "Lucas", "Margaux", "Raphaël", "Anaïs", "Yasmine",
]  # fmt: skip
LAST_NAMES = [
    "Altman", "LeCun", "Hassabis", "Mensch", "Lévy", "Dupont", "Gebru", "Amodei", "Murati", "Sutskever", "Huang",
    "Pineau", "Bengio", "Karpathy", "Martin", "Bernard", "Lefèvre", "Garnier", "Nadella", "Pichai", "Rousseau",
    "Boucher", "Chevalier", "Faure", "Mercier", "Blanchard", "Guérin", "Müller", "Strauß", "O'Neil",
]  # fmt: skip
LAST_NAME_ENDINGS = ["eau", "ier", "ard", "in", "et", "ot", "aud", "ac", "ès", "elle", "ous", "ent"]
FILLER = [
    "le", "la", "les", "un", "une", "des", "du", "de", "et", "en", "dans", "pour", "sur", "avec", "par", "au",
    "aux", "que", "qui", "est", "sont", "a", "ont", "été", "cette", "ce", "ces", "son", "sa", "ses", "intelligence",
    "artificielle", "modèle", "modèles", "données", "entraînement", "calcul", "puce", "serveur", "laboratoire",
    "recherche", "annonce", "levée", "fonds", "millions", "milliards", "euros", "dollars", "startup", "société",
    "entreprise", "dirigeant", "fondateur", "chercheur", "équipe", "sécurité", "régulation", "européenne",
    "Bruxelles", "Paris", "marché", "concurrence", "open", "source", "poids", "licence", "agent", "agents",
    "raisonnement", "benchmark", "évaluation", "métaphore", "métadonnée", "métadonnées", "metadata", "Metaverse",
    "cœur", "œuvre", "déjà", "très", "plus", "moins", "selon", "après", "avant", "pendant", "depuis", "encore",
    "aussi", "ainsi", "cependant", "toutefois", "semaine", "mois", "année", "trimestre"
]  # fmt: skip
ELISIONS = ["l'", "l’", "d'", "d’", "qu'", "qu’", "jusqu’à "]
PUNCTUATION = [" ", " ", " ", " ", " ", ", ", ". ", " — ", " « ", " » ", " (", ") ", "\u00a0: "]


@dataclass(frozen=True, slots=True)
class FakeEntity:
    id: int
    name: str


def _company(rng: random.Random) -> tuple[str, list[str]]:
    stem = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((1, 2, 2, 3)))) + rng.choice(COMPANY_TAILS)
    stem = stem.capitalize()
    suffix = rng.choice(COMPANY_SUFFIXES)
    name = stem + suffix
    aliases = []
    if suffix:
        aliases.append(stem)
        aliases.append(name.replace(" ", "-"))
    if rng.random() < 0.2:
        aliases.append(f"{stem} {rng.choice(['Group', 'France', 'Inc.', 'GmbH'])}")
    return name, aliases


def _person(rng: random.Random) -> tuple[str, list[str]]:
    first = rng.choice(FIRST_NAMES)
    if rng.random() < 0.3:
        last = rng.choice(LAST_NAMES)
    else:
        last = (rng.choice(SYLLABLES) + rng.choice(SYLLABLES) + rng.choice(LAST_NAME_ENDINGS)).capitalize()
    middle = f" {rng.choice('ABCDEFGHJKLMNPRSTV')}." if rng.random() < 0.15 else ""
    name = f"{first}{middle} {last}"
    aliases = [f"{first[0]}. {last}"]
    if rng.random() < 0.3:
        aliases.append(last)
    return name, aliases


def make_entities(rng: random.Random, count: int) -> list[tuple[FakeEntity, list[str]]]:
    """Synthetic companies (60 %) and people (40 %), each with a few aliases."""
    entries = []
    for i in range(count):
        name, aliases = _company(rng) if rng.random() < 0.6 else _person(rng)
        entries.append((FakeEntity(i, name), [name, *aliases]))
    return entries


def make_text(rng: random.Random, entries: list[tuple[FakeEntity, list[str]]], words: int, mentions: int) -> str:
    """A French-looking article of ``words`` words with about ``mentions`` entity names inserted."""
    parts: list[str] = []
    written = since_mention = 0
    # Names average ~1.7 words: leave room for them in the word budget.
    mention_every = max(1, round(words / mentions - 1.7))
    while written < words:
        if since_mention >= mention_every:
            _, names = rng.choice(entries)
            name = rng.choice(names)
            variant = rng.random()
            if variant < 0.2:
                name = rng.choice(ELISIONS) + name
            elif variant < 0.3:
                name = name.upper()
            elif variant < 0.4:
                name = name.replace(" ", "\u00a0")
            parts.append(name)
            written += len(name.split())
            since_mention = 0
        else:
            parts.append(rng.choice(FILLER))
            written += 1
            since_mention += 1
        parts.append(rng.choice(PUNCTUATION))
    return "".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=10_000)
    parser.add_argument("--words", type=int, default=5_000)
    parser.add_argument("--mentions", type=int, default=300)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--seed", type=int, default=20250101)
    args = parser.parse_args()

    # Runnable as a plain script from anywhere, with or without PYTHONPATH.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    mentions_module = importlib.import_module("entities.mentions")

    rng = random.Random(args.seed)  # noqa: S311 - reproducible test data, not security
    entries = make_entities(rng, args.entities)
    text = make_text(rng, entries, args.words, args.mentions)
    names = sum(len(names) for _, names in entries)

    gc.collect()
    started = time.perf_counter()
    index = mentions_module.MentionIndex(entries)
    build_seconds = time.perf_counter() - started

    # Measured on a second build: tracemalloc slows allocation down and
    # would inflate the build time above.
    del index
    gc.collect()
    tracemalloc.start()
    index = mentions_module.MentionIndex(entries)
    index_bytes, peak_bytes = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    automaton_bytes = index._automaton.get_stats()["total_size"] if index._automaton is not None else 0

    mentions_module._fold_word.cache_clear()
    started = time.perf_counter()
    found = index.find(text)
    cold_seconds = time.perf_counter() - started

    timings = []
    for _ in range(args.runs):
        started = time.perf_counter()
        index.find(text)
        timings.append(time.perf_counter() - started)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]

    ms = 1000
    words = sum(1 for token in text.split() if any(c.isalnum() for c in token))
    lines = [
        f"entities            {args.entities:>10,}  ({names:,} names and aliases, {len(index):,} distinct normalised)",
        f"text                {words:>10,} words, {len(text):,} characters",
        f"index build         {build_seconds * ms:>10.1f} ms",
        f"index memory        {index_bytes / 2**20:>10.1f} MiB retained, {peak_bytes / 2**20:.1f} MiB peak during build (tracemalloc)",
        f"automaton size      {automaton_bytes / 2**20:>10.1f} MiB (pyahocorasick get_stats)",
        f"find, cold caches   {cold_seconds * ms:>10.2f} ms",
        f"find, median        {statistics.median(timings) * ms:>10.2f} ms  over {args.runs} runs",
        f"find, p95           {p95 * ms:>10.2f} ms",
        f"mentions found      {len(found):>10,}",
    ]
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
