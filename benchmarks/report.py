"""The benchmark's figures: wrk's output parsed, the machine described, the Markdown report."""

from __future__ import annotations

import os
import platform
import re
import subprocess
from pathlib import Path

import scale_curve  # benchmarks/scale_curve.py, beside this file

PAGE_TYPES = ("article", "home", "section", "entity", "author", "tag", "feed", "search")


def _duration_ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def parse_wrk(output: str) -> dict:
    """Requests/s, p50 and p99 latency (ms), request and error counts from wrk --latency."""
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = _duration_ms(re.search(r"^\s+50%\s+(\S+)", output, re.MULTILINE).group(1))
    p99 = _duration_ms(re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE).group(1))
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    errors = 0
    for pattern in (r"Non-2xx or 3xx responses: (\d+)", r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)"):
        match = re.search(pattern, output)
        if match:
            errors += sum(int(group) for group in match.groups())
    return {"rps": rps, "p50_ms": p50, "p99_ms": p99, "requests": requests, "errors": errors}


def machine() -> dict:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")), "?"
    )
    mem = next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))

    def version(command):
        try:
            completed = subprocess.run(command, check=False, capture_output=True, text=True, timeout=10)  # noqa: S603
            return (completed.stdout + completed.stderr).strip().splitlines()[0]
        except (OSError, IndexError):
            return "?"

    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "ram_gib": round(int(mem) / 1024 / 1024, 1),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "postgres": version(["psql", "--version"]),
        "varnish": version(["varnishd", "-V"]),
        "nginx": version(["nginx", "-v"]),
        "redis": version(["redis-server", "--version"]),
        "wrk": version(["wrk", "--version"]),
    }


