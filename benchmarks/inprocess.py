"""The benchmark's in-process measures, one per command, each printing one JSON object.

Run by benchmarks/bench.py in a child process whose environment chooses the settings (production,
page cache on or off, Redis, Varnish), so that each measure sees exactly the configuration it names:

    python benchmarks/inprocess.py urls --out FILE          pick the URLs of each page type
    python benchmarks/inprocess.py render --urls FILE       single-thread render time per page type
    python benchmarks/inprocess.py hits --urls FILE         queries of a page served from the page cache
    python benchmarks/inprocess.py search --urls FILE       search latency at the corpus size
    python benchmarks/inprocess.py publish --app PORT --edge PORT   publish-to-visible latency
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.production")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils.text import slugify  # noqa: E402

from taggit.models import Tag  # noqa: E402

from articles.models import ArticlePage, Author, SectionPage  # noqa: E402
from articles.search import Filters, clean_query, rank_articles  # noqa: E402
from entities.models import Entity  # noqa: E402

PAGE_TYPES = ("article", "home", "section", "entity", "author", "tag", "feed", "search")
SEARCH_WORDS = [
    "calcul", "robotique", "régulation", "securite", "données", "modèle", "laboratoire", "levée de fonds",
    "semi-conducteurs", "cloud souverain", "recrutement", "start-up", "traduction automatique", "puce",
    "agents autonomes", "santé numérique", "cybersécurité", "chercheurs", "investisseurs", "Bruxelles",
]  # fmt: skip


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def pick_urls(seed: int = 2026) -> dict[str, list[str]]:
    """A fixed sample of each page type: the benchmark rotates through them."""
    rng = random.Random(seed)  # noqa: S311 - sampling, not security
    article_ids = list(ArticlePage.objects.live().values_list("pk", flat=True))
    articles = [page.url for page in ArticlePage.objects.filter(pk__in=rng.sample(article_ids, min(200, len(article_ids))))]
    sections = [page.url for page in SectionPage.objects.live()]
    entities = list(
        Entity.objects.filter(live=True).annotate(n=Count("article_links")).filter(n__gt=0).order_by("pk").values_list("slug", flat=True)
    )
    authors = list(Author.objects.annotate(n=Count("bylines")).filter(n__gt=0).order_by("pk").values_list("slug", flat=True))
    tags = list(Tag.objects.filter(articles_articletag_items__isnull=False).distinct().order_by("pk").values_list("slug", flat=True))
    names = rng.sample(list(Entity.objects.filter(live=True).values_list("name", flat=True)), 10)
    queries = SEARCH_WORDS + names + rng.sample(list(Tag.objects.values_list("name", flat=True)), 10)
    return {
        "article": articles,
        "home": ["/"],
        "section": sections,
        "entity": [f"/entites/{slug}/" for slug in rng.sample(entities, min(100, len(entities)))],
        "author": [f"/auteurs/{slug}/" for slug in rng.sample(authors, min(50, len(authors)))],
        "tag": [f"/tags/{slug}/" for slug in rng.sample(tags, min(100, len(tags)))],
        "feed": ["/flux/rss/", "/flux/atom/"] + [f"/flux/rubrique/{page.slug}/rss/" for page in SectionPage.objects.live()],
        "search": [f"/recherche/?{urllib.parse.urlencode({'q': query})}" for query in queries],
    }


def render(urls: dict[str, list[str]], runs: int, save_article: Path | None) -> dict:
    """Median and p95 render time and query count of each page type, one request at a time."""
    client = Client(HTTP_HOST="127.0.0.1")
    results = {}
    for page_type in PAGE_TYPES:
        paths = urls[page_type]
        for path in paths[:3]:  # warm the process: imports, templates, routing caches
            client.get(path)
        timings, queries, statuses = [], [], set()
        for number in range(runs):
            path = paths[number % len(paths)]
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(path)
                timings.append((time.perf_counter() - started) * 1000)
            queries.append(len(captured))
            statuses.add(response.status_code)
        results[page_type] = {
            "median_ms": statistics.median(timings),
            "p95_ms": percentile(timings, 0.95),
            "queries_median": statistics.median(queries),
            "queries_max": max(queries),
            "statuses": sorted(statuses),
            "runs": runs,
            "distinct_urls": min(runs, len(paths)),
        }
    if save_article is not None:
        response = client.get(urls["article"][0])
        save_article.write_bytes(response.content)
    return results


def hit_queries(urls: dict[str, list[str]]) -> dict:
    """Queries of a page served from the application cache (second request of each page type)."""
    client = Client(HTTP_HOST="127.0.0.1")
    results = {}
    for page_type in PAGE_TYPES:
        path = urls[page_type][0]
        client.get(path)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        results[page_type] = {"queries": len(captured), "x_cache": response.headers.get("X-Cache", "-")}
    return results


def count_matches(text: str) -> int:
    """Live articles matching every word of `text` (the search index of the page's backend)."""
    if connection.vendor != "postgresql":
        return ArticlePage.objects.live().search(text).count()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM articles_articlesearchdocument WHERE vector @@ plainto_tsquery('french_unaccent', %s)", [text])
        return cursor.fetchone()[0]


def search(urls: dict[str, list[str]], rounds: int) -> dict:
    """The search page (full response) and the search query alone, over every sample query, with
    the figures split by kind of query: common words, entity names, tag names."""
    client = Client(HTTP_HOST="127.0.0.1")
    paths = urls["search"]
    for path in paths[:3]:
        client.get(path)
    kinds = ["word"] * len(SEARCH_WORDS) + ["entity"] * 10 + ["tag"] * 10
    page, backend, matches = {}, {}, {}
    for _ in range(rounds):
        for kind, path in zip(kinds, paths, strict=False):
            started = time.perf_counter()
            response = client.get(path)
            page.setdefault(kind, []).append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, path  # noqa: S101 - a benchmark of error pages would be meaningless
    # The query alone: the ranking the page runs (candidates, relevance, recency), without entities.
    for _ in range(rounds):
        for kind, path in zip(kinds, paths, strict=False):
            terms = clean_query(urllib.parse.parse_qs(urllib.parse.urlsplit(path).query)["q"][0]).terms
            started = time.perf_counter()
            rank_articles(filters=Filters(), terms=terms, entity_ids=[], remainder=[])
            backend.setdefault(kind, []).append((time.perf_counter() - started) * 1000)
    for kind, path in zip(kinds, paths, strict=False):
        query = " ".join(clean_query(urllib.parse.parse_qs(urllib.parse.urlsplit(path).query)["q"][0]).terms)
        matches.setdefault(kind, []).append(count_matches(query))
    every = [value for values in page.values() for value in values]
    every_backend = [value for values in backend.values() for value in values]
    return {
        "queries": len(paths),
        "page_p50_ms": percentile(every, 0.5),
        "page_p95_ms": percentile(every, 0.95),
        "backend_p50_ms": percentile(every_backend, 0.5),
        "backend_p95_ms": percentile(every_backend, 0.95),
        "by_kind": {
            kind: {
                "page_p50_ms": percentile(page[kind], 0.5),
                "page_p95_ms": percentile(page[kind], 0.95),
                "backend_p95_ms": percentile(backend[kind], 0.95),
                "matches_median": statistics.median(matches[kind]),
            }
            for kind in page
        },
        "articles": ArticlePage.objects.live().count(),
    }


def _get(port: int, path: str, headers=None) -> tuple[int, str, dict]:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers or {})
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return response.status, response.read().decode(), dict(response.headers)


