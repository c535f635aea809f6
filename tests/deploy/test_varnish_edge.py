"""The edge cache: Debian's varnishd running deploy/varnish/newsroom.vcl in front of the app.

Two kinds of origin sit behind a real varnishd:

- a small HTTP origin in this process whose answers the test chooses, to check the VCL's own rules
  (what is stored, cookies, query strings, who may purge, stale copies while the origin is down);
- the app served the way `make serve` serves it (collectstatic, then gunicorn with the production
  settings) on the pytest database, to check the whole chain: a page cached at the edge, a
  publication purging it, logged-in readers always reaching the app.

The site-specific VCL is the shipped deploy/varnish/newsroom-site.vcl with the test's ports, probe
host and purge ACL substituted in.
"""

import contextlib
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from django.conf import settings as django_settings
from django.test import Client

import pytest

from demo import factories
from tests.servers import database_url, free_port, start_redis, wait_for

pytestmark = pytest.mark.edge

ROOT = Path(__file__).resolve().parents[2]
VARNISH_DIR = ROOT / "deploy" / "varnish"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
HOST = "localhost"  # the default Wagtail site's hostname, and one of the app's allowed hosts
# TEST-NET-1 (RFC 5737): an address no test request can come from, to see the ACL refuse loopback.
FOREIGN_PURGER = "192.0.2.1"


@dataclass
class Answer:
    status: int
    headers: dict
    body: str

    @property
    def cache(self) -> str:
        return self.headers.get("x-cache", "")

    @property
    def cookie_seen(self) -> str:
        """The Cookie header the chosen origin received, as it echoes it."""
        return self.body.partition(" cookie=")[2].rstrip("\n")


def request(port: int, path: str, method: str = "GET", headers: dict | None = None, body: bytes | None = None) -> Answer:
    """One HTTP/1.1 request to 127.0.0.1:port, no cookie jar, no redirects followed."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    try:
        conn.request(method, path, body=body, headers={"Host": HOST, **(headers or {})})
        response = conn.getresponse()
        body = response.read().decode("utf-8", "replace")
        return Answer(response.status, {key.lower(): value for key, value in response.getheaders()}, body)
    finally:
        conn.close()


def site_vcl(backend_port: int, purgers: list[str]) -> str:
    """The shipped newsroom-site.vcl, pointed at the test's origin and purgers."""
    text = (VARNISH_DIR / "newsroom-site.vcl").read_text()
    substitutions = [
        (r'\.port = "8000";', f'.port = "{backend_port}";'),
        (r"Host: www\.example\.fr", f"Host: {HOST}"),
        (r"acl newsroom_purgers \{[^}]*\}", "acl newsroom_purgers {\n" + "".join(f'    "{ip}";\n' for ip in purgers) + "}"),
    ]
    for pattern, replacement in substitutions:
        text, count = re.subn(pattern, replacement, text)
        assert count == 1, f"newsroom-site.vcl changed shape: {pattern} matched {count} times"
    return text


@dataclass
class Edge:
    """A running varnishd: readers' listener, purge listener."""

    public_port: int
    purge_port: int
    process: subprocess.Popen
    log: Path

    def get(self, path: str, **headers) -> Answer:
        return request(self.public_port, path, headers={key.replace("_", "-"): value for key, value in headers.items()})

    def purge(self, path: str, listener: str = "purge") -> Answer:
        return request(self.purge_port if listener == "purge" else self.public_port, path, method="PURGE")

    def stop(self):
        stop_process(self.process)


def stop_process(process: subprocess.Popen):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