def report(results: dict, args) -> str:
    """The Markdown report."""
    m = results["machine"]
    lines = [
        f"# Newsroom benchmark — {results['articles']:,} live articles".replace(",", " "),
        "",
        (
            f"Run {results['started']} → {results.get('finished', '?')}; wrk -t2 -c{args.connections}, {args.duration} s per line, loopback "
            f"(page cache off: -c2, {max(args.duration, 20)} s, 60 s timeout; cache on: one URL per type for local memory, "
            f"the {args.sample}-URL sample for Redis and Varnish)."
        ),
        (
            f"Machine: {m['nproc']} CPUs ({m['cpu']}), {m['ram_gib']} GiB RAM, Linux {m['kernel']}, Python {m['python']}, "
            f"{m['postgres']}, {m['varnish']}, {m['nginx']}, {m['redis']}, {m['wrk']}."
        ),
        "",
    ]
    corpus = results.get("corpus", {})
    if "generation_s" in corpus:
        lines += [f"Corpus generated in {corpus['generation_s']:.0f} s: {corpus.get('output', '')}".replace("\n", " "), ""]
    lines += scale_curve.curve_report(results.get("curve", {}))
    lines += [
        "## Throughput and latency per page type (gunicorn, 2 sync workers, production settings)",
        "",
        "| page | cache off req/s | p50 | p99 | app cache (locmem) req/s | p50 | p99 | app cache (Redis) req/s | p50 | p99 | Varnish hit req/s | p50 | p99 |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    wrk = results["wrk"]
    for page_type in PAGE_TYPES:
        cells = [page_type]
        for config in ("off", "locmem", "redis", "varnish"):
            figures = wrk.get((config, page_type))
            if figures is None:
                cells += ["–", "–", "–"]
                continue
            errors = f" ({figures['errors']} errors)" if figures["errors"] else ""
            cells += [f"{figures['rps']:.0f}{errors}", f"{figures['p50_ms']:.1f} ms", f"{figures['p99_ms']:.1f} ms"]
        lines.append("| " + " | ".join(cells) + " |")
    ceilings = results["ceilings"]
    lines += [
        "",
        f"## Ceilings: the article page's bytes ({results['ceiling_bytes']:,} bytes) as a static file".replace(",", " "),
        "",
        "| server | req/s | p50 | p99 |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name, label in (
        ("whitenoise", "gunicorn + whitenoise (same server), identity"),
        ("whitenoise_gzip", "gunicorn + whitenoise, Accept-Encoding: gzip"),
        ("varnish", "Varnish (cached static file), gzip"),
        ("nginx", "nginx-light, identity"),
        ("nginx_gzip", "nginx-light, gzip_static"),
    ):
        figures = ceilings.get(name)
        if figures:
            lines.append(f"| {label} | {figures['rps']:.0f} | {figures['p50_ms']:.2f} ms | {figures['p99_ms']:.2f} ms |")
    article_hit = wrk.get(("locmem", "article"), {}).get("rps", 0)
    redis_hit = wrk.get(("redis", "article"), {}).get("rps", 0)
    varnish_hit = wrk.get(("varnish", "article"), {}).get("rps", 0)
    render = results["render"]
    search = results["search"]
    mention = results["mentions"]
    publish = results.get("publish", {})
    memory = results.get("memory", {})
    lines += [
        "",
        "## Single-thread render (Django test client in process, page cache off)",
        "",
        "| page | median | p95 | queries (median / max) | statuses | requests (distinct URLs) |",
        "| --- | ---: | ---: | ---: | --- | ---: |",
    ]
    for page_type in PAGE_TYPES:
        r = render[page_type]
        lines.append(
            f"| {page_type} | {r['median_ms']:.1f} ms | {r['p95_ms']:.1f} ms | {r['queries_median']:.0f} / {r['queries_max']} | "
            f"{', '.join(map(str, r['statuses']))} | {r['runs']} ({r['distinct_urls']}) |"
        )
    hits = results.get("hits", {})
    if hits:
        lines += [
            "",
            "Queries of a page answered from the application cache (second request, in process): "
            + ", ".join(f"{page_type} {figures['queries']} ({figures['x_cache']})" for page_type, figures in hits.items())
            + ".",
        ]
    lines += [
        "",
        "## Targets",
        "",
        "| target | measured | met |",
        "| --- | --- | --- |",
    ]
    uncached_article = wrk.get(("off", "article"), {}).get("rps", 0)

    def row(label, measured, ok):
        lines.append(f"| {label} | {measured} | {'yes' if ok else '**no**'} |")

    row("uncached article ≥ 100 req/s, 2 workers", f"{uncached_article:.0f} req/s", uncached_article >= 100)
    row("article render p50 < 15 ms single-threaded", f"{render['article']['median_ms']:.1f} ms", render["article"]["median_ms"] < 15)
    whitenoise = ceilings["whitenoise"]["rps"]
    row(
        "app cache hit ≥ 90 % of the same bytes as a static file from the same server",
        f"locmem {article_hit:.0f} req/s = {article_hit / whitenoise:.0%}, Redis {redis_hit:.0f} = {redis_hit / whitenoise:.0%} of {whitenoise:.0f}",
        article_hit >= 0.9 * whitenoise,
    )
    hit_gzip, static_gzip = results.get("hit_gzip"), ceilings.get("whitenoise_gzip_locmem")
    if hit_gzip and static_gzip:
        row(
            "… with Accept-Encoding: gzip, as browsers ask",
            f"locmem {hit_gzip['rps']:.0f} req/s = {hit_gzip['rps'] / static_gzip['rps']:.0%} of {static_gzip['rps']:.0f} (whitenoise, gzip)",
            hit_gzip["rps"] >= 0.9 * static_gzip["rps"],
        )
    nginx = ceilings.get("nginx_gzip", {}).get("rps")
    if nginx:
        row(
            "Varnish hit ≥ 85 % of nginx, same bytes",
            f"{varnish_hit:.0f} req/s = {varnish_hit / nginx:.0%} of {nginx:.0f} (gzip)",
            varnish_hit >= 0.85 * nginx,
        )
    row(
        f"search p95 < 100 ms at {search['articles']:,} articles".replace(",", " "),
        f"whole page p50 {search['page_p50_ms']:.0f} ms, p95 {search['page_p95_ms']:.0f} ms; query alone p50 {search['backend_p50_ms']:.0f} ms, p95 {search['backend_p95_ms']:.0f} ms",
        search["page_p95_ms"] < 100,
    )
    for kind, figures in search.get("by_kind", {}).items():
        lines.append(
            f"| … search for {kind} names, half the time matching {figures['matches_median']:,.0f} articles |".replace(",", " ").replace(
                "word names", "common words"
            )
            + f" page p50 {figures['page_p50_ms']:.0f} ms, p95 {figures['page_p95_ms']:.0f} ms; query alone p95 {figures['backend_p95_ms']:.0f} ms"
            + f" | {'yes' if figures['page_p95_ms'] < 100 else '**no**'} |"
        )
    row(
        "mention detection < 50 ms (5,000 words, 10,000 entities)",
        f"median {mention['find_median_ms']} ms, p95 {mention['find_p95_ms']} ms, cold {mention['find_cold_ms']} ms",
        (mention["find_p95_ms"] or 1e9) < 50,
    )
    if publish:
        row(
            "publish-to-visible < 1 s",
            f"app cache median {publish['app_median_ms']:.0f} ms (max {publish['app_max_ms']:.0f}), Varnish median "
            f"{publish['edge_median_ms']:.0f} ms (max {publish['edge_max_ms']:.0f}); publish() itself {publish['publish_call_ms']:.0f} ms",
            max(publish["app_max_ms"], publish["edge_max_ms"]) < 1000,
        )
    if memory:
        worst = max(memory["after_mib"].values()) if memory["after_mib"] else float("nan")
        row(
            "worker < 200 MB resident after 10,000 requests",
            f"{memory['requests']} requests; RSS before {', '.join(f'{v:.0f}' for v in memory['before_mib'].values())} MiB, "
            f"after {', '.join(f'{v:.0f}' for v in memory['after_mib'].values())} MiB",
            worst < 200,
        )
    uncached_memory = results.get("memory_uncached")
    if uncached_memory:
        lines.append(
            f"| … workers of the page-cache-off run, after its {uncached_memory['requests']} requests | "
            f"{', '.join(f'{v:.0f}' for v in uncached_memory['rss_mib'])} MiB | "
            f"{'yes' if uncached_memory['rss_mib'] and max(uncached_memory['rss_mib']) < 200 else '**no**'} |"
        )
    loads = [figures["load_before"] for figures in wrk.values()]
    lines += ["", f"Load average before the wrk runs: {min(loads):.1f} to {max(loads):.1f} (other work on the machine skews the figures)."]
    return "\n".join(lines) + "\n"
