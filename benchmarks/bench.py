"""`make bench`: load the synthetic corpus, serve it as `make serve` does, measure, print a Markdown report.

    python benchmarks/bench.py [--full] [--articles N] [--duration S] [--no-generate] [--output FILE]

Needs DATABASE_URL (PostgreSQL; `make bench` starts a throwaway cluster), Debian's wrk, varnish,
nginx-light and redis-server (scripts/ensure-system-packages.sh). Everything it starts listens on
loopback, in a work folder under var/bench/, and is stopped at the end, pass or fail.

Measures, in this order:
0. the scale curve (benchmarks/scale_curve.py): the corpus grown to 1,000 then 10,000 articles
   (and 100,000 with --full), every page type's uncached render measured at each size;
1. generation of the corpus (5,000 articles by default, 100,000 with --full), unless the database
   already holds that many articles (after the curve it does: the measures run at its last size);
2. single-thread render time and query count of each page type (Django test client, in process,
   page cache off), search latency, mention detection (benchmarks/mentions.py);
3. requests/s and p50/p99 latency with wrk for each page type: page cache off, page cache on
   (local memory, then Redis), through Varnish; the same bytes as a static file from the same
   gunicorn (whitenoise), from Varnish and from nginx, as ceilings;
4. publish-to-visible latency through the application cache and through Varnish;
5. resident memory of the gunicorn workers after 10,000 requests.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import gzip
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import scale_curve  # benchmarks/scale_curve.py, beside this file
from processes import children, free_port, http_get, log, rss_mib, wait_for, worker_pids, workers_alive  # benchmarks/processes.py
from report import PAGE_TYPES, machine, parse_wrk, report  # benchmarks/report.py

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"
PYTHON = sys.executable
SHORT = {"articles": 5000, "entities": 2000, "links": 15000, "tags": 300, "authors": 50, "partners": 40}
FULL = {"articles": 100_000, "entities": 10_000, "links": 300_000, "tags": 1000, "authors": 200, "partners": 40}
CEILING_PATH = "/static/bench/article.html"


class Bench:
    """One benchmark run: its work folder, its environment, the processes it started."""

    def __init__(self, args):
        self.args = args
        self.work = ROOT / "var" / "bench"
        self.work.mkdir(parents=True, exist_ok=True)
        self.static_root = self.work / "static"
        self.processes: list[subprocess.Popen] = []
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
            "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", "benchmark-only-" + "x" * 40),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_STATIC_ROOT": str(self.static_root),
            # The corpus's illustrations live with the database they belong to.
            "DJANGO_MEDIA_ROOT": os.environ.get("DJANGO_MEDIA_ROOT", str(self.work / "media")),
            "DJANGO_LOG_LEVEL": "WARNING",
            "NEWSROOM_SCHEDULER": "0",
            "WEB_CONCURRENCY": "2",
        }
        self.env.pop("REDIS_URL", None)
        self.env.pop("NEWSROOM_VARNISH_URL", None)
        self.results: dict = {"wrk": {}, "ceilings": {}}

    # Processes -------------------------------------------------------------------------------

    def manage(self, *command: str, env=None, timeout=7200) -> str:
        completed = subprocess.run(  # noqa: S603 - our own command line
            [PYTHON, "manage.py", *command], cwd=ROOT, env=env or self.env, check=True, timeout=timeout, capture_output=True, text=True
        )
        return completed.stdout

    def inprocess(self, *command: str, env=None) -> dict:
        completed = subprocess.run(  # noqa: S603 - our own command line
            [PYTHON, str(BENCH / "inprocess.py"), *command], cwd=ROOT, env=env or self.env, check=False, capture_output=True, text=True
        )
        if completed.returncode:
            raise RuntimeError(f"inprocess.py {command[0]} failed:\n{completed.stderr[-3000:]}")
        if completed.stderr.strip():
            log(completed.stderr.strip().splitlines()[-1])
        return json.loads(completed.stdout.strip().splitlines()[-1])

    def start(self, command: list[str], name: str, env=None) -> subprocess.Popen:
        output = (self.work / f"{name}.log").open("ab")
        process = subprocess.Popen(  # noqa: S603 - our own command line
            command, cwd=ROOT, env=env or self.env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.processes.append(process)
        return process

    def stop(self, process: subprocess.Popen) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)
        if process in self.processes:
            self.processes.remove(process)

    def stop_all(self) -> None:
        for process in list(self.processes):
            self.stop(process)

    def gunicorn(self, name: str, **extra_env) -> tuple[subprocess.Popen, int]:
        """gunicorn as `make serve` runs it (gunicorn.conf.py, production settings, 2 sync workers)."""
        port = free_port()
        env = {**self.env, "HOST": "127.0.0.1", "PORT": str(port), **extra_env}
        process = self.start([PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py", "newsroom.wsgi:application"], name, env)
        wait_for(lambda: http_get(port, "/health/")[0] == 200, f"gunicorn ({name})")
        return process, port

    def redis(self) -> str:
        sock = self.work / "redis.sock"
        sock.unlink(missing_ok=True)
        redis_server = shutil.which("redis-server") or "/usr/bin/redis-server"
        self.start([redis_server, "--port", "0", "--unixsocket", str(sock), "--save", "", "--appendonly", "no"], "redis")
        wait_for(sock.exists, "redis-server")
        return f"unix://{sock}"

    def varnish(self, backend_port: int, purge: int) -> tuple[subprocess.Popen, int]:
        """varnishd with deploy/varnish/newsroom.vcl, its site file pointed at our gunicorn."""
        directory = self.work / f"varnish-{backend_port}"
        vcl_dir = directory / "vcl"
        vcl_dir.mkdir(parents=True, exist_ok=True)
        site = (ROOT / "deploy" / "varnish" / "newsroom-site.vcl").read_text()
        site = re.sub(r'\.port = "\d+";', f'.port = "{backend_port}";', site, count=1)
        site = re.sub(r"Host: [^\"]+\"", 'Host: 127.0.0.1"', site, count=1)
        (vcl_dir / "newsroom-site.vcl").write_text(site)
        for path in (self.work, directory, vcl_dir):
            path.chmod(0o755)
        (vcl_dir / "newsroom-site.vcl").chmod(0o644)
        public = free_port()
        command = [
            shutil.which("varnishd") or "/usr/sbin/varnishd",
            "-F", "-j", "none", "-n", str(directory / "work"),
            "-a", f"public=127.0.0.1:{public}", "-a", f"purge=127.0.0.1:{purge}",
            "-f", str(ROOT / "deploy" / "varnish" / "newsroom.vcl"), "-p", f"vcl_path={vcl_dir}",
            "-s", "malloc,512m",
        ]  # fmt: skip
        process = self.start(command, "varnishd")
        wait_for(lambda: http_get(public, "/health/")[0] == 200, "varnishd")
        return process, public

    def nginx(self, root: Path) -> tuple[subprocess.Popen, int]:
        """Debian's nginx-light serving `root` as static files, gzip_static on, 2 workers."""
        port = free_port()
        prefix = self.work / "nginx"
        (prefix / "logs").mkdir(parents=True, exist_ok=True)
        conf = prefix / "nginx.conf"
        conf.write_text(
            f"""worker_processes 2;
pid {prefix}/nginx.pid;
error_log {prefix}/logs/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    client_body_temp_path {prefix}/body; proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi; uwsgi_temp_path {prefix}/uwsgi; scgi_temp_path {prefix}/scgi;
    server {{
        listen 127.0.0.1:{port};
        location /static/ {{ alias {root}/; gzip_static on; }}
    }}
}}
"""
        )
        process = self.start(["nginx", "-c", str(conf), "-p", str(prefix), "-g", "daemon off;"], "nginx")
        wait_for(lambda: http_get(port, CEILING_PATH)[0] == 200, "nginx")
        return process, port

    # Measures --------------------------------------------------------------------------------

    def wrk(self, port: int, paths: list[str], *, gzip_accepted=False, duration=None, limit=0, connections=None, timeout=10) -> dict:
        """wrk from this process on loopback: rotate through `paths`; requests/s, p50, p99, errors."""
        path_file = self.work / "paths.txt"
        path_file.write_text("\n".join(paths) + "\n")
        command = ["wrk", "-t2", f"-c{connections or self.args.connections}", "--latency", "--timeout", f"{timeout}s"]
        # rotate.lua defines its response() hook (which slows wrk down) only when `limit` is set.
        command += ["-d", f"{duration or self.args.duration}s", "-s", str(BENCH / "rotate.lua")]
        if gzip_accepted:
            command += ["-H", "Accept-Encoding: gzip"]
        command += [f"http://127.0.0.1:{port}", "--", str(path_file), str(limit)]
        load = os.getloadavg()[0]
        output = subprocess.run(command, check=True, capture_output=True, text=True, timeout=3600).stdout  # noqa: S603
        return parse_wrk(output) | {"load_before": load}

    def drain(self, port: int) -> None:
        """Wait until both workers are free again (requests of a finished wrk run may be queued)."""

        def idle():
            started = time.monotonic()
            ok = all(http_get(port, "/health/")[0] == 200 for _ in range(2))
            return ok and time.monotonic() - started < 1.0

        wait_for(idle, "idle workers", timeout=300)

    def warm_until_hit(self, port: int, path: str, needed: int = 6) -> dict:
        """Request `path` until it was answered from the cache `needed` times in a row."""
        in_a_row, requests = 0, 0
        while in_a_row < needed and requests < 200:
            _status, _body, headers = http_get(port, path)
            requests += 1
            in_a_row = in_a_row + 1 if headers.get("X-Cache") == "HIT" else 0
        return {"requests": requests, "x_cache": {"HIT in a row": in_a_row}}

    def warm(self, port: int, paths: list[str], passes: int = 2, headers=None) -> dict:
        """Request every path `passes` times; returns the statuses and X-Cache values seen last."""
        statuses, caches = {}, {}
        for _ in range(passes):
            for path in paths:
                status, _body, answer_headers = http_get(port, path, headers)
                statuses[status] = statuses.get(status, 0) + 1
                cache = answer_headers.get("X-Cache", "-")
                caches[cache] = caches.get(cache, 0) + 1
        return {"statuses": statuses, "x_cache": caches}

    def generate(self) -> None:
        sizes = FULL if self.args.full else dict(SHORT)
        if self.args.articles:
            sizes["articles"] = self.args.articles
            sizes["links"] = sizes["articles"] * 3
        existing = int(
            self.manage("shell", "-c", "from articles.models import ArticlePage; print(ArticlePage.objects.count())").split()[-1]
        )
        self.results["corpus"] = {"requested": sizes, "existing_articles": existing}
        if existing >= sizes["articles"] or self.args.no_generate:
            log(f"corpus: {existing} articles already in the database, not generating")
            return
        log(f"generating the corpus: {sizes}")
        started = time.monotonic()
        arguments = [f"--{name}={value}" for name, value in sizes.items()]
        output = subprocess.run(  # noqa: S603 - our own command line
            [PYTHON, "manage.py", "generate_corpus", *arguments, "--seed=1"],
            cwd=ROOT,
            env=self.env,
            check=True,
            stdout=subprocess.PIPE,
            text=True,
        ).stdout
        self.results["corpus"]["generation_s"] = time.monotonic() - started
        self.results["corpus"]["output"] = output.strip()

    def run(self) -> None:
        args = self.args
        self.results["machine"] = machine()
        self.results["started"] = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
        log("migrate, collectstatic")
        self.manage("migrate", "--noinput", "-v", "0")
        self.manage("collectstatic", "--noinput", "-v", "0")
        if not (args.no_curve or args.no_generate or args.reuse_inprocess):
            # The scale curve grows the corpus to each size; the measures below run at the last one.
            sizes = scale_curve.FULL_SIZES if args.full else scale_curve.DEFAULT_SIZES
            self.results["curve"] = scale_curve.measure_curve(self.env, list(sizes), args.render_runs, self.work, log=log)
        self.generate()
        urls_file = self.work / "urls.json"
        counts = self.inprocess("urls", "--out", str(urls_file))
        urls = json.loads(urls_file.read_text())
        self.results["urls"] = counts
        # wrk rotates through at most `--sample` URLs per page type: warming the caches renders
        # each of them, and an uncached article costs seconds at 100,000 articles.
        # The search measure keeps its 40 queries (words, entity names, tag names).
        search_urls = {"search": urls["search"]}
        urls = {page_type: paths[: args.sample] for page_type, paths in urls.items()}
        urls_file.write_text(json.dumps(urls, ensure_ascii=False))
        search_file = self.work / "search-urls.json"
        search_file.write_text(json.dumps(search_urls, ensure_ascii=False))
        self.results["articles"] = int(
            self.manage("shell", "-c", "from articles.models import ArticlePage; print(ArticlePage.objects.live().count())").split()[-1]
        )

        # The ceiling file: the bytes of an article page, served as a static file.
        ceiling_dir = self.static_root / "bench"
        ceiling_dir.mkdir(parents=True, exist_ok=True)
        uncached = {**self.env, "NEWSROOM_PAGE_CACHE": "0"}
        if args.reuse_inprocess:
            # Server measures only: render, search and mention figures from an earlier run.
            earlier = json.loads(args.reuse_inprocess.read_text())
            for key in ("render", "hits", "search", "mentions", "ceiling_bytes"):
                self.results[key] = earlier[key]
            self.results["reused_inprocess_from"] = earlier.get("started")
        else:
            self.inprocess_measures(urls_file, search_file, ceiling_dir, uncached)
        self.servers(urls)

    def inprocess_measures(self, urls_file, search_file, ceiling_dir, uncached) -> None:
        args = self.args
        log("single-thread render time per page type")
        self.results["render"] = self.inprocess(
            "render",
            "--urls",
            str(urls_file),
            "--runs",
            str(args.render_runs),
            "--save-article",
            str(ceiling_dir / "article.html"),
            env=uncached,
        )
        article_bytes = (ceiling_dir / "article.html").read_bytes()
        (ceiling_dir / "article.html.gz").write_bytes(gzip.compress(article_bytes, 6))
        self.results["ceiling_bytes"] = len(article_bytes)
        self.results["hits"] = self.inprocess("hits", "--urls", str(urls_file), env={**self.env, "NEWSROOM_PAGE_CACHE": "1"})
        log("search latency")
        self.results["search"] = self.inprocess("search", "--urls", str(search_file), "--rounds", "1" if args.full else "3", env=uncached)
        log("mention detection")
        self.results["mentions"] = mentions()

    def servers(self, urls) -> None:
        log("wrk: page cache off")
        server, port = self.gunicorn("gunicorn-uncached", NEWSROOM_PAGE_CACHE="0")
        # The static ceiling first: after a page run, queued renders would still hold the workers.
        self.results["ceilings"]["whitenoise"] = self.wrk(port, [CEILING_PATH])
        self.results["warm_uncached"] = self.warm(port, [path for page_type in PAGE_TYPES for path in urls[page_type][:2]], passes=1)
        for page_type in PAGE_TYPES:
            # One connection per worker and a long timeout: an uncached page may take seconds, and
            # requests queued behind it would only measure the queue.
            self.drain(port)
            self.results["wrk"][("off", page_type)] = self.wrk(
                port, urls[page_type], connections=2, duration=max(self.args.duration, 20), timeout=60
            )
        self.drain(port)
        served = sum(figures["requests"] for (config, _type), figures in self.results["wrk"].items() if config == "off")
        self.results["memory_uncached"] = {"requests": served, "rss_mib": [rss_mib(pid) for pid in workers_alive(children(server.pid))]}
        self.stop(server)

        log("wrk: page cache on (local memory)")
        server, port = self.gunicorn("gunicorn-locmem", NEWSROOM_PAGE_CACHE="1")
        # A cache hit costs the same whatever the page: one URL per type, cached in both workers'
        # memories (with many URLs, each worker's first request of each one is a miss).
        for page_type in PAGE_TYPES:
            path = urls[page_type][0]
            self.results[("warm", "locmem", page_type)] = self.warm_until_hit(port, path)
            self.results["wrk"][("locmem", page_type)] = self.wrk(port, [path])
        # What browsers ask: the article's hit with Accept-Encoding: gzip (the entry's stored gzip),
        # against the same bytes gzipped by whitenoise from this server.
        self.results["hit_gzip"] = self.wrk(port, [urls["article"][0]], gzip_accepted=True)
        self.results["ceilings"]["whitenoise_gzip_locmem"] = self.wrk(port, [CEILING_PATH], gzip_accepted=True)
        self.stop(server)

        log("wrk: page cache on (Redis), then through Varnish")
        redis_url = self.redis()
        edge_env = {"NEWSROOM_PAGE_CACHE": "1", "REDIS_URL": redis_url}
        purge_port = free_port()
        server, port = self.gunicorn("gunicorn-redis", **edge_env, NEWSROOM_VARNISH_URL=f"http://127.0.0.1:{purge_port}")
        varnish, public = self.varnish(port, purge_port)
        for page_type in PAGE_TYPES:
            self.results[("warm", "redis", page_type)] = self.warm(port, urls[page_type], passes=2)
            self.results["wrk"][("redis", page_type)] = self.wrk(port, urls[page_type])
        gzip_header = {"Accept-Encoding": "gzip"}
        for page_type in PAGE_TYPES:
            self.results[("warm", "varnish", page_type)] = self.warm(public, urls[page_type], passes=2, headers=gzip_header)
            self.results["wrk"][("varnish", page_type)] = self.wrk(public, urls[page_type], gzip_accepted=True)
        self.warm(public, [CEILING_PATH], passes=2, headers=gzip_header)
        self.results["ceilings"]["varnish"] = self.wrk(public, [CEILING_PATH], gzip_accepted=True)
        self.results["ceilings"]["whitenoise_gzip"] = self.wrk(port, [CEILING_PATH], gzip_accepted=True)
        log("publish-to-visible")
        self.results["publish"] = self.inprocess(
            "publish", "--app", str(port), "--edge", str(public), "--rounds", "5",
            env={**self.env, **edge_env, "NEWSROOM_VARNISH_URL": f"http://127.0.0.1:{purge_port}"},
        )  # fmt: skip
        self.stop(varnish)
        self.stop(server)

        log("nginx static ceiling")
        nginx, nginx_port = self.nginx(self.static_root)
        self.results["ceilings"]["nginx"] = self.wrk(nginx_port, [CEILING_PATH])
        self.results["ceilings"]["nginx_gzip"] = self.wrk(nginx_port, [CEILING_PATH], gzip_accepted=True)
        self.stop(nginx)

        log("worker memory after 10,000 requests")
        self.results["memory"] = self.memory(urls, redis_url)
        self.results["finished"] = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")

    def memory(self, urls: dict[str, list[str]], redis_url: str) -> dict:
        """RSS of each worker after 10,000 requests over every page type, with gunicorn's
        max_requests recycling disabled (it would restart workers at about 5,000). The page cache
        is on, in Redis (as with several app servers), so that the workers' memory is the app's,
        not cached pages': at 100,000 articles 10,000 uncached requests would take hours."""
        server, port = self.gunicorn("gunicorn-memory", NEWSROOM_PAGE_CACHE="1", REDIS_URL=redis_url, GUNICORN_CMD_ARGS="--max-requests 0")
        workers = worker_pids(server.pid)
        mixed = [path for page_type in PAGE_TYPES for path in urls[page_type]]
        self.warm(port, mixed, passes=1)
        before = {pid: rss_mib(pid) for pid in workers}
        # Two client threads, one request at a time each (wrk leaves idle connections open when it
        # stops after a count, and a sync worker waits on them until its timeout kills it).
        counts = {"requests": 0, "errors": 0}

        def client(offset):
            for number in range(5000):
                status = http_get(port, mixed[(offset + number) % len(mixed)])[0]
                counts["requests"] += 1
                counts["errors"] += status != 200

        threads = [threading.Thread(target=client, args=(offset,)) for offset in (0, len(mixed) // 2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        alive = workers_alive(workers)
        after = {pid: rss_mib(pid) for pid in alive}
        self.stop(server)
        return {
            "requests": counts["requests"],
            "before_mib": before,
            "after_mib": after,
            "errors": counts["errors"],
            "restarted": len(workers) - len(alive),
        }


def mentions() -> dict:
    """benchmarks/mentions.py (10,000 entities, 5,000 words), its figures parsed."""
    output = subprocess.run([PYTHON, str(BENCH / "mentions.py")], check=True, capture_output=True, text=True, cwd=ROOT).stdout  # noqa: S603
    figures = {}
    for key, pattern in (
        ("build_ms", r"index build\s+([\d.]+) ms"),
        ("find_cold_ms", r"find, cold caches\s+([\d.]+) ms"),
        ("find_median_ms", r"find, median\s+([\d.]+) ms"),
        ("find_p95_ms", r"find, p95\s+([\d.]+) ms"),
    ):
        match = re.search(pattern, output)
        figures[key] = float(match.group(1)) if match else None
    figures["found"] = re.search(r"mentions found\s+([\d,]+)", output).group(1)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="100,000 articles (default: 5,000)")
    parser.add_argument("--articles", type=int, help="another corpus size")
    parser.add_argument("--no-generate", action="store_true", help="measure the database as it is")
    parser.add_argument("--no-curve", action="store_true", help="skip the scale curve (1,000 and 10,000 articles; 100,000 with --full)")
    parser.add_argument("--duration", type=int, default=None, help="seconds per wrk run (default 5, 10 with --full)")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--render-runs", type=int, default=30)
    parser.add_argument("--reuse-inprocess", type=Path, help="take render, search and mention figures from this results.json")
    parser.add_argument("--sample", type=int, default=20, help="URLs per page type (default 20)")
    parser.add_argument("--output", type=Path, default=ROOT / "var" / "bench" / "results.md")
    args = parser.parse_args()
    args.duration = args.duration or (10 if args.full else 5)
    if "DATABASE_URL" not in os.environ:
        sys.exit("DATABASE_URL is not set: run `make bench` (it starts a throwaway PostgreSQL).")
    bench = Bench(args)
    try:
        bench.run()
    finally:
        bench.stop_all()
        raw = {str(key): value for key, value in bench.results.items()}
        raw["wrk"] = {"/".join(key): value for key, value in bench.results.get("wrk", {}).items()}
        (bench.work / "results.json").write_text(json.dumps(raw, indent=1, default=str))
    text = report(bench.results, args)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text)
    sys.stdout.write(text)
    log(f"report written to {args.output}")


if __name__ == "__main__":
    main()