def start_varnish(directory: Path, backend_port: int, purgers: list[str], purge_port: int | None = None) -> Edge:
    """varnishd in the foreground, our VCL, a private work folder; ready when both listeners accept."""
    assert Path(VARNISHD).exists(), "varnishd is missing: scripts/ensure-system-packages.sh installs Debian's varnish"
    vcl_dir = directory / "vcl"
    vcl_dir.mkdir(parents=True)
    (vcl_dir / "newsroom-site.vcl").write_text(site_vcl(backend_port, purgers))
    # The VCL compiler runs as an unprivileged user when varnishd starts as root.
    for path in (directory, vcl_dir, vcl_dir / "newsroom-site.vcl"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    public_port, purge_port = free_port(), purge_port or free_port()
    log = directory / "varnishd.log"
    command = [
        VARNISHD,
        "-F",
        "-j",
        "none",
        "-n",
        str(directory / "work"),
        "-a",
        f"public=127.0.0.1:{public_port}",
        "-a",
        f"purge=127.0.0.1:{purge_port}",
        "-f",
        str(VARNISH_DIR / "newsroom.vcl"),
        "-p",
        f"vcl_path={vcl_dir}",
        "-s",
        "malloc,32m",
    ]
    with log.open("wb") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)  # noqa: S603 - our own command line
    edge = Edge(public_port, purge_port, process, log)

    def listening():
        for port in (public_port, purge_port):
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True

    wait_for(listening, "varnishd", process=process, log=log)
    return edge


# --- A chosen origin: the VCL's own rules -------------------------------------------------------


@dataclass
class Origin:
    """An HTTP origin in a thread; every request it answers is recorded."""

    server: ThreadingHTTPServer
    seen: list = field(default_factory=list)
    connections: list = field(default_factory=list)

    @property
    def port(self) -> int:
        return self.server.server_address[1]

    def hits(self, path: str) -> int:
        return sum(1 for _method, seen_path, _cookie in self.seen if seen_path == path)

    def stop(self):
        """Stop listening and cut the connections Varnish keeps open: the origin is really gone."""
        self.server.shutdown()
        self.server.server_close()
        for conn in self.connections:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)


# Path prefix -> Cache-Control and extra headers the origin answers with.
ORIGIN_RULES = {
    "/public": ("public, max-age=0, s-maxage=3600", {}),
    "/short": ("public, max-age=0, s-maxage=1", {}),
    "/set-cookie": ("public, max-age=0, s-maxage=3600", {"Set-Cookie": "tracking=1; Path=/"}),
    "/private": ("private, max-age=600", {}),
    "/no-cache-control": (None, {}),
}


def start_origin() -> Origin:
    origin = None

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self):
            super().setup()
            origin.connections.append(self.connection)

        def answer(self):
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            origin.seen.append((self.command, self.path, self.headers.get("Cookie")))
            if self.path == "/health/":
                cache_control, extra = "no-store", {}
            else:
                rule = next((rule for prefix, rule in ORIGIN_RULES.items() if self.path.startswith(prefix)), ("no-store", {}))
                cache_control, extra = rule
            number = origin.hits(self.path)
            body = f"{self.command} {self.path} n°{number} cookie={self.headers.get('Cookie')}\n".encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            if cache_control:
                self.send_header("Cache-Control", cache_control)
            for name, value in extra.items():
                self.send_header(name, value)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        do_GET = do_HEAD = do_POST = answer

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    # Varnish keeps idle connections to its backend: closing must not wait for them.
    server.block_on_close = False
    origin = Origin(server)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return origin


@pytest.fixture(scope="module")
def chosen_origin(tmp_path_factory):
    """A chosen origin behind varnishd whose purge ACL does not include loopback."""
    origin = start_origin()
    edge = start_varnish(tmp_path_factory.mktemp("edge-origin"), origin.port, purgers=[FOREIGN_PURGER])
    yield origin, edge
    edge.stop()
    origin.stop()


def test_public_answers_are_stored_and_hide_s_maxage_downstream(chosen_origin):
    origin, edge = chosen_origin
    first, second = edge.get("/public/stored"), edge.get("/public/stored")
    assert (first.status, first.cache, second.cache) == (200, "MISS", "HIT")
    assert second.body == first.body
    assert origin.hits("/public/stored") == 1
    assert "age" in second.headers
    # Only this edge is purged: caches further down must not keep the page.
    assert second.headers["cache-control"] == "public, max-age=0, s-maxage=0"


@pytest.mark.parametrize("path", ["/set-cookie/page", "/private/page", "/no-cache-control/page"])
def test_answers_not_marked_public_or_setting_a_cookie_are_never_stored(chosen_origin, path):
    origin, edge = chosen_origin
    answers = [edge.get(path) for _ in range(3)]
    assert [answer.status for answer in answers] == [200, 200, 200]
    assert "HIT" not in {answer.cache for answer in answers}
    assert origin.hits(path) == 3


