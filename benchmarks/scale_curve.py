"""The scale curve: each page type's uncached render time as the archive grows, in one run.

    python benchmarks/scale_curve.py [--sizes 1000,10000] [--full] [--runs 30]   (DATABASE_URL set)

`make bench` runs it first (1,000 and 10,000 articles; `--full` adds 100,000). One database grows
step by step: `generate_corpus` adds the articles missing to reach each size (entities, links,
tags and authors in proportion, the sizes of the 100,000-article corpus scaled down), then
`benchmarks/inprocess.py urls` and `render` measure every page type at that size (production
settings, page cache off, one request at a time, `--runs` requests rotating through 20 URLs of the
type). The target of issue 12 is flatness: each page type's median at the largest size within
1.5× of the same page type at the smallest.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PAGE_TYPES = ("article", "home", "section", "entity", "author", "tag", "feed", "search")
DEFAULT_SIZES = (1_000, 10_000)
FULL_SIZES = (1_000, 10_000, 100_000)
FLAT_RATIO = 1.5


def corpus_step(articles: int) -> dict[str, int]:
    """generate_corpus sizes adding `articles` articles, in the proportions of the 100,000 corpus."""
    return {
        "articles": articles,
        "entities": max(100, articles // 10),
        "links": articles * 3,
        "tags": max(30, articles // 100),
        "authors": max(5, articles // 500),
        "partners": 0,
    }


def run_manage(env: dict, *command: str) -> subprocess.CompletedProcess:
    """`manage.py <command>` in `env`, output captured; fails loudly."""
    return subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True, text=True)  # noqa: S603


def live_articles(env: dict) -> int:
    code = "from articles.models import ArticlePage; print(ArticlePage.objects.live().count())"
    output = run_manage(env, "shell", "-c", code)
    return int(output.stdout.split()[-1])


def inprocess(env: dict, *command: str) -> dict:
    script = str(ROOT / "benchmarks" / "inprocess.py")
    completed = subprocess.run([PYTHON, script, *command], cwd=ROOT, env=env, check=True, capture_output=True, text=True)  # noqa: S603
    return json.loads(completed.stdout.strip().splitlines()[-1])


def load_average() -> float:
    return float(Path("/proc/loadavg").read_text().split()[0])


def measure_curve(env: dict, sizes: list[int], runs: int, work: Path, log) -> dict:
    """Grow the corpus to each size in turn and measure every page type there; the figures by size."""
    uncached = {**env, "NEWSROOM_PAGE_CACHE": "0"}
    points = {}
    for size in sizes:
        existing = live_articles(env)
        generation_s = None
        if existing < size:
            arguments = [f"--{name}={value}" for name, value in corpus_step(size - existing).items()]
            log(f"scale curve: adding {size - existing} articles to reach {size}")
            started = time.monotonic()
            run_manage(env, "generate_corpus", *arguments, f"--seed={size}")
            generation_s = time.monotonic() - started
            # Fresh planner statistics, as autovacuum would give a database that grew over months:
            # right after a bulk load the planner still sees the small tables and picks bad plans.
            run_manage(env, "shell", "-c", "from django.db import connection; connection.cursor().execute('VACUUM ANALYZE')")
        urls_file = work / f"curve-urls-{size}.json"
        inprocess(env, "urls", "--out", str(urls_file))
        log(f"scale curve: rendering every page type at {live_articles(env)} articles")
        load_before = load_average()
        render = inprocess(uncached, "render", "--urls", str(urls_file), "--runs", str(runs))
        points[str(size)] = {
            "articles": live_articles(env),
            "generation_s": generation_s,
            "load": [load_before, load_average()],
            "render": render,
        }
    return points


def curve_report(points: dict) -> list[str]:
    """Markdown lines: median / p95 per page type and size, the largest-to-smallest ratio, queries."""
    if not points:
        return []
    sizes = list(points)
    first, last = points[sizes[0]], points[sizes[-1]]
    header = " | ".join(f"{points[size]['articles']:,} articles".replace(",", " ") for size in sizes)
    lines = [
        "## Scale curve: uncached render per page type (in process, page cache off, median / p95 ms)",
        "",
        f"| page | {header} | ratio of medians | queries | flat (≤ {FLAT_RATIO}×) |",
        "| --- | " + " | ".join("---:" for _ in sizes) + " | ---: | ---: | --- |",
    ]
    for page_type in PAGE_TYPES:
        cells = [
            f"{points[size]['render'][page_type]['median_ms']:.1f} / {points[size]['render'][page_type]['p95_ms']:.1f}" for size in sizes
        ]
        ratio = last["render"][page_type]["median_ms"] / first["render"][page_type]["median_ms"]
        queries = "/".join(f"{points[size]['render'][page_type]['queries_median']:g}" for size in sizes)
        lines.append(f"| {page_type} | {' | '.join(cells)} | {ratio:.2f} | {queries} | {'yes' if ratio <= FLAT_RATIO else '**no**'} |")
    loads = "; ".join(f"{points[size]['articles']}: {points[size]['load'][0]:.1f} → {points[size]['load'][1]:.1f}" for size in sizes)
    generated = "; ".join(f"to {size}: {points[size]['generation_s']:.0f} s" for size in sizes if points[size]["generation_s"] is not None)
    lines += ["", f"Load average before → after each column: {loads}. Corpus growth: {generated or 'none (already there)'}.", ""]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", help="comma-separated article counts (default 1000,10000)")
    parser.add_argument("--full", action="store_true", help="1,000, 10,000 and 100,000 articles")
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    if "DATABASE_URL" not in os.environ:
        sys.exit("DATABASE_URL is not set: run it under scripts/with-postgres.sh.")
    sizes = [int(size) for size in args.sizes.split(",")] if args.sizes else list(FULL_SIZES if args.full else DEFAULT_SIZES)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "newsroom.settings.production")}
    env.setdefault("DJANGO_SECRET_KEY", "benchmark-only-" + "x" * 40)
    env.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
    env.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
    env.setdefault("DJANGO_LOG_LEVEL", "WARNING")
    work = ROOT / "var" / "bench"
    work.mkdir(parents=True, exist_ok=True)
    env.setdefault("DJANGO_STATIC_ROOT", str(work / "static"))
    env.setdefault("DJANGO_MEDIA_ROOT", str(work / "media"))
    for command in (["migrate", "--noinput", "-v", "0"], ["collectstatic", "--noinput", "-v", "0"]):
        run_manage(env, *command)
    points = measure_curve(env, sizes, args.runs, work, log=lambda message: sys.stderr.write(message + "\n"))
    (work / "curve.json").write_text(json.dumps(points, indent=1))
    sys.stdout.write("\n".join(curve_report(points)))


if __name__ == "__main__":
    main()
