"""Several app servers share the page cache through Redis: a purge made by one is seen by the other.

A real Debian `redis-server` on a unix socket, two real gunicorn app servers (one worker each, the
test settings, the pytest database); an editor unpublishes an article through the admin of server
A, and server B stops serving it at once, from its next request.
"""

import contextlib
import http.client
import os
import secrets
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from articles.models import ArticlePage
from demo import factories
from tests.servers import database_url, free_port, running_redis, wait_for

ROOT = Path(__file__).resolve().parents[2]


def get(port: int, path: str, method: str = "GET", headers: dict | None = None, body: str | None = None):
    """(status, headers, text) of one request, no redirect followed."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    try:
        conn.request(method, path, body=body, headers={"Host": "localhost", **(headers or {})})
        response = conn.getresponse()
        return response.status, {key.lower(): value for key, value in response.getheaders()}, response.read().decode()
    finally:
        conn.close()


@pytest.fixture
def redis_url(tmp_path):
    with running_redis(tmp_path) as url:
        yield url


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
            wait_for(lambda port=port: get(port, "/health/")[0] == 200, "gunicorn", timeout=30.0, process=process, log=log)
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