def test_analytics_cookies_are_dropped_and_session_cookies_go_to_the_origin(chosen_origin):
    origin, edge = chosen_origin
    path = "/public/cookies"
    with_analytics = edge.get(path, Cookie="_ga=GA1.2.3; consent=oui")
    assert (with_analytics.cache, with_analytics.cookie_seen) == ("MISS", "None")
    assert edge.get(path).cache == "HIT"
    for cookie in ("sessionid=abc123", "_ga=GA1.2.3; csrftoken=xyz"):
        answer = edge.get(path, Cookie=cookie)
        assert answer.cache == "PASS"
        assert answer.cookie_seen == cookie
    assert edge.get(path, Authorization="Basic dXNlcjpwYXNz").cache == "PASS"
    assert origin.hits(path) == 4
    assert edge.get(path).cache == "HIT"


def test_query_strings_are_sorted_and_campaign_tags_dropped(chosen_origin):
    origin, edge = chosen_origin
    first = edge.get("/public/query?b=2&utm_source=lettre&a=1&fbclid=xyz")
    assert first.cache == "MISS"
    assert first.body.startswith("GET /public/query?a=1&b=2 ")
    assert edge.get("/public/query?a=1&b=2").cache == "HIT"
    assert edge.get("/public/query?utm_campaign=x&a=1&b=2&gclid=y").cache == "HIT"
    assert origin.hits("/public/query?a=1&b=2") == 1


def test_the_edge_strips_the_same_campaign_tags_as_the_app(chosen_origin):
    """Any case, with or without a value, anywhere in the query (issue 18, finding 5)."""
    _origin, edge = chosen_origin
    first = edge.get("/public/tags?UTM_Source=x&b=2&dclid&utm_1=y&a=1&FBCLID=z&_ga=1")
    assert first.body.startswith("GET /public/tags?a=1&b=2 ")
    assert edge.get("/public/tags?a=1&b=2&Utm_Term=t").cache == "HIT"
    assert edge.get("/public/tags?gclid=1&xtor=2").body.startswith("GET /public/tags ")
    assert edge.get("/public/tags?outm_x=1").body.startswith("GET /public/tags?outm_x=1 ")


def test_other_methods_go_to_the_origin_and_unknown_ones_are_refused(chosen_origin):
    origin, edge = chosen_origin
    path = "/public/form"
    for _ in range(2):
        posted = request(edge.public_port, path, method="POST", body=b"q=1")
        assert (posted.status, posted.cache) == (200, "PASS")
    assert origin.hits(path) == 2
    assert edge.get(path).cache == "MISS"
    brewed = request(edge.public_port, path, method="BREW")
    assert brewed.status == 405
    assert brewed.body == "Méthode non autorisée.\n"


def test_purge_is_refused_outside_the_acl_and_on_the_readers_listener(chosen_origin):
    """Loopback is not in this varnishd's ACL: its PURGE is refused and the page stays cached.

    What this proves: an address outside newsroom_purgers gets 403 on the purge listener (the
    test cannot send from another address, so the ACL here excludes loopback instead), and a
    PURGE arriving on the readers' listener, as one relayed by nginx would, gets 405 even from an
    address the ACL would accept (see the app tests below, whose ACL is loopback).
    """
    origin, edge = chosen_origin
    path = "/public/protected"
    edge.get(path)
    refused = edge.purge(path)
    assert refused.status == 403
    assert refused.body == "Accès refusé\u00a0: cette adresse ne peut pas purger le cache.\n"
    assert edge.purge(path, listener="public").status == 405
    assert edge.get(path).cache == "HIT"
    assert origin.hits(path) == 1


def test_a_stale_copy_is_served_while_the_origin_is_down(tmp_path):
    """After its TTL, a page is still served from the cache when the origin refuses connections."""
    origin = start_origin()
    edge = start_varnish(tmp_path, origin.port, purgers=["127.0.0.1"])
    try:
        fresh = edge.get("/short/page")
        assert fresh.cache == "MISS"
        time.sleep(1.5)  # s-maxage=1: the copy is now stale
        origin.stop()
        stale = edge.get("/short/page")
        assert (stale.status, stale.cache, stale.body) == (200, "HIT", fresh.body)
        never_cached = edge.get("/public/never-seen")
        assert never_cached.status == 503
        assert "Site momentanément indisponible" in never_cached.body
    finally:
        edge.stop()


