"""What `generate_corpus` is asked to write (`CorpusSizes`), what it wrote (`CorpusReport`),
and its progress bar."""

import sys
import time
from dataclasses import dataclass, field

from demo import corpus_text


@dataclass(frozen=True)
class CorpusSizes:
    """How much to generate. The defaults are the issue's newsroom at scale."""

    articles: int = 100_000
    sections: int = 8
    entities: int = 10_000
    links: int = 300_000
    tags: int = 1_000
    authors: int = 200
    partners: int = 40
    images: int = 12

    def errors(self) -> list[str]:
        """What is wrong with these sizes, in French; empty when they can be generated."""
        problems = []
        for name in ("articles", "sections", "entities", "tags", "authors"):
            if getattr(self, name) < 1:
                problems.append(f"--{name} doit être au moins 1.")
        for name in ("links", "partners", "images"):
            if getattr(self, name) < 0:
                problems.append(f"--{name} ne peut pas être négatif.")
        if self.sections > len(corpus_text.SECTIONS):
            problems.append(f"--sections ne peut pas dépasser {len(corpus_text.SECTIONS)}.")
        if self.entities >= 1 and self.articles >= 1 and self.links > self.articles * min(self.entities, 20):
            problems.append("--links est trop grand\u00a0: au plus 20 entités par article.")
        return problems


@dataclass
class CorpusReport:
    """What a run wrote, and how long each stage took (seconds)."""

    articles: int = 0
    sections: int = 0
    entities: int = 0
    roles: int = 0
    deals: int = 0
    links: int = 0
    tags: int = 0
    authors: int = 0
    partners: int = 0
    images: int = 0
    timings: dict[str, float] = field(default_factory=dict)
    article_ids: list[int] = field(default_factory=list)


class Progress:
    """A one-line progress bar on a text stream (stderr by default), redrawn at most 5 times a second."""

    def __init__(self, label: str, total: int, stream=None, width: int = 30):
        self.label, self.total, self.width = label, max(total, 1), width
        self.stream = stream if stream is not None else sys.stderr
        self.done = self.drawn = 0
        self.started = self.last_drawn = time.monotonic()

    def advance(self, count: int = 1) -> None:
        self.done += count
        now = time.monotonic()
        if now - self.last_drawn >= 0.2 or self.done >= self.total:
            self.last_drawn = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        self.drawn = self.done
        share = min(self.done / self.total, 1.0)
        filled = int(share * self.width)
        bar = "#" * filled + "-" * (self.width - filled)
        line = f"\r{self.label:<22} [{bar}] {self.done:>9,}/{self.total:,} {share:6.1%} {now - self.started:7.1f} s"
        self.stream.write(line.replace(",", "\u202f"))
        self.stream.flush()

    def finish(self) -> float:
        now = time.monotonic()
        if self.drawn != self.done:
            self._draw(now)
        self.stream.write("\n")
        self.stream.flush()
        return now - self.started