def publish(app_port: int, edge_port: int, rounds: int) -> dict:
    """Publish an article the way Wagtail does, then poll the home page until it shows it, through
    the application cache (gunicorn) and through Varnish. Both were warm (cached) before."""
    from demo import factories

    section = SectionPage.objects.live().first()
    app_times, edge_times, publish_times = [], [], []
    for number in range(rounds):
        title = f"Publication de controle {number + 1} {random.randrange(10**9)}"  # noqa: S311
        for _ in range(2):
            _get(app_port, "/")
            _get(edge_port, "/")
        _status, _body, headers = _get(edge_port, "/")
        edge_was = headers.get("X-Cache", "")
        # The publishing checklist refuses an article without a hero image and its description.
        article = factories.make_article(
            section=section,
            title=title,
            slug=slugify(title),
            chapo="Un article publié par le banc d'essai.",
            publish=False,
            hero_image=factories.make_image(),
            hero_alt="Illustration abstraite du banc d'essai",
        )
        revision = article.latest_revision
        started = time.perf_counter()
        revision.publish()
        publish_times.append((time.perf_counter() - started) * 1000)
        seen = {}
        while len(seen) < 2 and time.perf_counter() - started < 10:
            for name, port in (("app", app_port), ("edge", edge_port)):
                if name not in seen and title in _get(port, "/")[1]:
                    seen[name] = (time.perf_counter() - started) * 1000
            time.sleep(0.005)
        app_times.append(seen.get("app", float("inf")))
        edge_times.append(seen.get("edge", float("inf")))
        if number == 0 and edge_was != "HIT":
            sys.stderr.write(f"warning: the home page was {edge_was!r} at the edge before publishing\n")
    return {
        "rounds": rounds,
        "publish_call_ms": statistics.median(publish_times),
        "app_median_ms": statistics.median(app_times),
        "app_max_ms": max(app_times),
        "edge_median_ms": statistics.median(edge_times),
        "edge_max_ms": max(edge_times),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["urls", "render", "hits", "search", "publish"])
    parser.add_argument("--urls", type=Path)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--save-article", type=Path)
    parser.add_argument("--app", type=int)
    parser.add_argument("--edge", type=int)
    args = parser.parse_args()
    urls = json.loads(args.urls.read_text()) if args.urls else None
    if args.command == "urls":
        result = pick_urls()
        args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1))
        result = {name: len(paths) for name, paths in result.items()}
    elif args.command == "render":
        result = render(urls, args.runs, args.save_article)
    elif args.command == "hits":
        result = hit_queries(urls)
    elif args.command == "search":
        result = search(urls, args.rounds)
    else:
        result = publish(args.app, args.edge, args.rounds)
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