# --- The app, served like `make serve` ------------------------------------------------------------


@dataclass
class App:
    port: int
    edge: Edge
    process: subprocess.Popen
    log: Path
    redis_url: str


@pytest.fixture(scope="module")
def app(django_db_setup, django_db_blocker, tmp_path_factory):
    """gunicorn with the production settings behind varnishd; the app purges that varnishd.

    The two workers and this test process share the application cache through Redis, as several
    app servers do in production: a publication here purges the workers' cached pages too.
    """
    directory = tmp_path_factory.mktemp("edge-app")
    app_port, purge_port = free_port(), free_port()
    with django_db_blocker.unblock():
        url = database_url()
    redis, redis_url = start_redis(directory)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
        # This process's key: sessions it opens (force_login) must be valid in the app too.
        "DJANGO_SECRET_KEY": django_settings.SECRET_KEY,
        "DJANGO_ALLOWED_HOSTS": f"{HOST},127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": url,
        "REDIS_URL": redis_url,
        "DJANGO_STATIC_ROOT": str(directory / "static"),
        "DJANGO_MEDIA_ROOT": str(directory / "media"),
        "HOST": "127.0.0.1",
        "PORT": str(app_port),
        "WEB_CONCURRENCY": "2",
        "NEWSROOM_SCHEDULER": "0",
        "NEWSROOM_VARNISH_URL": f"http://127.0.0.1:{purge_port}",
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    python = sys.executable
    log = directory / "gunicorn.log"
    process = edge = None
    try:
        # As `make serve`: collectstatic first (gunicorn workers read the static manifest once).
        subprocess.run([python, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True, timeout=120)  # noqa: S603
        with log.open("wb") as output:
            process = subprocess.Popen(  # noqa: S603 - the command `make serve` runs
                [python, "-m", "gunicorn", "-c", "gunicorn.conf.py", "newsroom.wsgi:application"],
                cwd=ROOT,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: the master and its workers
            )
        wait_for(lambda: request(app_port, "/health/").status == 200, "gunicorn", process=process, log=log)
        # Started once the app answers: varnishd then counts it healthy from the start (a backend
        # its probe saw down gets no request, 503, until enough probes succeed).
        edge = start_varnish(directory / "varnish", app_port, purgers=["127.0.0.1", "::1"], purge_port=purge_port)
        wait_for(lambda: edge.get("/health/").status == 200, "the app seen healthy by varnishd", log=edge.log)
        yield App(app_port, edge, process, log, redis_url)
    finally:
        if edge is not None:
            edge.stop()
        if process is not None:
            # Nothing is in flight and the data is the test database's: kill the master and its
            # workers at once (a clean shutdown spends seconds in the workers' interpreter exit).
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
        stop_process(redis)


@pytest.fixture
def purging_to(app, settings):
    """This process publishes like an app server: same shared cache, purges to the same varnishd."""
    settings.CACHES = {
        # The same backend and key prefix as the REDIS_URL branch of the settings.
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": app.redis_url, "KEY_PREFIX": "newsroom"}
    }
    settings.WAGTAILFRONTENDCACHE = {
        "varnish-1": {
            "BACKEND": "newsroom.edge_purge.TimeoutHTTPBackend",
            "LOCATION": f"http://127.0.0.1:{app.edge.purge_port}",
        }
    }
    return app


def wait_for_edge(edge: Edge, path: str, text: str, timeout: float = 5.0) -> tuple[Answer, int]:
    """Poll the page at the edge until it shows `text` (or `timeout` passes); the last answer and the number of requests."""
    start, polls = time.perf_counter(), 0
    while True:
        answer, polls = edge.get(path), polls + 1
        if text in answer.body or time.perf_counter() - start > timeout:
            return answer, polls
        time.sleep(0.01)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_publishing_purges_the_edge(purging_to, capsys, record_property):
    app = purging_to
    section = factories.make_section(title="Cybersécurité")
    factories.make_article(section=section, title="Premier article déjà en ligne")

    first, second = app.edge.get("/"), app.edge.get("/")
    assert (first.status, first.cache, second.cache) == (200, "MISS", "HIT")
    assert "Premier article déjà en ligne" in second.body
    assert second.headers.get("etag")

    headline = "Un rançongiciel paralyse trois hôpitaux"
    draft = factories.make_article(section=section, title=headline, publish=False)
    assert headline not in app.edge.get("/").body

    started = time.perf_counter()
    draft.latest_revision.publish()  # commits, then purges the application cache and the edge
    published = time.perf_counter()
    answer, polls = wait_for_edge(app.edge, "/", headline)
    visible = time.perf_counter()
    assert headline in answer.body
    assert answer.cache == "MISS"
    # Measures, not checks: reported in the output (and the JUnit XML), never asserted.
    publish_ms, visible_ms = round((published - started) * 1000), round((visible - started) * 1000)
    record_property("publish_call_ms", publish_ms)
    record_property("publish_to_visible_ms", visible_ms)
    with capsys.disabled():
        print(
            f"\n[edge] publish() {publish_ms} ms (save, commit, purges); headline on the home page at the edge {visible_ms} ms after the call ({polls} request(s))"
        )

    # A purge of a path bans every query variant of it, and nothing else.
    section_path = section.url
    article_path = draft.specific.url
    for path in (section_path, section_path + "?page=2", article_path):
        app.edge.get(path)
        assert app.edge.get(path).cache == "HIT", path
    assert app.edge.purge(section_path).status == 200
    assert app.edge.get(section_path).cache == "MISS"
    assert app.edge.get(section_path + "?page=2").cache == "MISS"
    assert app.edge.get(article_path).cache == "HIT"

    # `PURGE /*`, for changes shown on every page, drops everything in one ban.
    assert app.edge.purge("/*").status == 200
    assert {path: app.edge.get(path).cache for path in ("/", article_path)} == {"/": "MISS", article_path: "MISS"}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_logged_in_readers_always_reach_the_app(app, journalist):
    section = factories.make_section(title="Économie")
    factories.make_article(section=section, title="Les levées de fonds du trimestre")
    anonymous = app.edge.get("/")
    assert app.edge.get("/").cache == "HIT"

    client = Client()
    client.force_login(journalist)
    session = client.cookies["sessionid"].value
    for _ in range(2):
        logged_in = app.edge.get("/", Cookie=f"_ga=GA1.2.3; sessionid={session}")
        assert (logged_in.status, logged_in.cache) == (200, "PASS")
        # The Wagtail userbar is only rendered for a signed-in editor: the app answered.
        assert "wagtail-userbar" in logged_in.body

    after = app.edge.get("/")
    assert after.cache == "HIT"
    assert "wagtail-userbar" not in after.body
    assert after.body == anonymous.body


def test_newsroom_varnish_url_gives_one_wagtail_purge_backend_per_varnish():
    """The production settings turn NEWSROOM_VARNISH_URL into one Wagtail HTTP purge backend per address."""
    # The settings module alone, read in a fresh interpreter with the deployment's environment.
    code = "import json\nfrom newsroom.settings import production as s\nprint(json.dumps([s.WAGTAILFRONTENDCACHE, s.WAGTAILFRONTENDCACHE_LANGUAGES]))"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
        "DJANGO_SECRET_KEY": "x" * 50,
        "DJANGO_ALLOWED_HOSTS": HOST,
        "NEWSROOM_VARNISH_URL": "http://10.0.0.31:6091, http://10.0.0.32:6091",
    }
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=True)  # noqa: S603
    backend = "newsroom.edge_purge.TimeoutHTTPBackend"
    assert json.loads(result.stdout.strip().splitlines()[-1]) == [
        {
            "varnish-1": {"BACKEND": backend, "LOCATION": "http://10.0.0.31:6091"},
            "varnish-2": {"BACKEND": backend, "LOCATION": "http://10.0.0.32:6091"},
        },
        [],
    ]
