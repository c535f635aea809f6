"""Several app servers share the page cache through Redis: a purge made by one is seen by the other.

A real Debian `redis-server` on a unix socket, two real gunicorn app servers (one worker each, the
test settings, the pytest database); an editor unpublishes an article through the admin of server
A, and server B stops serving it at once, from its next request.
"""

import contextlib
import http.client
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

from django.db import connection

import pytest

from articles import factories
from articles.models import ArticlePage

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port: int, path: str, method: str = "GET", headers: dict | None = None, body: str | None = None):
    """(status, headers, text) of one request, no redirect followed."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    try:
        conn.request(method, path, body=body, headers={"Host": "localhost", **(headers or {})})
        response = conn.getresponse()
        return response.status, {key.lower(): value for key, value in response.getheaders()}, response.read().decode()
    finally:
        conn.close()


def wait_for(check, what: str, process: subprocess.Popen, log: Path | None = None, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        with contextlib.suppress(OSError):
            if check():
                return
        time.sleep(0.05)
    output = log.read_text(errors="replace")[-3000:] if log and log.exists() else ""
    pytest.fail(f"{what} did not come up.\n{output}")


def database_url() -> str:
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db.get("PASSWORD"):
        credentials += ":" + quote(db["PASSWORD"], safe="")
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{credentials}@{quote(db['HOST'] or '', safe='')}{port}/{quote(db['NAME'], safe='')}"


@pytest.fixture
def redis_url(tmp_path):
    redis_server = shutil.which("redis-server") or "/usr/sbin/redis-server"
    assert Path(redis_server).exists(), "redis-server is missing: scripts/ensure-system-packages.sh installs it"
    sock = tmp_path / "redis.sock"
    process = subprocess.Popen(  # noqa: S603 - our own command line
        [redis_server, "--port", "0", "--unixsocket", str(sock), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(sock.exists, "redis-server", process)
        yield f"unix://{sock}"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def app_servers(redis_url, tmp_path):
    """Two gunicorn app servers sharing `redis_url`: their ports."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.test",
        "DATABASE_URL": database_url(),
        "REDIS_URL": redis_url,
        "WEB_CONCURRENCY": "1",
        "NEWSROOM_SCHEDULER": "0",
        "DJANGO_LOG_LEVEL": "WARNING",
        "HOST": "127.0.0.1",
    }
    servers = []
    try:
        for name in ("a", "b"):
            port, log = free_port(), tmp_path / f"gunicorn-{name}.log"
            with log.open("wb") as output:
                process = subprocess.Popen(
                    [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "newsroom.wsgi:application"],
                    cwd=ROOT,
                    env={**env, "PORT": str(port)},
                    stdout=output,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            servers.append((port, process, log))
        for port, process, log in servers:
            wait_for(lambda port=port: get(port, "/health/")[0] == 200, "gunicorn", process, log)
        yield [port for port, _process, _log in servers]
    finally:
        for _port, process, _log in servers:
            # Test data only, nothing in flight: the master and its worker go at once.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


# Committed data, seen by the app servers; the migrations' rows (groups, home page) restored after.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_purge_on_one_app_server_is_seen_by_the_other(app_servers, client, editor):
    server_a, server_b = app_servers
    section = factories.make_section(title="Business")
    article = factories.make_article(section=section, title="Mistral lève des fonds")

    status, headers, home = get(server_a, "/")
    assert (status, headers["x-cache"]) == (200, "MISS")
    assert "Mistral lève des fonds" in home
    # Server B never rendered the home page: it gets server A's copy from Redis.
    assert get(server_b, "/")[1]["x-cache"] == "HIT"
    assert get(server_b, article.url)[1]["x-cache"] == "MISS"
    assert get(server_a, article.url)[1]["x-cache"] == "HIT"

    # The editor unpublishes through server A's admin (a session opened here, in the shared database).
    client.force_login(editor)
    token = secrets.token_hex(16)
    status, headers, _body = get(
        server_a,
        f"/admin/pages/{article.pk}/unpublish/",
        method="POST",
        headers={
            "Cookie": f"sessionid={client.cookies['sessionid'].value}; csrftoken={token}",
            "Content-Type": "application/x-www-form-urlencoded",
        },
        body=f"csrfmiddlewaretoken={token}",
    )
    assert status == 302, _body[:500]
    assert not ArticlePage.objects.get(pk=article.pk).live

    status, headers, home = get(server_b, "/")
    assert headers["x-cache"] == "MISS"
    assert "Mistral lève des fonds" not in home
    assert get(server_b, article.url)[0] == 404
