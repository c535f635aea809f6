#!/usr/bin/env python3
"""Measure what a PostgreSQL restart under load does to readers: failed requests, recovery time.

    .venv/bin/python scripts/measure-db-restart.py [--rounds 3] [--outage 5] [--threads 8]

Builds a throwaway cluster of its own (nothing else is touched), migrates and seeds it, collects
static files, starts gunicorn as `make serve` does (2 workers, production settings on plain HTTP),
then for each round: readers fetch public pages (cached and uncached) for a few seconds, PostgreSQL
is stopped with `pg_ctl stop -m fast`, kept down `--outage` seconds, started again, and readers go
on until well after /health/ is back. Prints one JSON object per round and a summary; exits 1 if
any request got a 500 or failed after recovery. The same scenario, shorter, is the test
tests/reliability/test_database_restart.py.
"""

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.reliability.harness import AppServer, Cluster, Deployment, restart_under_load

SEED = Path(__file__).resolve().parent.parent / "tests" / "reliability" / "seed_site.py"
PAGES = ("home", "section", "article", "entity", "author", "tag", "search")


def main() -> int:
    """Run the rounds and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--outage", type=float, default=5.0, help="seconds PostgreSQL stays down")
    parser.add_argument("--before", type=float, default=3.0, help="seconds of load before the stop")
    parser.add_argument("--after", type=float, default=10.0, help="seconds of load after /health/ is back")
    parser.add_argument("--threads", type=int, default=8, help="concurrent readers")
    args = parser.parse_args()

    files = Path(tempfile.mkdtemp(prefix="newsroom-measure-"))
    cluster = Cluster()
    server = None
    try:
        phase = time.monotonic()
        cluster.start()
        cluster.client("createdb", "newsroom")
        deployment = Deployment(cluster.url("newsroom"), media_root=files / "media", static_root=files / "static")
        deployment.manage("migrate", "--noinput", "-v", "0")
        deployment.manage("collectstatic", "--noinput", "-v", "0")
        urls = json.loads(deployment.run_script(SEED).strip().splitlines()[-1])
        sys.stderr.write(f"set-up: {time.monotonic() - phase:.1f} s\n")
        server = AppServer(deployment, workers=2)
        server.wait_healthy(timeout=60)
        page_urls = [server.base_url + urls[name] for name in PAGES]
        page_urls += [server.base_url + "/recherche/?q=modele-{n}", server.base_url + "/health/"]
        rounds = []
        for number in range(1, args.rounds + 1):
            answers, _before, during, _after, figures = restart_under_load(
                server, cluster, page_urls, threads=args.threads, before=args.before, outage=args.outage, after=args.after
            )
            sys.stdout.write(f"round {number}: {figures.as_json()}\n")
            sys.stdout.flush()
            rounds.append((answers, during, figures))
        total = sum(len(answers) for answers, _during, _figures in rounds)
        server_errors = sum(1 for answers, _d, _f in rounds for a in answers if a.status >= 500 and a.status != 503)
        unanswered = sum(1 for answers, _d, _f in rounds for a in answers if a.status == 0)
        failed_after = sum(len(figures.failures_after) for _a, _d, figures in rounds)
        summary = {
            "rounds": args.rounds,
            "threads": args.threads,
            "outage_seconds_requested": args.outage,
            "requests": total,
            "503_during_outages": sum(figures.during.get("503", 0) for _a, _d, figures in rounds),
            "200_during_outages": sum(figures.during.get("200", 0) for _a, _d, figures in rounds),
            "other_5xx": server_errors,
            "unanswered": unanswered,
            "failed_after_recovery": failed_after,
            "recovery_seconds": [figures.recovery_seconds for _a, _d, figures in rounds],
        }
        sys.stdout.write(f"summary: {json.dumps(summary, indent=2)}\n")
        return 1 if server_errors or unanswered or failed_after else 0
    finally:
        if server is not None:
            server.stop()
        cluster.destroy()
        shutil.rmtree(files, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
