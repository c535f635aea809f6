"""Seeded random draws for the generated corpus: unique slugs, popularity by rank, even spreads."""

import bisect
import itertools
import random
import uuid


def unique_slug(base: str, taken: set[str], max_length: int = 80) -> str:
    """`base` cut to `max_length`, with -2, -3… if it is already taken; remembers the result."""
    base = base[:max_length].strip("-") or "x"
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        suffix = f"-{number}"
        candidate = base[: max_length - len(suffix)].strip("-") + suffix
    taken.add(candidate)
    return candidate


def zipf_cumulative(count: int, offset: float = 8.0) -> list[float]:
    """Cumulative weights where rank r weighs 1/(r + offset): a few items are very popular."""
    return list(itertools.accumulate(1.0 / (rank + offset) for rank in range(count)))


def pick_distinct(rng: random.Random, population: list, cumulative: list[float], count: int) -> list:
    """`count` distinct items drawn by weight (fewer if the population is smaller)."""
    count = min(count, len(population))
    chosen, seen = [], set()
    total = cumulative[-1]
    while len(chosen) < count:
        index = bisect.bisect_left(cumulative, rng.random() * total)
        index = min(index, len(population) - 1)
        if index not in seen:
            seen.add(index)
            chosen.append(population[index])
    return chosen


def spread_counts(rng: random.Random, total: int, buckets: int, spread: int = 2) -> list[int]:
    """`buckets` non-negative counts summing exactly to `total`, varying around the mean."""
    base, remainder = divmod(total, buckets)
    counts = [base] * buckets
    for index in rng.sample(range(buckets), remainder):
        counts[index] += 1
    for left in range(0, buckets - 1, 2):
        shift = rng.randint(-spread, spread)
        shift = max(-counts[left], min(shift, counts[left + 1]))
        counts[left] += shift
        counts[left + 1] -= shift
    return counts


def seeded_uuid(rng: random.Random) -> uuid.UUID:
    """A version-4 UUID drawn from `rng`: the same seed gives the same identifiers."""
    return uuid.UUID(int=rng.getrandbits(128), version=4)
